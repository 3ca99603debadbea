package io.crmkit.automation.spi;

import io.crmkit.automation.AutomationException;
import java.io.Serial;

/**
 * Thrown by a gateway that could not carry out an effect. A {@link #isTransient() transient}
 * failure (timeout, rate limit, 5xx) is retried with bounded back-off; a permanent one (invalid
 * address, blocked member) is recorded for this member and the journey goes on.
 */
public class DeliveryException extends AutomationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean isTransient;

    /**
     * @param message what went wrong (no personal data)
     * @param isTransient whether trying again later may succeed
     */
    public DeliveryException(String message, boolean isTransient) {
        super(message);
        this.isTransient = isTransient;
    }

    /**
     * @param message what went wrong
     * @return a failure worth retrying
     */
    public static DeliveryException transientFailure(String message) {
        return new DeliveryException(message, true);
    }

    /**
     * @param message what went wrong
     * @return a failure not worth retrying
     */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false);
    }

    /** @return whether trying again later may succeed */
    public boolean isTransient() {
        return isTransient;
    }
}
