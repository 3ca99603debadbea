package io.crmkit.loyalty;

import io.crmkit.core.CampaignId;
import java.time.Instant;

/**
 * Coupons of one campaign as of an instant, for all members or one segment.
 *
 * <pre>{@code
 * CouponReport r = coupons.report(campaign, vipSet::contains, now);
 * r.redemptionRate(); // redeemed / issued
 * }</pre>
 *
 * @param campaign the campaign
 * @param asOf the instant
 * @param issued coupons issued by then
 * @param redeemed of those, redeemed by then
 * @param expired of those, expired unredeemed by then
 * @param outstanding of those, still redeemable or not yet valid
 */
public record CouponReport(
        CampaignId campaign, Instant asOf, long issued, long redeemed, long expired, long outstanding) {

    /** @return redeemed / issued, 0 with nothing issued */
    public double redemptionRate() {
        return issued == 0 ? 0 : (double) redeemed / issued;
    }
}
