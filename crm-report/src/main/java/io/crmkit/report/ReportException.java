package io.crmkit.report;

import io.crmkit.core.CrmException;

/**
 * A report could not be computed or written: no order to report on, two sections or tables with one
 * id, or a file that could not be written (the message names it).
 *
 * <pre>{@code
 * try {
 *     report.write(dir);
 * } catch (ReportException e) {
 *     System.err.println(e.getMessage()); // "report/report.html: cannot write: ..."
 * }
 * }</pre>
 */
public final class ReportException extends CrmException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, where and why */
    public ReportException(String message) {
        super(message);
    }

    /**
     * @param message what failed, where and why
     * @param cause the underlying failure
     */
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
