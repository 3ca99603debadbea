package io.crmkit.loyalty;

import java.io.Serial;

/**
 * An idempotency key (external reference) was used before for a different request. A retry must
 * repeat the first request exactly (the instant aside); nothing was recorded.
 *
 * <pre>{@code
 * ledger.earn(m, 100, "signup", "signup-M1", now);
 * ledger.earn(m, 120, "signup", "signup-M1", now); // IdempotencyConflictException: points 100 ≠ 120
 * }</pre>
 */
public final class IdempotencyConflictException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the idempotency key
     * @param difference what differs between the first request and this one
     */
    public IdempotencyConflictException(String key, String difference) {
        super("idempotency key \"" + key + "\" was used for a different request: " + difference);
        this.key = key;
    }

    /** @return the idempotency key */
    public String key() {
        return key;
    }
}
