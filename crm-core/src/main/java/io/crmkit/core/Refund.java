package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;

/**
 * Money given back on an order, in full or in part. A refund counts from its own instant: {@link
 * MemberStats} as of an earlier instant does not see it.
 *
 * <pre>{@code
 * Refund r = new Refund(Instant.parse("2026-11-20T03:00:00Z"), Money.of(300, twd), "damaged");
 * }</pre>
 *
 * @param at when the money was given back
 * @param amount how much, positive
 * @param reason why, free text (may be empty)
 */
public record Refund(Instant at, Money amount, String reason) {
    /** @throws InvalidValueException if a field is missing or the amount is not positive */
    public Refund {
        Check.notNull(at, "refund.at");
        Check.notNull(amount, "refund.amount");
        Check.that(amount.isPositive(), "refund.amount", "must be positive, was " + amount);
        Check.notNull(reason, "refund.reason");
        reason = reason.strip();
    }
}
