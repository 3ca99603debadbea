package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.CampaignId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import io.crmkit.loyalty.internal.InMemoryCouponStore;
import io.crmkit.loyalty.spi.CouponStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Coupon campaigns, issuing (idempotent by key, within the campaign's budgets; the journey engine's
 * {@code CouponIssuer} is a one-line adapter over {@link #issue}), one-time redemption against an
 * order, and reports of issued / redeemed / expired coupons per campaign and segment. Thread-safe.
 *
 * <pre>{@code
 * CouponService coupons = CouponService.builder(brand).build();
 * coupons.define(birthday);
 * CouponIssue c = coupons.issue(birthday.id(), member, "bday:M1:2026", now);
 * coupons.redeem(c.code(), member, OrderId.of("O-77"), later); // once; again with O-77 returns the same
 * coupons.report(birthday.id(), now);                           // issued 1, redeemed 1, expired 0
 * }</pre>
 */
public final class CouponService {
    private static final int MAX_DRAWS = 20;

    private final CouponStore store;
    private final Map<Integer, CouponCodes> generators = new java.util.concurrent.ConcurrentHashMap<>();

    private CouponService(Builder b) {
        this.store = b.store == null ? new InMemoryCouponStore() : b.store;
    }

    /**
     * @param brand the brand's settings
     * @return a builder with the in-memory store
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder();
    }

    /**
     * Stores a campaign. Defining the same campaign again does nothing.
     *
     * @param campaign the campaign
     * @return the campaign
     * @throws IdempotencyConflictException if another campaign has its id or shared code
     */
    public CouponCampaign define(CouponCampaign campaign) {
        Optional<CouponCampaign> existing = store.putCampaignIfAbsent(campaign);
        if (existing.isPresent() && !existing.get().equals(campaign)) {
            throw new IdempotencyConflictException(
                    campaign.id().value(),
                    "campaign " + existing.get().id().value() + " already holds this id or shared code "
                            + campaign.sharedCode().orElse(""));
        }
        return campaign;
    }

    /**
     * @param id a campaign id
     * @return the campaign
     */
    public Optional<CouponCampaign> campaign(CampaignId id) {
        return store.campaign(id);
    }

    /**
     * Issues a coupon of a campaign to a member.
     *
     * @param campaign the campaign
     * @param member the member
     * @param idempotencyKey unique per coupon; a retry returns the first coupon
     * @param at when
     * @return the coupon
     * @throws UnknownCodeException if the campaign is not defined
     * @throws NotAllowedException {@code EXPIRED} after the campaign's end, {@code MEMBER_LIMIT},
     *     {@code BUDGET_EXHAUSTED}
     * @throws IdempotencyConflictException if the key was used for another campaign or member
     */
    public CouponIssue issue(CampaignId campaign, MemberId member, String idempotencyKey, Instant at) {
        if (campaign == null || member == null || at == null) {
            throw new InvalidValueException("issue", "campaign, member and at are required");
        }
        requireKey(idempotencyKey);
        Optional<CouponIssue> first = store.findByKey(idempotencyKey);
        if (first.isPresent()) {
            return same(first.get(), campaign, member, idempotencyKey);
        }
        CouponCampaign c = store.campaign(campaign)
                .orElseThrow(() -> new UnknownCodeException("campaign", campaign.value(), "is not defined"));
        if (!at.isBefore(c.validUntil())) {
            throw new NotAllowedException(
                    Reason.EXPIRED,
                    "campaign " + campaign.value() + " ended at " + c.validUntil() + "; cannot issue at " + at);
        }
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            String code = c.sharedCode()
                    .orElseGet(() -> generators
                            .computeIfAbsent(c.codeLength(), CouponCodes::secure)
                            .next());
            CouponIssue coupon = new CouponIssue(
                    idempotencyKey, campaign, member, code, at, c.validFrom(), c.expiryOf(at), Optional.empty());
            switch (store.issue(coupon)) {
                case ISSUED -> {
                    return coupon;
                }
                case DUPLICATE_KEY -> {
                    return same(store.findByKey(idempotencyKey).orElseThrow(), campaign, member, idempotencyKey);
                }
                case CODE_TAKEN -> {
                    // draw again
                }
                case MEMBER_LIMIT ->
                    throw new NotAllowedException(
                            Reason.MEMBER_LIMIT,
                            "member " + member.value() + " already has " + c.perMember() + " coupon(s) of campaign "
                                    + campaign.value());
                case BUDGET_EXHAUSTED ->
                    throw new NotAllowedException(
                            Reason.BUDGET_EXHAUSTED,
                            "campaign " + campaign.value() + " has issued its budget of " + c.budget() + " coupons");
                case UNKNOWN_CAMPAIGN -> throw new UnknownCodeException("campaign", campaign.value(), "is not defined");
            }
        }
        throw new ContentionException(
                "campaign " + campaign.value() + ": " + MAX_DRAWS + " codes drawn were all taken");
    }

    /**
     * Redeems a coupon against an order, once. A shared code is redeemed from the member's first
     * unredeemed coupon of its campaign, issued on the spot (within the budgets) if they have none.
     * Redeeming again with the same order returns the same coupon.
     *
     * @param code the code as typed (case, spaces and dashes ignored)
     * @param member who uses it
     * @param order the order it is used on
     * @param at when
     * @return the redeemed coupon
     * @throws UnknownCodeException if no coupon or campaign has the code, or its check character is wrong
     * @throws NotAllowedException {@code NOT_HOLDER}, {@code NOT_YET_VALID}, {@code EXPIRED},
     *     {@code ALREADY_REDEEMED}, or a budget reason for a shared code
     */
    public CouponIssue redeem(String code, MemberId member, OrderId order, Instant at) {
        if (code == null || member == null || order == null || at == null) {
            throw new InvalidValueException("redeem", "code, member, order and at are required");
        }
        String normal = CouponCodes.normalise(code);
        Optional<CouponCampaign> shared = store.campaignBySharedCode(normal);
        if (shared.isPresent()) {
            CouponCampaign c = shared.get();
            List<CouponIssue> mine = store.issuesOf(c.id(), member);
            for (CouponIssue i : mine) {
                if (i.redemption().filter(r -> r.order().equals(order)).isPresent()) {
                    return i;
                }
            }
            for (CouponIssue i : mine) {
                if (i.redemption().isEmpty() && !at.isBefore(i.validFrom()) && at.isBefore(i.expiresAt())) {
                    return redeemIssued(i, member, order, at);
                }
            }
            checkWindow(normal, c.validFrom(), c.validUntil(), at);
            CouponIssue fresh =
                    issue(c.id(), member, "shared:" + c.id().value() + ":" + member.value() + ":" + order.value(), at);
            return redeemIssued(fresh, member, order, at);
        }
        if (!CouponCodes.isWellFormed(normal)) {
            throw new UnknownCodeException("coupon code", code, "is not a code (wrong characters or check character)");
        }
        CouponIssue coupon = store.findByCode(normal)
                .orElseThrow(() -> new UnknownCodeException("coupon code", code, "was never issued"));
        return redeemIssued(coupon, member, order, at);
    }

    private CouponIssue redeemIssued(CouponIssue coupon, MemberId member, OrderId order, Instant at) {
        if (!coupon.member().equals(member)) {
            throw new NotAllowedException(
                    Reason.NOT_HOLDER,
                    "coupon " + coupon.code() + " was issued to another member, not " + member.value());
        }
        if (coupon.redemption().isPresent()) {
            return sameOrder(coupon, order);
        }
        checkWindow(coupon.code(), coupon.validFrom(), coupon.expiresAt(), at);
        CouponIssue stored = store.redeem(coupon.key(), new CouponIssue.Redemption(order, at))
                .orElseThrow(() -> new UnknownCodeException("coupon code", coupon.code(), "vanished from the store"));
        return sameOrder(stored, order);
    }

    private static CouponIssue sameOrder(CouponIssue coupon, OrderId order) {
        CouponIssue.Redemption r = coupon.redemption().orElseThrow();
        if (!r.order().equals(order)) {
            throw new NotAllowedException(
                    Reason.ALREADY_REDEEMED,
                    "coupon " + coupon.code() + " was redeemed on order "
                            + r.order().value() + " at " + r.at());
        }
        return coupon;
    }

    private static void checkWindow(String code, Instant from, Instant until, Instant at) {
        if (at.isBefore(from)) {
            throw new NotAllowedException(
                    Reason.NOT_YET_VALID, "coupon " + code + " is valid from " + from + ", not at " + at);
        }
        if (!at.isBefore(until)) {
            throw new NotAllowedException(
                    Reason.EXPIRED, "coupon " + code + " expired at " + until + "; used at " + at);
        }
    }

    /**
     * @param key an idempotency key
     * @return the coupon issued with it
     */
    public Optional<CouponIssue> find(String key) {
        return store.findByKey(key);
    }

    /**
     * @param campaign a campaign
     * @param asOf an instant
     * @return issued / redeemed / expired / outstanding coupons of all members
     */
    public CouponReport report(CampaignId campaign, Instant asOf) {
        return report(campaign, m -> true, asOf);
    }

    /**
     * @param campaign a campaign
     * @param segment which members count, e.g. {@code memberSet::contains}
     * @param asOf an instant
     * @return issued / redeemed / expired / outstanding coupons of the segment's members
     */
    public CouponReport report(CampaignId campaign, Predicate<MemberId> segment, Instant asOf) {
        long issued = 0;
        long redeemed = 0;
        long expired = 0;
        for (CouponIssue c : (Iterable<CouponIssue>) store.issues(campaign)::iterator) {
            if (c.issuedAt().isAfter(asOf) || !segment.test(c.member())) {
                continue;
            }
            issued++;
            if (c.isRedeemed(asOf)) {
                redeemed++;
            } else if (c.isExpired(asOf)) {
                expired++;
            }
        }
        return new CouponReport(campaign, asOf, issued, redeemed, expired, issued - redeemed - expired);
    }

    /**
     * @param segment which members count
     * @param asOf an instant
     * @return a report per campaign, in campaign id order
     */
    public Map<CampaignId, CouponReport> reports(Predicate<MemberId> segment, Instant asOf) {
        Map<CampaignId, CouponReport> out = new LinkedHashMap<>();
        for (CouponCampaign c : store.campaigns()) {
            out.put(c.id(), report(c.id(), segment, asOf));
        }
        return out;
    }

    private static CouponIssue same(CouponIssue first, CampaignId campaign, MemberId member, String key) {
        if (!first.campaign().equals(campaign)) {
            throw new IdempotencyConflictException(
                    key, "campaign " + first.campaign().value() + " ≠ " + campaign.value());
        }
        if (!first.member().equals(member)) {
            throw new IdempotencyConflictException(
                    key, "member " + first.member().value() + " ≠ " + member.value());
        }
        return first;
    }

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 500) {
            throw new InvalidValueException("idempotencyKey", "must be 1 to 500 characters and not blank");
        }
    }

    /** Collects the service's parts. */
    public static final class Builder {
        private CouponStore store;

        private Builder() {}

        /**
         * @param store where campaigns and coupons live (default: in memory)
         * @return this builder
         */
        public Builder store(CouponStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /** @return the service */
        public CouponService build() {
            return new CouponService(this);
        }
    }
}
