package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;

/**
 * An inclusive range {@code [min, max]} of whole numbers that a measure must fall in: counts,
 * days, years, or minor units of money.
 *
 * <pre>{@code
 * Bound.atLeast(2);        // [2, Long.MAX_VALUE]
 * Bound.between(25, 30);   // [25, 30]
 * }</pre>
 *
 * @param min the smallest value allowed
 * @param max the largest value allowed
 */
public record Bound(long min, long max) {
    /** @throws InvalidValueException if {@code max < min} */
    public Bound {
        if (max < min) {
            throw new InvalidValueException("bound", "max " + max + " is below min " + min);
        }
    }

    /**
     * @param min the smallest value allowed
     * @return {@code [min, Long.MAX_VALUE]}
     */
    public static Bound atLeast(long min) {
        return new Bound(min, Long.MAX_VALUE);
    }

    /**
     * @param max the largest value allowed
     * @return {@code [Long.MIN_VALUE, max]}
     */
    public static Bound atMost(long max) {
        return new Bound(Long.MIN_VALUE, max);
    }

    /**
     * @param min the smallest value allowed
     * @param max the largest value allowed
     * @return {@code [min, max]}
     */
    public static Bound between(long min, long max) {
        return new Bound(min, max);
    }

    /**
     * @param value a value
     * @return true if {@code min <= value <= max}
     */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /**
     * @param value a value
     * @return true if {@code min <= value <= max}
     */
    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        if (max == Long.MAX_VALUE) {
            return ">= " + min;
        }
        if (min == Long.MIN_VALUE) {
            return "<= " + max;
        }
        return min == max ? "= " + min : min + ".." + max;
    }
}
