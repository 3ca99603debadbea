package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.CampaignId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponIssue;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.Referral;
import io.crmkit.loyalty.Voucher;
import io.crmkit.loyalty.VoucherEvent;
import io.crmkit.loyalty.VoucherId;
import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.loyalty.spi.CouponStore.IssueResult;
import io.crmkit.loyalty.spi.ReferralStore.AttributeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contracts do not cover for the PostgreSQL loyalty stores: the atomic rules hold across
 * two {@link PostgresStores} objects on one schema (two JVMs), every field survives exactly
 * (nanoseconds, durations), and values PostgreSQL cannot hold are refused with the field named.
 */
class PostgresLoyaltyStoresTest {
    private static final String SCHEMA = "loyalty_stores";
    private static final Instant T = Instant.parse("2026-03-01T02:00:00.000000789Z");

    private PostgresStores a;
    private PostgresStores b;

    @BeforeEach
    void twoObjectsOnOneSchema() {
        a = Db.fresh(SCHEMA);
        b = PostgresStores.builder(Db.dataSource())
                .schema(SCHEMA)
                .migrate(false)
                .build();
    }

    @Test
    void aCampaignBudgetHoldsAcrossTwoProcessesAndItsFieldsSurviveExactly() throws Exception {
        CouponCampaign campaign = CouponCampaign.builder(CampaignId.of("c1"), "NT$50 off")
                .valid(T, T.plus(Duration.ofDays(30)))
                .validFor(Duration.ofSeconds(3_600, 123_456_789))
                .perMember(100)
                .budget(25)
                .build();
        assertThat(a.coupons().putCampaignIfAbsent(campaign)).isEmpty();
        assertThat(b.coupons().campaign(campaign.id())).contains(campaign);
        AtomicInteger issued = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                CouponStore store = t % 2 == 0 ? a.coupons() : b.coupons();
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        CouponIssue c = new CouponIssue(
                                "k" + thread + "-" + i,
                                campaign.id(),
                                MemberId.of("M" + i),
                                "CODE" + thread + "X" + i,
                                T,
                                T,
                                T.plusSeconds(60),
                                Optional.empty());
                        if (store.issue(c) == IssueResult.ISSUED) {
                            issued.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issued.get()).isEqualTo(25);
        assertThat(a.coupons().issues(campaign.id())).hasSize(25);
        CouponIssue one = b.coupons().issues(campaign.id()).findFirst().orElseThrow();
        assertThat(a.coupons().findByCode(one.code())).contains(one);
    }

    @Test
    void aVoucherAndAReferralChainAreSharedByTwoProcesses() {
        Voucher v = new Voucher(
                VoucherId.of("V-1"),
                "美式咖啡 中杯",
                MemberId.of("A"),
                MemberId.of("A"),
                10,
                10,
                Money.of(450, Currency.getInstance("TWD")),
                T,
                T.plusSeconds(86_400),
                1);
        VoucherEvent buy = new VoucherEvent(
                "buy-1", VoucherEvent.Type.PURCHASED, v.buyer(), Optional.empty(), Optional.empty(), T, v);
        assertThat(a.vouchers().apply(buy)).isEqualTo(io.crmkit.loyalty.spi.VoucherStore.ApplyResult.APPLIED);
        assertThat(b.vouchers().apply(buy)).isEqualTo(io.crmkit.loyalty.spi.VoucherStore.ApplyResult.DUPLICATE_KEY);
        assertThat(b.vouchers().events(v.id())).containsExactly(buy);

        // A → B → C → D in one process; D referring A in the other closes a loop four deep
        for (String[] p : new String[][] {{"B", "A"}, {"C", "B"}, {"D", "C"}}) {
            assertThat(a.referrals()
                            .attribute(new Referral(MemberId.of(p[0]), MemberId.of(p[1]), "X", T, Optional.empty())))
                    .isEqualTo(AttributeResult.ATTRIBUTED);
        }
        assertThat(b.referrals().attribute(new Referral(MemberId.of("A"), MemberId.of("D"), "X", T, Optional.empty())))
                .isEqualTo(AttributeResult.LOOP);
        assertThat(b.referrals().attribute(new Referral(MemberId.of("E"), MemberId.of("D"), "X", T, Optional.empty())))
                .isEqualTo(AttributeResult.ATTRIBUTED);
        Referral.Reward reward = new Referral.Reward(OrderId.of("O1"), T.plusNanos(1), 200, 100);
        assertThat(a.referrals().reward(MemberId.of("E"), reward).flatMap(Referral::reward))
                .contains(reward);
        assertThat(b.referrals().referralOf(MemberId.of("E")).flatMap(Referral::reward))
                .contains(reward);
    }

    @Test
    void refusesInstantsPostgresqlCannotHoldNamingTheFieldAndStoresNothing() {
        LedgerEntry far = new LedgerEntry(
                MemberId.of("A"),
                0,
                LedgerEntry.Kind.EARN,
                1,
                Instant.parse("+10000-01-01T00:00:00Z"),
                "far",
                "far",
                Optional.empty(),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> a.pointsLedger().append(far))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("ledgerEntry.at");
        assertThat(a.pointsLedger().findByReference("far")).isEmpty();
    }

    @Test
    void manyAttributionsRacingFromTwoProcessesNeverCloseALoop() throws Exception {
        int members = 40;
        AtomicInteger attributed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                io.crmkit.loyalty.spi.ReferralStore store = t % 2 == 0 ? a.referrals() : b.referrals();
                java.util.Random random = new java.util.Random(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        int referee = random.nextInt(members);
                        int referrer = (referee + 1 + random.nextInt(members - 1)) % members;
                        Referral r = new Referral(
                                MemberId.of("R" + referee), MemberId.of("R" + referrer), "X", T, Optional.empty());
                        if (store.attribute(r) == AttributeResult.ATTRIBUTED) {
                            attributed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        java.util.Map<MemberId, MemberId> up = new java.util.HashMap<>();
        a.referrals().referrals().forEach(r -> up.put(r.referee(), r.referrer()));
        assertThat(up).hasSize(attributed.get());
        for (MemberId start : up.keySet()) {
            MemberId m = up.get(start);
            for (int depth = 0; m != null; depth++) {
                assertThat(m).as("a loop through " + start).isNotEqualTo(start);
                assertThat(depth).isLessThan(members);
                m = up.get(m);
            }
        }
    }
}
