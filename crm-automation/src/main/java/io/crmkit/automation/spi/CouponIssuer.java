package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.MemberId;
import java.time.Instant;

/** Issues coupons of a campaign to members (crm-loyalty's coupon service, or the host's). */
@FunctionalInterface
public interface CouponIssuer {
    /**
     * A coupon to issue.
     *
     * @param key the idempotency key
     * @param journey the journey
     * @param member the member
     * @param campaign the coupon campaign
     * @param at when (engine time)
     */
    record Request(String key, JourneyId journey, MemberId member, String campaign, Instant at) {}

    /**
     * Issues a coupon, or returns the code issued earlier with the same key.
     *
     * @param request what to issue
     * @return the coupon code (messages can show it as {@code ${coupon}})
     * @throws DeliveryException if it could not be issued (e.g. the campaign's budget is spent: permanent)
     */
    String issue(Request request);
}
