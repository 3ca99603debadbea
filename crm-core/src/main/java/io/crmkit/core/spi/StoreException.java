package io.crmkit.core.spi;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * A store refused or failed a read or write. Adapters wrap their own failures (an {@code
 * SQLException}, say) in this type, keeping the cause.
 */
public class StoreException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the adapter's own exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
