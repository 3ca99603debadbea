package io.crmkit.analytics;

import java.io.Serial;

/**
 * A special function could not be evaluated to full double precision at the given arguments (for
 * example the Gauss hypergeometric series did not converge in its term budget because its argument
 * is within 10^-7 of 1). The message names the function and the arguments.
 *
 * <pre>{@code
 * try {
 *     model.probabilityAlive(x, tx, t);
 * } catch (NumericalException e) {
 *     // parameters far outside any real data set
 * }
 * }</pre>
 */
public class NumericalException extends AnalyticsException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message the function, its arguments and what failed */
    public NumericalException(String message) {
        super(message);
    }
}
