package io.crmkit.analytics.internal;

import io.crmkit.core.InvalidValueException;

/** Argument checks shared by the models' public methods. */
public final class Args {
    private Args() {}

    /**
     * @param name parameter name
     * @param value must be finite and positive
     */
    public static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidValueException(name, value + " is not a finite number > 0");
        }
    }

    /**
     * @param name argument name
     * @param value must be finite and {@code >= 0}
     */
    public static void nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidValueException(name, value + " is not a finite number >= 0");
        }
    }

    /** Checks one customer's frequency, recency and T as a summary row is checked. */
    public static void customer(double x, double tx, double t) {
        if (!Double.isFinite(x) || x < 0 || x != Math.rint(x)) {
            throw new InvalidValueException("frequency", x + " is not a whole number >= 0");
        }
        nonNegative("T", t);
        nonNegative("recency", tx);
        if (tx > t) {
            throw new InvalidValueException("recency", tx + " is greater than T " + t);
        }
        if (x == 0 && tx != 0) {
            throw new InvalidValueException("recency", tx + " with frequency 0; without repeat purchases recency is 0");
        }
    }
}
