package io.crmkit.loyalty.spi;

import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponIssue;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where coupon campaigns and issued coupons live. {@link #issue} checks the idempotency key, the
 * code's uniqueness and both budget limits and stores the coupon in one atomic step (SQL: a
 * transaction that locks the campaign row); {@link #redeem} is a compare-and-set on the coupon's
 * redemption.
 *
 * <pre>{@code
 * CouponService coupons = CouponService.builder(brand).store(myStore).build();
 * }</pre>
 */
public interface CouponStore {
    /** The outcome of {@link #issue}. */
    enum IssueResult {
        /** Stored. */
        ISSUED,
        /** A coupon with that key exists: nothing stored. */
        DUPLICATE_KEY,
        /** A unique code of any campaign is already that code: nothing stored, draw another. */
        CODE_TAKEN,
        /** The member has the campaign's {@code perMember} coupons. */
        MEMBER_LIMIT,
        /** The campaign has issued its {@code budget}. */
        BUDGET_EXHAUSTED,
        /** The campaign is not stored. */
        UNKNOWN_CAMPAIGN
    }

    /**
     * @param campaign a campaign
     * @return the campaign already stored with its id or shared code, if any (then nothing is
     *     stored), else empty after storing it
     */
    Optional<CouponCampaign> putCampaignIfAbsent(CouponCampaign campaign);

    /**
     * @param id a campaign id
     * @return the campaign
     */
    Optional<CouponCampaign> campaign(CampaignId id);

    /**
     * @param code a normalised shared code
     * @return the campaign with that shared code
     */
    Optional<CouponCampaign> campaignBySharedCode(String code);

    /** @return every campaign, in id order */
    List<CouponCampaign> campaigns();

    /**
     * Stores a new, unredeemed coupon if its key is new, its code is not another coupon's unique
     * code (shared-code campaigns repeat their code), and the campaign's limits allow; atomically.
     *
     * @param coupon the coupon
     * @return what happened
     */
    IssueResult issue(CouponIssue coupon);

    /**
     * @param key an idempotency key
     * @return the coupon issued with it
     */
    Optional<CouponIssue> findByKey(String key);

    /**
     * @param code a normalised unique code
     * @return the coupon with that unique code
     */
    Optional<CouponIssue> findByCode(String code);

    /**
     * @param campaign a campaign
     * @param member a member
     * @return the member's coupons of the campaign, in issue order
     */
    List<CouponIssue> issuesOf(CampaignId campaign, MemberId member);

    /**
     * Records the redemption if the coupon has none; atomically.
     *
     * @param key the coupon's key
     * @param redemption the redemption
     * @return the coupon as stored afterwards (with the earlier redemption if it already had one);
     *     empty if no coupon has that key
     */
    Optional<CouponIssue> redeem(String key, CouponIssue.Redemption redemption);

    /**
     * @param campaign a campaign
     * @return its coupons, in issue order
     */
    Stream<CouponIssue> issues(CampaignId campaign);
}
