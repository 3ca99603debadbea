package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.HAO;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.TWD;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.order;
import static io.crmkit.loyalty.Fixtures.twd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Order;
import io.crmkit.core.Refund;
import io.crmkit.loyalty.StatementLine.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

class PointsLedgerTest {
    private static PointsLedger ledger(PointsRules rules) {
        return PointsLedger.builder(BRAND).rules(rules).build();
    }

    private static PointsRules.Builder rules() {
        return PointsRules.builder(TWD).perAmount(twd(100), 1);
    }

    @Test
    void anOrderEarnsPerAmountOfGoodsWithTheCampaignMultiplierAndStaysPendingForTheReturnWindow() {
        PointsLedger l = ledger(rules().pendingDays(7)
                .campaignMultiplier("double-11", T0.minusSeconds(60), T0.plusSeconds(3600), new BigDecimal("2"))
                .build());
        Order o = order("O1", MEI, T0, 1_299); // 12 points × 2
        LedgerEntry e = l.earnForOrder(o, T0).orElseThrow();

        assertThat(e.points()).isEqualTo(24);
        assertThat(e.availableAt()).isEqualTo(days(7));
        assertThat(l.balance(MEI, days(6)).pending()).isEqualTo(24);
        assertThat(l.balance(MEI, days(6)).points()).isZero();
        assertThat(l.balance(MEI, days(7)).points()).isEqualTo(24);
        assertThat(l.balance(MEI, days(7)).pending()).isZero();
        assertThatThrownBy(() -> l.redeem(MEI, 1, "gift", "r1", days(6)))
                .isInstanceOf(InsufficientPointsException.class)
                .hasMessageContaining("M1")
                .hasMessageContaining("0 are available");
    }

    @Test
    void redemptionTakesTheOldestExpiringPointsFirstAndCanBePartial() {
        PointsLedger l = ledger(rules().expiry(ExpiryPolicy.afterMonths(1)).build());
        l.earn(MEI, 100, "a", "a", T0); // expires 2026-04-02 Taipei
        l.earn(MEI, 50, "b", "b", days(10)); // expires later
        l.redeem(MEI, 120, "gift", "r1", days(20)); // 100 from a, 20 from b

        Balance before = l.balance(MEI, days(31));
        assertThat(before.points()).isEqualTo(30);
        Balance after = l.balance(MEI, days(35)); // a expired with 0 left, b still 30
        assertThat(after.expired()).isZero();
        assertThat(after.points()).isEqualTo(30);
        Balance late = l.balance(MEI, days(60)); // b expired
        assertThat(late.expired()).isEqualTo(30);
        assertThat(late.points()).isZero();
        assertThat(late.reconciles()).isTrue();
    }

    @Test
    void unusedPointsExpireAtTheStartOfTheDayAfterTheLastValidDayInTheBrandsZone() {
        PointsLedger l = ledger(rules().expiry(ExpiryPolicy.afterMonths(12)).build());
        l.earn(MEI, 100, "a", "a", T0); // 2026-03-01 Taipei → valid through 2027-03-01
        Instant expiry = Instant.parse("2027-03-01T16:00:00Z"); // 2027-03-02T00:00 Taipei
        assertThat(l.balance(MEI, expiry.minusNanos(1)).points()).isEqualTo(100);
        assertThat(l.balance(MEI, expiry).points()).isZero();
        Statement s = l.statement(MEI, expiry);
        assertThat(s.lines()).extracting(StatementLine::type).containsExactly(Type.EARNED, Type.EXPIRED);
        assertThat(s.lines().get(1).at()).isEqualTo(expiry);
        assertThat(s.lines().get(1).balanceAfter()).isZero();
    }

    @Test
    void fixedDateExpiryUsesTheFirstDateAtLeastTheMinimumLater() {
        ExpiryPolicy p = ExpiryPolicy.fixedDates(12, MonthDay.of(6, 30), MonthDay.of(12, 31));
        // earned 2026-03-01 → earliest 2027-03-01 → 2027-06-30 is the last valid day
        assertThat(p.expiresAt(T0, Fixtures.TAIPEI)).contains(Instant.parse("2027-06-30T16:00:00Z"));
        assertThatThrownBy(() -> ExpiryPolicy.fixedDates(-1, MonthDay.of(1, 1)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("expiry.minMonths");
    }

    @Test
    void aRetriedEarnCountsOnceAndTheSameKeyForOtherContentIsAConflict() {
        PointsLedger l = ledger(rules().build());
        LedgerEntry first = l.earn(MEI, 100, "signup", "signup-M1", T0);
        LedgerEntry again = l.earn(MEI, 100, "signup", "signup-M1", days(1));
        assertThat(again).isEqualTo(first);
        assertThat(l.balance(MEI, days(2)).points()).isEqualTo(100);
        assertThatThrownBy(() -> l.earn(MEI, 120, "signup", "signup-M1", days(1)))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("signup-M1")
                .hasMessageContaining("points 100 ≠ 120");
        assertThatThrownBy(() -> l.earn(HAO, 100, "signup", "signup-M1", days(1)))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("member M1 ≠ M2");
        // a retried redemption returns its first result even when the balance has since been spent
        l.redeem(MEI, 100, "gift", "r1", days(3));
        assertThat(l.redeem(MEI, 100, "gift", "r1", days(4)).sequence()).isEqualTo(1);
        assertThat(l.entries(MEI)).hasSize(2);
        assertThat(l.earnForOrder(order("O1", MEI, T0, 500), days(5))).isPresent();
        assertThat(l.earnForOrder(order("O1", MEI, T0, 500), days(6))).isPresent();
        assertThat(l.entries(MEI)).hasSize(3);
    }

    @Test
    void badInputIsRefusedAndNothingIsRecorded() {
        PointsLedger l = ledger(rules().build());
        assertThatThrownBy(() -> l.earn(MEI, -5, "x", "k", T0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("points");
        assertThatThrownBy(() -> l.earn(MEI, 5, "x", " ", T0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reference");
        assertThatThrownBy(() -> l.redeem(MEI, 5, "x", "k", T0)).isInstanceOf(InsufficientPointsException.class);
        assertThatThrownBy(() -> l.earnForActivity(MEI, "dance", "k2", T0))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("dance");
        assertThat(l.entries(MEI)).isEmpty();
        l.earn(MEI, 5, "x", "k3", days(10));
        assertThatThrownBy(() -> l.earn(MEI, 5, "x", "k4", days(1)))
                .isInstanceOfSatisfying(
                        NotAllowedException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotAllowedException.Reason.OUT_OF_ORDER));
        assertThat(l.entries(MEI)).hasSize(1);
    }

    @Test
    void aPartialRefundClawsBackItsShareFromTheOrdersPendingPoints() {
        PointsLedger l = ledger(rules().pendingDays(7).build());
        Order o = order("O1", MEI, T0, 1_000); // 10 points
        l.earnForOrder(o, T0);
        Order refunded = o.toBuilder()
                .refund(new Refund(days(2), twd(300), "one item back"))
                .build();
        LedgerEntry c = l.clawback(refunded, days(2)).orElseThrow();
        assertThat(c.points()).isEqualTo(3);
        assertThat(l.clawback(refunded, days(3))).contains(c); // the same refunds: nothing more
        assertThat(l.balance(MEI, days(3)).pending()).isEqualTo(7);
        Order all = refunded.toBuilder()
                .refund(new Refund(days(4), twd(700), "rest"))
                .build();
        assertThat(l.clawback(all, days(4)).orElseThrow().points()).isEqualTo(7);
        assertThat(l.netPointsOf(all)).isZero();
        Balance b = l.balance(MEI, days(30));
        assertThat(b.points()).isZero();
        assertThat(b.clawedBack()).isEqualTo(10);
        assertThat(b.reconciles()).isTrue();
    }

    @Test
    void clawbackOfSpentPointsClampsAtZeroAndWritesOffUnderTheDefaultPolicy() {
        PointsLedger l = ledger(rules().build());
        Order o = order("O1", MEI, T0, 1_000);
        l.earnForOrder(o, T0);
        l.earn(MEI, 4, "bonus", "b1", T0);
        l.redeem(MEI, 12, "gift", "r1", days(1)); // 2 left
        Order refunded =
                o.toBuilder().refund(new Refund(days(2), twd(1_000), "return")).build();
        l.clawback(refunded, days(2));
        Balance b = l.balance(MEI, days(2));
        assertThat(b.points()).isZero();
        assertThat(b.writtenOff()).isEqualTo(8);
        assertThat(b.debt()).isZero();
        assertThat(b.reconciles()).isTrue();
        assertThat(l.statement(MEI, days(2)).lines())
                .extracting(StatementLine::type)
                .endsWith(Type.CLAWED_BACK, Type.WRITTEN_OFF);
        l.earn(MEI, 5, "later", "b2", days(3));
        assertThat(l.balance(MEI, days(3)).points()).isEqualTo(5); // written off is never collected
    }

    @Test
    void clawbackOfSpentPointsGoesNegativeAndLaterPointsRepayTheDebtUnderAllowNegative() {
        PointsLedger l = ledger(
                rules().negativeBalance(NegativeBalancePolicy.ALLOW_NEGATIVE).build());
        Order o = order("O1", MEI, T0, 1_000);
        l.earnForOrder(o, T0);
        l.redeem(MEI, 10, "gift", "r1", days(1));
        l.clawback(
                o.toBuilder().refund(new Refund(days(2), twd(1_000), "return")).build(), days(2));
        assertThat(l.balance(MEI, days(2)).points()).isEqualTo(-10);
        assertThatThrownBy(() -> l.redeem(MEI, 1, "x", "r2", days(2))).isInstanceOf(InsufficientPointsException.class);
        l.earn(MEI, 15, "later", "b2", days(3));
        Balance b = l.balance(MEI, days(3));
        assertThat(b.points()).isEqualTo(5);
        assertThat(b.debt()).isZero();
        assertThat(b.available()).isEqualTo(5);
        assertThat(b.reconciles()).isTrue();
        Statement s = l.statement(MEI, days(3));
        assertThat(s.lines()).extracting(StatementLine::type).contains(Type.DEBT_REPAID);
        assertThat(s.lines().get(s.lines().size() - 1).balanceAfter()).isEqualTo(5);
    }

    @Test
    void aCancelledOrderEarnsNothingAndActivitiesEarnTheirPoints() {
        PointsRules r = rules().activity("review", 20).build();
        PointsLedger l = ledger(r);
        Order cancelled = order("O1", MEI, T0, 1_000).toBuilder()
                .status(io.crmkit.core.OrderStatus.CANCELLED)
                .build();
        assertThat(l.earnForOrder(cancelled, T0)).isEmpty();
        assertThat(l.earnForActivity(MEI, "review", "review-P1-M1", T0).points())
                .isEqualTo(20);
    }

    @Test
    void pointsBecomeACashDiscountAtThePointValue() {
        PointsLedger l =
                ledger(rules().pointValue(io.crmkit.core.Money.ofMinor(50, TWD)).build()); // NT$0.50
        l.earn(MEI, 100, "a", "a", T0);
        assertThat(l.rules().cashValue(l.balance(MEI, T0).points())).isEqualTo(twd(50));
        LedgerEntry e = l.redeemForDiscount(MEI, io.crmkit.core.Money.ofMinor(1_025, TWD), "pos-1", T0); // NT$10.25
        assertThat(e.points()).isEqualTo(21); // rounded up
        assertThat(e.reason()).contains("10.25");
        assertThatThrownBy(() -> l.redeemForDiscount(MEI, twd(100), "pos-2", T0))
                .isInstanceOf(InsufficientPointsException.class);
        assertThatThrownBy(() -> ledger(rules().build()).redeemForDiscount(MEI, twd(1), "pos-3", T0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("pointValue");
    }

    @Test
    void rulesRefuseBadSettingsNamingThem() {
        assertThatThrownBy(() -> PointsRules.builder(TWD).pendingDays(400))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("pendingDays");
        assertThatThrownBy(() -> PointsRules.builder(TWD).perAmount(Money0.usd(), 1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("perAmount");
        assertThatThrownBy(() -> PointsLedger.builder(BRAND)
                        .rules(PointsRules.builder(java.util.Currency.getInstance("USD"))
                                .build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("TWD");
    }

    private static final class Money0 {
        static io.crmkit.core.Money usd() {
            return io.crmkit.core.Money.of(1, java.util.Currency.getInstance("USD"));
        }
    }
}
