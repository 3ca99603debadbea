package io.crmkit.analytics;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * Root of the exceptions that crm-analytics throws on purpose; catch it to handle any analytics
 * failure.
 *
 * <pre>{@code
 * try {
 *     BgNbd.fit(summary);
 * } catch (AnalyticsException e) {
 *     log.warn("CLV model not fitted: {}", e.getMessage());
 * }
 * }</pre>
 */
public class AnalyticsException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the input and where */
    public AnalyticsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the input and where
     * @param cause the underlying failure
     */
    public AnalyticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
