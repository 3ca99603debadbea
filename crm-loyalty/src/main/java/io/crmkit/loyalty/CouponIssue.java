package io.crmkit.loyalty;

import io.crmkit.core.CampaignId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * A coupon issued to a member, and its redemption once redeemed (one time, against an order).
 *
 * <pre>{@code
 * CouponIssue c = coupons.issue(campaign, member, "journey:bday:M1:2026", now);
 * sendSms(member, c.code());
 * }</pre>
 *
 * @param key the idempotency key it was issued with (unique)
 * @param campaign the campaign
 * @param member who holds it
 * @param code the code (the campaign's shared code or a unique one)
 * @param issuedAt when it was issued
 * @param validFrom first instant it can be redeemed
 * @param expiresAt instant from which it is expired
 * @param redemption its redemption, if redeemed
 */
public record CouponIssue(
        String key,
        CampaignId campaign,
        MemberId member,
        String code,
        Instant issuedAt,
        Instant validFrom,
        Instant expiresAt,
        Optional<Redemption> redemption) {

    /**
     * A coupon's one redemption.
     *
     * @param order the order it was used on
     * @param at when
     */
    public record Redemption(OrderId order, Instant at) {
        /** @throws InvalidValueException if a field is null */
        public Redemption {
            if (order == null || at == null) {
                throw new InvalidValueException("redemption", "order and at are required");
            }
        }
    }

    /** @throws InvalidValueException if a field is null or blank */
    public CouponIssue {
        if (key == null
                || campaign == null
                || member == null
                || code == null
                || issuedAt == null
                || validFrom == null
                || expiresAt == null
                || redemption == null) {
            throw new InvalidValueException("couponIssue", "no field may be null");
        }
        if (key.isBlank() || code.isBlank()) {
            throw new InvalidValueException("couponIssue", "key and code must not be blank");
        }
    }

    /**
     * @param r the redemption
     * @return this coupon, redeemed
     */
    public CouponIssue redeemed(Redemption r) {
        return new CouponIssue(key, campaign, member, code, issuedAt, validFrom, expiresAt, Optional.of(r));
    }

    /**
     * @param asOf an instant
     * @return true if redeemed at or before it
     */
    public boolean isRedeemed(Instant asOf) {
        return redemption.filter(r -> !r.at().isAfter(asOf)).isPresent();
    }

    /**
     * @param asOf an instant
     * @return true if expired by then without a redemption
     */
    public boolean isExpired(Instant asOf) {
        return !isRedeemed(asOf) && !expiresAt.isAfter(asOf);
    }
}
