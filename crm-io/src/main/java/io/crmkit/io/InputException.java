package io.crmkit.io;

import java.io.Serial;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The input stops the import: a row rejected in {@link ImportMode#STRICT} mode, more rejected rows
 * than the error limit, a missing column, a file that is not readable text. It names the file, the
 * line (1-based, the header is line 1), the column when there is one, and the reason.
 *
 * <pre>{@code
 * catch (InputException e) {
 *     e.file();   // "orders.csv"
 *     e.line();   // 17
 *     e.column(); // Optional[Total]
 *     e.reason(); // "\"12,3x\" is not an amount"
 * }
 * }</pre>
 */
public class InputException extends ImportException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final @Nullable String column;
    private final String reason;

    /**
     * @param file the file name as given to the importer
     * @param line the 1-based line where the offending record starts, 0 if the file as a whole is meant
     * @param column the column name, or null if the record as a whole is meant
     * @param reason what is wrong
     */
    public InputException(String file, long line, @Nullable String column, String reason) {
        super(Rejection.describe(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** @return the file name as given to the importer */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 if the whole file is meant */
    public long line() {
        return line;
    }

    /** @return the column name, if one column is meant */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }

    /** @return what is wrong */
    public String reason() {
        return reason;
    }
}
