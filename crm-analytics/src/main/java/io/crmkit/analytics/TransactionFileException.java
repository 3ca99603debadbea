package io.crmkit.analytics;

import java.io.Serial;

/**
 * A transaction or summary file cannot be read: a missing column, a date in none of the accepted
 * forms, an amount that is not a number. The message names the file, line and column.
 *
 * <pre>{@code
 * // TransactionFileException: orders.csv line 17 column "date": "2024/13/01" is not a date
 * // (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, YYYYMMDD or an ISO instant such as 2024-08-11T13:24:22Z)
 * }</pre>
 */
public class TransactionFileException extends AnalyticsException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message the file, line, column and reason */
    public TransactionFileException(String message) {
        super(message);
    }

    /**
     * @param message the file, line, column and reason
     * @param cause the underlying I/O or parse failure
     */
    public TransactionFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
