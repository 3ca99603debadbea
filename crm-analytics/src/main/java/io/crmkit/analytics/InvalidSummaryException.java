package io.crmkit.analytics;

import java.io.Serial;

/**
 * A customer summary cannot be used: a negative frequency, a recency beyond the customer's age, a
 * column of the wrong length, or data that carries no information for the model (e.g. nobody ever
 * bought twice). The message names the row and customer id when one row is at fault.
 *
 * <pre>{@code
 * CustomerSummary.of(new String[] {"c1"}, new double[] {2}, new double[] {40}, new double[] {30});
 * // InvalidSummaryException: row 0 (customer "c1"): recency 40.0 is greater than T 30.0
 * }</pre>
 */
public class InvalidSummaryException extends AnalyticsException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int row;

    /**
     * @param row the 0-based row at fault, or -1 when the summary as a whole is at fault
     * @param message what is wrong and what is allowed
     */
    public InvalidSummaryException(int row, String message) {
        super(message);
        this.row = row;
    }

    /** @return the 0-based row at fault, or -1 when the summary as a whole is at fault */
    public int row() {
        return row;
    }
}
