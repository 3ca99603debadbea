package io.crmkit.analytics;

import java.io.Serial;

/**
 * Maximum-likelihood fitting did not converge within its evaluation budget, or the likelihood could
 * not be evaluated at any point the optimiser tried. The message says which model, how many
 * evaluations were spent and where the optimiser stopped.
 *
 * <pre>{@code
 * BgNbd.fit(summary, FitOptions.custom().maxEvaluations(10).build());
 * // FitException: BG/NBD: the maximum-likelihood fit did not converge within 10 evaluations ...
 * }</pre>
 */
public class FitException extends AnalyticsException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what did not converge and where it stopped */
    public FitException(String message) {
        super(message);
    }

    /**
     * @param message what did not converge and where it stopped
     * @param cause the optimiser's failure
     */
    public FitException(String message, Throwable cause) {
        super(message, cause);
    }
}
