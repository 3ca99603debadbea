package io.crmkit.loyalty;

import java.io.Serial;

/**
 * A known coupon, voucher, membership, subscription or referral cannot be used for this request:
 * it expired, is used up, belongs to someone else, a budget is spent, a referral would loop. The
 * {@link #reason()} says which; the message names the code and the instants. Nothing was recorded.
 *
 * <pre>{@code
 * catch (NotAllowedException e) {
 *     if (e.reason() == NotAllowedException.Reason.EXPIRED) { ... }
 * }
 * }</pre>
 */
public final class NotAllowedException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** Used at or after its expiry instant. */
        EXPIRED,
        /** Used before its validity starts. */
        NOT_YET_VALID,
        /** A one-time coupon already redeemed against another order. */
        ALREADY_REDEEMED,
        /** A voucher with no units left. */
        USED_UP,
        /** Used or given away by a member who does not hold it. */
        NOT_HOLDER,
        /** The campaign's total budget of coupons is spent. */
        BUDGET_EXHAUSTED,
        /** The member already has as many coupons of the campaign as allowed. */
        MEMBER_LIMIT,
        /** A member referring themselves. */
        SELF_REFERRAL,
        /** The referee already has a referrer. */
        ALREADY_REFERRED,
        /** The attribution would close a loop of referrals. */
        REFERRAL_LOOP,
        /** The referee is not a new member: unknown to the CRM, or bought before the attribution. */
        NOT_NEW_MEMBER,
        /** A request whose instant is earlier than the last recorded change of the same record. */
        OUT_OF_ORDER
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what was refused, naming the code, member and instants
     */
    public NotAllowedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the request was refused */
    public Reason reason() {
        return reason;
    }
}
