package io.crmkit.loyalty;

/**
 * What a clawback does when the points of a refunded order were already spent and the member's
 * other available points do not cover them.
 *
 * <pre>{@code
 * PointsRules.builder(twd).negativeBalance(NegativeBalancePolicy.ALLOW_NEGATIVE)
 * }</pre>
 */
public enum NegativeBalancePolicy {
    /**
     * The shortfall becomes a debt: {@link Balance#points()} goes below zero, and points that become
     * available later repay the debt before they can be redeemed.
     */
    ALLOW_NEGATIVE,
    /**
     * The balance stops at zero; the shortfall is recorded as written off ({@link
     * Balance#writtenOff()}, a {@link StatementLine.Type#WRITTEN_OFF} line) for the brand's books and
     * is never collected.
     */
    CLAMP_AT_ZERO
}
