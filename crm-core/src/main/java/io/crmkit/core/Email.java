package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * A normalised e-mail address: trimmed and lower-cased, so that two spellings of one mailbox are
 * equal and identity resolution can match on it.
 *
 * <pre>{@code
 * Email.parse("  Mei.Lin@Example.COM ").value(); // "mei.lin@example.com"
 * }</pre>
 *
 * @param value the normalised address
 */
public record Email(String value) {
    /** @throws InvalidValueException if the value is not a normalised e-mail address */
    public Email {
        Check.notNull(value, "email");
        if (!value.equals(normalise(value))) {
            throw new InvalidValueException("email", Check.quote(value) + " is not normalised; use Email.parse");
        }
        int at = value.indexOf('@');
        if (at <= 0
                || at != value.lastIndexOf('@')
                || at > 64
                || value.length() > 254
                || at == value.length() - 1
                || !value.substring(at + 1).contains(".")
                || value.endsWith(".")
                || value.substring(at + 1).startsWith(".")
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidValueException("email", Check.quote(value) + " is not an e-mail address");
        }
    }

    /**
     * @param raw an address as typed or exported
     * @return the normalised address
     * @throws InvalidValueException if it is not an e-mail address
     */
    public static Email parse(String raw) {
        Check.notNull(raw, "email");
        return new Email(normalise(raw));
    }

    private static String normalise(String raw) {
        return raw.strip().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
