package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponIssue;
import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.loyalty.spi.CouponStore.IssueResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link CouponStore}: campaigns are stored once per id and shared code; an issue
 * is stored exactly when its key is new, its unique code is free and both budget limits allow, and
 * is refused with the right reason otherwise, storing nothing; a redemption is a compare-and-set
 * that only the first wins; concurrent issues never exceed the budget.
 *
 * <pre>{@code
 * class PostgresCouponStoreTest extends CouponStoreContract {
 *     @Override
 *     protected CouponStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().coupons();
 *     }
 * }
 * }</pre>
 */
public abstract class CouponStoreContract {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final CampaignId UNIQUE = CampaignId.of("unique");
    private static final CampaignId SHARED = CampaignId.of("shared");
    private static final MemberId A = MemberId.of("A");
    private static final MemberId B = MemberId.of("B");

    /** The store under test. */
    protected CouponStore store;

    /** @return a new, empty store */
    protected abstract CouponStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
        assertThat(store.putCampaignIfAbsent(CouponCampaign.builder(UNIQUE, "NT$100 off")
                        .valid(T, T.plus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(7))
                        .perMember(2)
                        .budget(3)
                        .build()))
                .isEmpty();
        assertThat(store.putCampaignIfAbsent(CouponCampaign.builder(SHARED, "9折")
                        .sharedCode("DOUBLE11")
                        .valid(T, T.plus(Duration.ofDays(30)))
                        .perMember(5)
                        .build()))
                .isEmpty();
    }

    private static CouponIssue coupon(String key, CampaignId campaign, MemberId member, String code) {
        return new CouponIssue(key, campaign, member, code, T, T, T.plus(Duration.ofDays(7)), Optional.empty());
    }

    @Test
    void campaignsAreStoredOncePerIdAndSharedCode() {
        assertThat(store.campaign(UNIQUE).orElseThrow().budget()).isEqualTo(3);
        assertThat(store.campaignBySharedCode("DOUBLE11").map(CouponCampaign::id))
                .contains(SHARED);
        CouponCampaign sameCode = CouponCampaign.builder(CampaignId.of("other"), "x")
                .sharedCode("DOUBLE11")
                .valid(T, T.plusSeconds(60))
                .build();
        assertThat(store.putCampaignIfAbsent(sameCode).map(CouponCampaign::id)).contains(SHARED);
        assertThat(store.campaign(CampaignId.of("other"))).isEmpty();
        assertThat(store.campaigns()).extracting(CouponCampaign::id).containsExactly(SHARED, UNIQUE);
    }

    @Test
    void issuesAreStoredOrRefusedWithTheReasonStoringNothing() {
        CouponIssue a1 = coupon("k1", UNIQUE, A, "CODE00001");
        assertThat(store.issue(a1)).isEqualTo(IssueResult.ISSUED);
        assertThat(store.findByKey("k1")).contains(a1);
        assertThat(store.findByCode("CODE00001")).contains(a1);
        assertThat(store.issue(coupon("k1", UNIQUE, B, "CODE00002"))).isEqualTo(IssueResult.DUPLICATE_KEY);
        assertThat(store.issue(coupon("k2", UNIQUE, B, "CODE00001"))).isEqualTo(IssueResult.CODE_TAKEN);
        assertThat(store.issue(coupon("k3", UNIQUE, A, "CODE00003"))).isEqualTo(IssueResult.ISSUED);
        assertThat(store.issue(coupon("k4", UNIQUE, A, "CODE00004"))).isEqualTo(IssueResult.MEMBER_LIMIT);
        assertThat(store.issue(coupon("k5", UNIQUE, B, "CODE00005"))).isEqualTo(IssueResult.ISSUED);
        assertThat(store.issue(coupon("k6", UNIQUE, MemberId.of("C"), "CODE00006")))
                .isEqualTo(IssueResult.BUDGET_EXHAUSTED);
        assertThat(store.issue(coupon("k7", CampaignId.of("none"), A, "CODE00007")))
                .isEqualTo(IssueResult.UNKNOWN_CAMPAIGN);
        for (String k : new String[] {"k2", "k4", "k6", "k7"}) {
            assertThat(store.findByKey(k)).isEmpty();
        }
        assertThat(store.findByCode("CODE00002")).isEmpty();
        assertThat(store.issuesOf(UNIQUE, A)).extracting(CouponIssue::key).containsExactly("k1", "k3");
        assertThat(store.issues(UNIQUE)).extracting(CouponIssue::key).containsExactly("k1", "k3", "k5");
    }

    @Test
    void sharedCodeCouponsRepeatTheirCode() {
        assertThat(store.issue(coupon("s1", SHARED, A, "DOUBLE11"))).isEqualTo(IssueResult.ISSUED);
        assertThat(store.issue(coupon("s2", SHARED, A, "DOUBLE11"))).isEqualTo(IssueResult.ISSUED);
        assertThat(store.issue(coupon("s3", SHARED, B, "DOUBLE11"))).isEqualTo(IssueResult.ISSUED);
        assertThat(store.issuesOf(SHARED, A)).hasSize(2);
    }

    @Test
    void onlyTheFirstRedemptionIsRecorded() {
        store.issue(coupon("k1", UNIQUE, A, "CODE00001"));
        CouponIssue.Redemption first = new CouponIssue.Redemption(OrderId.of("O1"), T.plusSeconds(5));
        assertThat(store.redeem("k1", first).orElseThrow().redemption()).contains(first);
        CouponIssue.Redemption second = new CouponIssue.Redemption(OrderId.of("O2"), T.plusSeconds(6));
        assertThat(store.redeem("k1", second).orElseThrow().redemption()).contains(first);
        assertThat(store.findByCode("CODE00001").orElseThrow().redemption()).contains(first);
        assertThat(store.redeem("nope", first)).isEmpty();
    }

    @Test
    void concurrentIssuesNeverExceedTheBudgetAndOneRedemptionWins() throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        Concurrently.run(8, t -> {
            for (int i = 0; i < 10; i++) {
                String key = "k" + t + "-" + i;
                if (store.issue(coupon(key, UNIQUE, MemberId.of("M" + i), "C" + t + "X" + i)) == IssueResult.ISSUED) {
                    issued.incrementAndGet();
                }
            }
        });
        assertThat(issued.get()).isEqualTo(3);
        assertThat(store.issues(UNIQUE)).hasSize(3);
        String key = store.issues(UNIQUE).findFirst().orElseThrow().key();
        Set<OrderId> seen = ConcurrentHashMap.newKeySet();
        Concurrently.run(
                8,
                t -> seen.add(store.redeem(key, new CouponIssue.Redemption(OrderId.of("O" + t), T))
                        .orElseThrow()
                        .redemption()
                        .orElseThrow()
                        .order()));
        assertThat(seen).hasSize(1);
    }
}
