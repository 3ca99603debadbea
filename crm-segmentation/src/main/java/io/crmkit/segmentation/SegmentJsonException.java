package io.crmkit.segmentation;

import java.io.Serial;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A JSON segment definition cannot be read: it is not well-formed JSON, has an unknown format
 * version, an unknown or missing field, a value of the wrong JSON type or out of range, or (for a
 * catalogue) segments that repeat an id, refer to unknown segments or refer to each other in a
 * cycle. The message names the JSON path of the offending value, its line and column when known,
 * and the reason; the parts are also available one by one, e.g. to highlight the field in an
 * editor.
 *
 * <pre>{@code
 * try {
 *     Segment s = SegmentJson.fromJson(text);
 * } catch (SegmentJsonException e) {
 *     // "$.condition.of[2].window.lastDays (line 9, column 23): must be 1..36600, was 0"
 *     editor.mark(e.line().orElse(1), e.column().orElse(1), e.reason());
 * }
 * }</pre>
 *
 * <p>See {@code docs/segment-json.md} for the format and the list of reasons.
 */
public class SegmentJsonException extends SegmentationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param path the JSON path of the offending value, e.g. {@code $.condition.of[2].min}
     * @param line the 1-based line of the value, or 0 if not known
     * @param column the 1-based column (in characters) of the value, or 0 if not known
     * @param reason what is wrong and, where there is a choice, what is allowed
     * @param cause the underlying failure, if any
     */
    public SegmentJsonException(String path, int line, int column, String reason, @Nullable Throwable cause) {
        super(format(path, line, column, reason));
        this.path = path;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        this.reason = reason;
        if (cause != null) {
            initCause(cause);
        }
    }

    private static String format(String path, int line, int column, String reason) {
        StringBuilder b = new StringBuilder(path);
        if (line > 0) {
            b.append(" (line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
            b.append(')');
        }
        return b.append(": ").append(reason).toString();
    }

    /** @return the JSON path of the offending value, {@code $} for the whole document */
    public String path() {
        return path;
    }

    /** @return the 1-based line of the offending value, if known */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** @return the 1-based column, in characters, of the offending value, if known */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** @return what is wrong, without the path and position */
    public String reason() {
        return reason;
    }
}
