package io.crmkit.core.internal;

import io.crmkit.core.InvalidValueException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks that throw {@link InvalidValueException} naming the field. */
public final class Check {
    /** The longest id or code crmkit accepts, in characters. */
    public static final int MAX_ID_LENGTH = 128;

    private Check() {}

    /** Requires a non-null value. */
    public static <T> T notNull(@Nullable T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** Requires a condition, else fails with the message. */
    public static void that(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidValueException(field, message);
        }
    }

    /**
     * Requires an identifier: 1..128 characters, no leading or trailing white space, no control
     * characters.
     */
    public static String id(@Nullable String value, String field) {
        notNull(value, field);
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidValueException(
                    field, "is " + value.length() + " characters long; at most " + MAX_ID_LENGTH + " are allowed");
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            throw new InvalidValueException(field, quote(value) + " has leading or trailing white space");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidValueException(field, "contains a control character at index " + i);
            }
        }
        return value;
    }

    /** Requires a non-blank text, returned trimmed. */
    public static String text(@Nullable String value, String field) {
        notNull(value, field);
        String t = value.strip();
        if (t.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        return t;
    }

    /** Requires a non-negative number. */
    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidValueException(field, "must not be negative, was " + value);
        }
        return value;
    }

    /** Requires a positive number. */
    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidValueException(field, "must be positive, was " + value);
        }
        return value;
    }

    /** A value in double quotes for messages, shortened when long. */
    public static String quote(@Nullable Object value) {
        String s = Objects.toString(value);
        if (s.length() > 60) {
            s = s.substring(0, 57) + "...";
        }
        return '"' + s + '"';
    }
}
