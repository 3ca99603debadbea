package io.crmkit.io.internal;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A cell (or a row) cannot be mapped. Thrown by the value parsers and the mappers, caught by the
 * import loop, which turns it into a {@link io.crmkit.io.Rejection}. No stack trace: it is
 * expected, and bad files can have millions of them.
 */
public final class CellException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final @Nullable String column;
    private final @Nullable String value;
    private final long line;

    public CellException(String reason) {
        this(reason, null, null, 0);
    }

    public CellException(String reason, @Nullable String column, @Nullable String value, long line) {
        super(reason, null, false, false);
        this.column = column;
        this.value = value;
        this.line = line;
    }

    /** @return a copy that names the cell, unless this one already names one */
    public CellException at(@Nullable String newColumn, @Nullable String newValue, long newLine) {
        if (column != null && line != 0) {
            return this;
        }
        return new CellException(
                getMessage(),
                column != null ? column : newColumn,
                column != null ? value : newValue,
                line != 0 ? line : newLine);
    }

    public @Nullable String column() {
        return column;
    }

    public @Nullable String value() {
        return value;
    }

    public long line() {
        return line;
    }

    public String reason() {
        String m = getMessage();
        return m == null ? "invalid" : m;
    }
}
