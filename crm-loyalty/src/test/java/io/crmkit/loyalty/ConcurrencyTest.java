package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.TWD;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.core.StoreId;
import java.time.Instant;
import java.time.Period;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Many threads at once: no overdraw, no double redemption, budgets hold, retries count once. */
class ConcurrencyTest {
    private static final int THREADS = 16;

    @RepeatedTest(3)
    void concurrentRedemptionsNeverOverdraw() throws InterruptedException {
        PointsLedger l = PointsLedger.builder(BRAND).build();
        l.earn(MEI, 1_000, "seed", "seed", T0);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Threads.run(THREADS, t -> {
            for (int i = 0; i < 100; i++) {
                try {
                    l.redeem(MEI, 3, "gift", "t" + t + "-" + i, T0.plusMillis(i));
                    ok.incrementAndGet();
                } catch (InsufficientPointsException e) {
                    refused.incrementAndGet();
                }
            }
        });
        Balance b = l.balance(MEI, T0.plusSeconds(60));
        assertThat(ok.get()).isEqualTo(333);
        assertThat(refused.get()).isEqualTo(THREADS * 100 - 333);
        assertThat(b.points()).isEqualTo(1);
        assertThat(b.reconciles()).isTrue();
        assertThat(l.entries(MEI)).hasSize(334);
    }

    @Test
    void concurrentRetriesOfOneEarnCountOnceAndMixedEarnsAndRedemptionsReconcile() throws InterruptedException {
        PointsLedger l = PointsLedger.builder(BRAND).build();
        Threads.run(THREADS, t -> {
            for (int i = 0; i < 50; i++) {
                l.earn(MEI, 10, "same", "same-" + i, T0); // every thread retries the same 50 earns
                l.earn(MEI, 2, "own", "own-" + t + "-" + i, T0);
                try {
                    l.redeem(MEI, 7, "gift", "r-" + t + "-" + i, T0);
                } catch (InsufficientPointsException ignored) {
                    // fine: the property is about the totals
                }
            }
        });
        Balance b = l.balance(MEI, T0);
        assertThat(b.earned()).isEqualTo(50 * 10 + THREADS * 50 * 2);
        assertThat(b.points()).isGreaterThanOrEqualTo(0);
        assertThat(b.reconciles()).isTrue();
        assertThat(b.points()).isEqualTo(b.earned() - b.redeemed());
        LedgerTotals totals = l.totals(T0);
        assertThat(totals.members()).isEqualTo(1);
        assertThat(totals.outstanding()).isEqualTo(b.points());
        assertThat(totals.reconciles()).isTrue();
    }

    @Test
    void concurrentIssuesRespectTheBudgetAndEachCouponIsRedeemedOnce() throws InterruptedException {
        CouponService coupons = CouponService.builder(BRAND).build();
        CampaignId id = CampaignId.of("c1");
        coupons.define(CouponCampaign.builder(id, "NT$100 off")
                .valid(T0, T0.plusSeconds(86_400))
                .perMember(2)
                .budget(500)
                .build());
        AtomicInteger issued = new AtomicInteger();
        Threads.run(THREADS, t -> {
            for (int i = 0; i < 100; i++) {
                MemberId m = MemberId.of("M" + ((t * 100 + i) % 300)); // each member is wanted by several threads
                try {
                    coupons.issue(id, m, "k-" + t + "-" + i, T0);
                    issued.incrementAndGet();
                } catch (NotAllowedException e) {
                    assertThat(e.reason())
                            .isIn(NotAllowedException.Reason.MEMBER_LIMIT, NotAllowedException.Reason.BUDGET_EXHAUSTED);
                }
            }
        });
        assertThat(issued.get()).isEqualTo(500);
        assertThat(coupons.report(id, T0).issued()).isEqualTo(500);

        CouponIssue c = java.util.stream.IntStream.range(0, THREADS * 100)
                .mapToObj(k -> coupons.find("k-" + k / 100 + "-" + k % 100))
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow();
        AtomicInteger redeemed = new AtomicInteger();
        Threads.run(THREADS, t -> {
            try {
                coupons.redeem(c.code(), c.member(), OrderId.of("O" + t), T0.plusSeconds(1));
                redeemed.incrementAndGet();
            } catch (NotAllowedException e) {
                assertThat(e.reason()).isEqualTo(NotAllowedException.Reason.ALREADY_REDEEMED);
            }
        });
        assertThat(redeemed.get()).isEqualTo(1);
    }

    @Test
    void twoStoresPickingUpTheLastUnitsOfAVoucherNeverBothGetTheSameOne() throws InterruptedException {
        VoucherService vouchers = VoucherService.builder(BRAND).build();
        Voucher v = vouchers.buy(MEI, "美式咖啡", 10, Fixtures.twd(450), Period.ofMonths(6), "buy-1", T0);
        AtomicInteger ok = new AtomicInteger();
        Threads.run(THREADS, t -> {
            for (int i = 0; i < 3; i++) {
                try {
                    vouchers.redeem(
                            v.id(),
                            MEI,
                            StoreId.of("S" + t),
                            "pick-" + t + "-" + i,
                            Instant.parse("2026-03-02T00:00:00Z"));
                    ok.incrementAndGet();
                } catch (NotAllowedException e) {
                    assertThat(e.reason()).isEqualTo(NotAllowedException.Reason.USED_UP);
                }
            }
        });
        assertThat(ok.get()).isEqualTo(10);
        assertThat(vouchers.find(v.id()).orElseThrow().remaining()).isZero();
        assertThat(vouchers.history(v.id())).hasSize(11);
        assertThat(TWD).isNotNull();
    }
}
