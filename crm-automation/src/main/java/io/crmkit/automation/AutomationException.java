package io.crmkit.automation;

import io.crmkit.core.CrmException;
import java.io.Serial;

/** Root of the exceptions of the journey engine (bad definitions, bad events, store failures). */
public class AutomationException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and where */
    public AutomationException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public AutomationException(String message, Throwable cause) {
        super(message, cause);
    }
}
