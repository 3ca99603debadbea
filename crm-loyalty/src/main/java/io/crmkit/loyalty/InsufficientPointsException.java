package io.crmkit.loyalty;

import io.crmkit.core.MemberId;
import java.io.Serial;

/**
 * A redemption asked for more points than the member can redeem at that instant (pending and
 * expired points do not count). Nothing was recorded.
 *
 * <pre>{@code
 * catch (InsufficientPointsException e) { e.requested(); e.available(); }
 * }</pre>
 */
public final class InsufficientPointsException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient MemberId member;
    private final long requested;
    private final long available;

    /**
     * @param member the member
     * @param requested the points asked for
     * @param available the points redeemable at that instant
     */
    public InsufficientPointsException(MemberId member, long requested, long available) {
        super("member " + member.value() + ": cannot redeem " + requested + " points, " + available + " are available");
        this.member = member;
        this.requested = requested;
        this.available = available;
    }

    /** @return the member */
    public MemberId member() {
        return member;
    }

    /** @return the points asked for */
    public long requested() {
        return requested;
    }

    /** @return the points that were redeemable */
    public long available() {
        return available;
    }
}
