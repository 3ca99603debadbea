package io.crmkit.loyalty;

import java.io.Serial;

/**
 * A JSON points-rules or coupon-campaign document cannot be read: not well-formed, another format
 * version, an unknown, repeated or missing field, a value of the wrong type or out of range. Names
 * the JSON path, line and column, and the reason.
 *
 * <pre>{@code
 * try {
 *     LoyaltyJson.campaignFromJson(text);
 * } catch (LoyaltyJsonException e) {
 *     // "$.budget (line 9, column 13): must be at least 1, was 0"
 *     editor.mark(e.line(), e.column(), e.reason());
 * }
 * }</pre>
 */
public final class LoyaltyJsonException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param path the JSON path, e.g. {@code $.expiry.afterMonths}
     * @param line 1-based line, 0 if unknown
     * @param column 1-based column, 0 if unknown
     * @param reason what is wrong and what is allowed
     */
    public LoyaltyJsonException(String path, int line, int column, String reason) {
        super(path + " (line " + line + ", column " + column + "): " + reason);
        this.path = path;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** @return the JSON path of the offending value */
    public String path() {
        return path;
    }

    /** @return the 1-based line, 0 if unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, 0 if unknown */
    public int column() {
        return column;
    }

    /** @return what is wrong */
    public String reason() {
        return reason;
    }
}
