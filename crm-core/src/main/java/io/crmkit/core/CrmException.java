package io.crmkit.core;

import java.io.Serial;

/**
 * Root of every exception crmkit throws on purpose. Each module has a small hierarchy below it, so a
 * host can catch {@code CrmException} to handle any crmkit failure, or a subtype to handle one kind.
 *
 * <p>Messages name the input and the position when there is one, for example {@code
 * orders.csv line 17 column "Total": "12,3x" is not an amount}.
 */
public class CrmException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the input and where */
    public CrmException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the input and where
     * @param cause the underlying failure
     */
    public CrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
