package io.crmkit.segmentation;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A JSON tier programme ({@code "crmkit": "tiers/1"}) cannot be read: it is not well-formed JSON,
 * has another format version, an unknown, repeated or missing field, a value of the wrong JSON type
 * or out of range, bad money or currency text, or settings that {@link TierProgram.Builder#build()}
 * refuses (e.g. requirements that do not increase from tier to tier). Like its parent {@link
 * SegmentJsonException}, it names the JSON path, the line and column, and the reason.
 *
 * <pre>{@code
 * try {
 *     TierProgram p = TierJson.fromJson(text);
 * } catch (TierJsonException e) {
 *     // "$.tiers[2].minSpend (line 14, column 19): \"abc\" is not an amount (a plain decimal such as \"100000.00\")"
 *     editor.mark(e.line().orElse(1), e.column().orElse(1), e.reason());
 * }
 * }</pre>
 *
 * <p>See {@code docs/tiers.md} for the format.
 */
public class TierJsonException extends SegmentJsonException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param path the JSON path of the offending value, e.g. {@code $.tiers[2].minSpend}
     * @param line the 1-based line of the value, or 0 if not known
     * @param column the 1-based column (in characters) of the value, or 0 if not known
     * @param reason what is wrong and, where there is a choice, what is allowed
     * @param cause the underlying failure, if any
     */
    public TierJsonException(String path, int line, int column, String reason, @Nullable Throwable cause) {
        super(path, line, column, reason, cause);
    }
}
