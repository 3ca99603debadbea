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
            throw new InvalidValueException("email", masked(value) + " is not normalised; use Email.parse");
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
            throw new InvalidValueException("email", masked(value) + " is not an e-mail address");
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
        // NFKC turns full-width letters and ＠ into ASCII
        return java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFKC)
                .strip()
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The address for an error message with the mailbox hidden: messages end up in logs. */
    private static String masked(String value) {
        int at = value.indexOf('@');
        String shown = at > 0 ? value.charAt(0) + "***" + value.substring(at) : "***";
        return Check.quote(shown);
    }

    @Override
    public String toString() {
        return value;
    }
}
