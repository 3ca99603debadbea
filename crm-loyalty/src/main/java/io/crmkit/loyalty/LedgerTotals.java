package io.crmkit.loyalty;

import java.time.Instant;

/**
 * The whole ledger as of an instant, summed over every member's {@link Balance}: the brand's points
 * liability ({@link #outstanding()}) and the totals that reconcile it.
 *
 * <pre>{@code
 * LedgerTotals t = ledger.totals(now);
 * t.outstanding(); // points members can still redeem or will once pending points unlock
 * }</pre>
 *
 * @param asOf the instant
 * @param members members with at least one entry by then
 * @param available sum of available points
 * @param pending sum of pending points
 * @param debt sum of open debts
 * @param earned sum of points earned
 * @param redeemed sum of points redeemed
 * @param expired sum of points expired
 * @param clawedBack sum of points clawed back
 * @param writtenOff sum of clawed-back points written off
 */
public record LedgerTotals(
        Instant asOf,
        long members,
        long available,
        long pending,
        long debt,
        long earned,
        long redeemed,
        long expired,
        long clawedBack,
        long writtenOff) {

    /** @return available plus pending minus debt: the points liability */
    public long outstanding() {
        return available + pending - debt;
    }

    /** @return true if the totals add up like each balance's */
    public boolean reconciles() {
        return outstanding() == earned - redeemed - expired - clawedBack + writtenOff;
    }
}
