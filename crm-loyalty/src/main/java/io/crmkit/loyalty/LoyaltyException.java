package io.crmkit.loyalty;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * The root of crm-loyalty's errors: a request that the loyalty rules refuse. Nothing was changed
 * when one is thrown. Bad arguments (negative points, blank keys) throw core's {@link
 * io.crmkit.core.InvalidValueException} instead.
 *
 * <pre>{@code
 * try {
 *     ledger.redeem(member, 500, "gift", "pos-991", now);
 * } catch (InsufficientPointsException e) {
 *     e.available(); // what the member could redeem
 * }
 * }</pre>
 */
public class LoyaltyException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why, naming the member, code or key */
    public LoyaltyException(String message) {
        super(message);
    }
}
