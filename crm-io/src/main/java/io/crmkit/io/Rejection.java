package io.crmkit.io;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One rejected row: where it is, which cell was wrong and why. The original row is written to the
 * quarantine file when one is configured.
 *
 * <pre>{@code
 * for (Rejection r : result.rejections()) {
 *     System.out.println(r); // orders.csv line 17 column "Total": "12,3x" is not an amount
 * }
 * }</pre>
 *
 * @param file the file name as given to the importer
 * @param line the 1-based line where the record starts (the header is line 1)
 * @param column the column name, or null if the record as a whole is wrong
 * @param value the offending cell, or null if the record as a whole is wrong
 * @param reason what is wrong
 */
public record Rejection(
        String file,
        long line,
        @Nullable String column,
        @Nullable String value,
        String reason) {
    /** @return the column, if one cell is meant */
    public Optional<String> columnName() {
        return Optional.ofNullable(column);
    }

    @Override
    public String toString() {
        return describe(file, line, column, reason);
    }

    static String describe(String file, long line, @Nullable String column, String reason) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(" line ").append(line);
        }
        if (column != null) {
            b.append(" column \"").append(column).append('"');
        }
        return b.append(": ").append(reason).toString();
    }
}
