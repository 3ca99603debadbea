package io.crmkit.loyalty;

import io.crmkit.loyalty.internal.InMemoryCouponStore;
import io.crmkit.loyalty.internal.InMemoryMembershipStore;
import io.crmkit.loyalty.internal.InMemoryPointsLedgerStore;
import io.crmkit.loyalty.internal.InMemoryReferralStore;
import io.crmkit.loyalty.internal.InMemorySubscriptionStore;
import io.crmkit.loyalty.internal.InMemoryVoucherStore;
import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import io.crmkit.loyalty.spi.ReferralStore;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore;

/**
 * The thread-safe in-memory stores the services use when none is given; new, empty instances.
 *
 * <pre>{@code
 * PointsLedgerStore store = InMemoryStores.pointsLedger();
 * PointsLedger ledger = PointsLedger.builder(brand).store(store).build();
 * }</pre>
 */
public final class InMemoryStores {
    private InMemoryStores() {}

    /** @return an empty in-memory points ledger store */
    public static PointsLedgerStore pointsLedger() {
        return new InMemoryPointsLedgerStore();
    }

    /** @return an empty in-memory coupon store */
    public static CouponStore coupons() {
        return new InMemoryCouponStore();
    }

    /** @return an empty in-memory voucher store */
    public static VoucherStore vouchers() {
        return new InMemoryVoucherStore();
    }

    /** @return an empty in-memory membership store */
    public static MembershipStore memberships() {
        return new InMemoryMembershipStore();
    }

    /** @return an empty in-memory subscription store */
    public static SubscriptionStore subscriptions() {
        return new InMemorySubscriptionStore();
    }

    /** @return an empty in-memory referral store */
    public static ReferralStore referrals() {
        return new InMemoryReferralStore();
    }
}
