package io.crmkit.loyalty;

import java.time.Instant;

/**
 * One line of a member's points statement: a stored entry, or an event derived from them (points
 * unlocking after the return window, expiring, repaying a debt, written off).
 *
 * <pre>{@code
 * for (StatementLine l : ledger.statement(member, now).lines()) {
 *     System.out.println(l.at() + " " + l.type() + " " + l.points() + " → " + l.balanceAfter());
 * }
 * }</pre>
 *
 * @param at when it happened
 * @param type what happened
 * @param points the change of the redeemable balance ({@link Balance#points()}); pending earns and
 *     write-offs change nothing and show 0 here and their amount in {@code amount}
 * @param amount the points the line is about, always positive
 * @param balanceAfter the redeemable balance after the line
 * @param reference the entry's reference, or for derived lines the reference of the earn they concern
 * @param reason the entry's reason
 */
public record StatementLine(
        Instant at, Type type, long points, long amount, long balanceAfter, String reference, String reason) {

    /** Kinds of statement lines. */
    public enum Type {
        /** Points earned and available at once. */
        EARNED,
        /** Points earned but pending until the return window ends. */
        EARNED_PENDING,
        /** Pending points becoming available. */
        UNLOCKED,
        /** Points redeemed. */
        REDEEMED,
        /** Points that expired unused. */
        EXPIRED,
        /** Points clawed back for a refund. */
        CLAWED_BACK,
        /** Newly available points paying an open debt. */
        DEBT_REPAID,
        /** Clawed-back points that could not be taken, under {@link NegativeBalancePolicy#CLAMP_AT_ZERO}. */
        WRITTEN_OFF
    }
}
