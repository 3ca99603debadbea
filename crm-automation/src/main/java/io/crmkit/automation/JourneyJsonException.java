package io.crmkit.automation;

import java.io.Serial;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A JSON journey, journey list or guards document cannot be read: it is not well-formed JSON, has
 * an unknown format, an unknown, repeated or missing field, a value of the wrong JSON type or out
 * of range, an embedded segment condition that is not valid, or it describes a journey that is
 * not valid (a branch to a step that does not exist, split percentages that do not add up to 100,
 * a loop without a wait). The message names the JSON path of the offending value (from the root
 * of the document, also inside embedded conditions), its line and column, and the reason; the
 * parts are also available one by one, e.g. to highlight the field in an editor.
 *
 * <p>It is a {@link JourneyDefinitionException}: a host that already handles invalid definitions
 * built in Java handles invalid JSON definitions the same way. {@link #where()} is the path with
 * its position ({@code $.steps[3].then (line 17, column 15)}), {@link #reason()} the reason.
 *
 * <pre>{@code
 * try {
 *     Journey j = JourneyJson.fromJson(text);
 * } catch (JourneyJsonException e) {
 *     // "$.steps[3].then (line 17, column 15): goes to \"thanks\", which is not a step"
 *     editor.mark(e.line().orElse(1), e.column().orElse(1), e.reason());
 * }
 * }</pre>
 *
 * <p>See {@code docs/journey-json.md} for the format and the messages.
 */
public class JourneyJsonException extends JourneyDefinitionException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;
    private final int column;

    /**
     * @param path the JSON path of the offending value, e.g. {@code $.steps[3].then}
     * @param line the 1-based line of the value, or 0 if not known
     * @param column the 1-based column (in characters) of the value, or 0 if not known
     * @param reason what is wrong and, where there is a choice, what is allowed
     * @param cause the underlying failure (e.g. a {@code SegmentJsonException} inside a condition),
     *     if any
     */
    public JourneyJsonException(String path, int line, int column, String reason, @Nullable Throwable cause) {
        super(where(path, line, column), reason);
        this.path = path;
        this.line = Math.max(0, line);
        this.column = Math.max(0, column);
        if (cause != null) {
            initCause(cause);
        }
    }

    private static String where(String path, int line, int column) {
        StringBuilder b = new StringBuilder(path);
        if (line > 0) {
            b.append(" (line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
            b.append(')');
        }
        return b.toString();
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
}
