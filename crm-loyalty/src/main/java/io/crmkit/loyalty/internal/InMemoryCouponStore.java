package io.crmkit.loyalty.internal;

import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponIssue;
import io.crmkit.loyalty.spi.CouponStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** The thread-safe in-memory coupon store: one lock per campaign for issuing, CAS for redemptions. */
public final class InMemoryCouponStore implements CouponStore {
    private static final class CampaignState {
        final CouponCampaign campaign;
        final List<String> keys = new ArrayList<>();
        final Map<MemberId, List<String>> byMember = new HashMap<>();

        CampaignState(CouponCampaign campaign) {
            this.campaign = campaign;
        }
    }

    private final ConcurrentSkipListMap<CampaignId, CampaignState> campaigns = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, CampaignId> sharedCodes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CouponIssue> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> byCode = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<CouponCampaign> putCampaignIfAbsent(CouponCampaign campaign) {
        CampaignState existing = campaigns.get(campaign.id());
        if (existing != null) {
            return Optional.of(existing.campaign);
        }
        if (campaign.sharedCode().isPresent()) {
            CampaignId other = sharedCodes.get(campaign.sharedCode().get());
            if (other != null) {
                return Optional.of(campaigns.get(other).campaign);
            }
            sharedCodes.put(campaign.sharedCode().get(), campaign.id());
        }
        campaigns.put(campaign.id(), new CampaignState(campaign));
        return Optional.empty();
    }

    @Override
    public Optional<CouponCampaign> campaign(CampaignId id) {
        CampaignState s = campaigns.get(id);
        return s == null ? Optional.empty() : Optional.of(s.campaign);
    }

    @Override
    public Optional<CouponCampaign> campaignBySharedCode(String code) {
        CampaignId id = sharedCodes.get(code);
        return id == null ? Optional.empty() : campaign(id);
    }

    @Override
    public List<CouponCampaign> campaigns() {
        return campaigns.values().stream().map(s -> s.campaign).toList();
    }

    @Override
    public IssueResult issue(CouponIssue coupon) {
        CampaignState s = campaigns.get(coupon.campaign());
        if (s == null) {
            return IssueResult.UNKNOWN_CAMPAIGN;
        }
        synchronized (s) {
            if (byKey.containsKey(coupon.key())) {
                return IssueResult.DUPLICATE_KEY;
            }
            boolean unique = s.campaign.sharedCode().isEmpty();
            if (unique && byCode.containsKey(coupon.code())) {
                return IssueResult.CODE_TAKEN;
            }
            List<String> mine = s.byMember.get(coupon.member());
            if (mine != null && mine.size() >= s.campaign.perMember()) {
                return IssueResult.MEMBER_LIMIT;
            }
            if (s.keys.size() >= s.campaign.budget()) {
                return IssueResult.BUDGET_EXHAUSTED;
            }
            if (byKey.putIfAbsent(coupon.key(), coupon) != null) {
                return IssueResult.DUPLICATE_KEY; // issued concurrently under another campaign
            }
            if (unique && byCode.putIfAbsent(coupon.code(), coupon.key()) != null) {
                byKey.remove(coupon.key());
                return IssueResult.CODE_TAKEN;
            }
            s.keys.add(coupon.key());
            s.byMember.computeIfAbsent(coupon.member(), m -> new ArrayList<>(1)).add(coupon.key());
            return IssueResult.ISSUED;
        }
    }

    @Override
    public Optional<CouponIssue> findByKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public Optional<CouponIssue> findByCode(String code) {
        String key = byCode.get(code);
        return key == null ? Optional.empty() : findByKey(key);
    }

    @Override
    public List<CouponIssue> issuesOf(CampaignId campaign, MemberId member) {
        CampaignState s = campaigns.get(campaign);
        if (s == null) {
            return List.of();
        }
        List<String> keys;
        synchronized (s) {
            List<String> mine = s.byMember.get(member);
            keys = mine == null ? List.of() : List.copyOf(mine);
        }
        return keys.stream().map(byKey::get).toList();
    }

    @Override
    public Optional<CouponIssue> redeem(String key, CouponIssue.Redemption redemption) {
        return Optional.ofNullable(
                byKey.computeIfPresent(key, (k, c) -> c.redemption().isPresent() ? c : c.redeemed(redemption)));
    }

    @Override
    public Stream<CouponIssue> issues(CampaignId campaign) {
        CampaignState s = campaigns.get(campaign);
        if (s == null) {
            return Stream.empty();
        }
        List<String> keys;
        synchronized (s) {
            keys = List.copyOf(s.keys);
        }
        return keys.stream().map(byKey::get);
    }
}
