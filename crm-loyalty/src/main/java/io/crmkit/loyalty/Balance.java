package io.crmkit.loyalty;

import io.crmkit.core.MemberId;
import java.time.Instant;

/**
 * A member's points as of an instant, with the totals that reconcile it with the ledger:
 * {@code available + pending - debt == earned - redeemed - expired - clawedBack + writtenOff}
 * ({@link #reconciles()}).
 *
 * <pre>{@code
 * Balance b = ledger.balance(member, now);
 * b.points();  // what can be redeemed now (negative while a debt is open)
 * b.pending(); // earned but still inside the return window
 * }</pre>
 *
 * @param member the member
 * @param asOf the instant
 * @param available points that can be redeemed, before debt
 * @param pending points earned but not yet available
 * @param debt clawed-back points not yet covered (policy {@link NegativeBalancePolicy#ALLOW_NEGATIVE})
 * @param earned all points ever earned up to {@code asOf}
 * @param redeemed all points redeemed
 * @param expired all points that expired unused
 * @param clawedBack all points clawed back for refunds
 * @param writtenOff clawed-back points that could not be taken (policy {@link
 *     NegativeBalancePolicy#CLAMP_AT_ZERO})
 */
public record Balance(
        MemberId member,
        Instant asOf,
        long available,
        long pending,
        long debt,
        long earned,
        long redeemed,
        long expired,
        long clawedBack,
        long writtenOff) {

    /** @return the redeemable balance: available minus debt, negative while a debt is open */
    public long points() {
        return available - debt;
    }

    /** @return true if the totals add up (they always do for a balance the ledger computed) */
    public boolean reconciles() {
        return available >= 0
                && pending >= 0
                && debt >= 0
                && available + pending - debt == earned - redeemed - expired - clawedBack + writtenOff;
    }
}
