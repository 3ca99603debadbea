package io.crmkit.loyalty;

import java.io.Serial;

/**
 * A change lost its compare-and-set against concurrent changes of the same record more often than
 * the service retries. Nothing was recorded; the caller may retry with the same idempotency key.
 *
 * <pre>{@code
 * catch (ContentionException e) { retryLater(sameKey); }
 * }</pre>
 */
public final class ContentionException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param what the record and the number of attempts */
    public ContentionException(String what) {
        super(what);
    }
}
