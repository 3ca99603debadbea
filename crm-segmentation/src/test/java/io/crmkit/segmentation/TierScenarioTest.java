package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.segmentation.TierChange.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Hand-worked tier histories: each expected change was worked out on paper from the rules. */
class TierScenarioTest {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final BrandSettings BRAND = BrandSettings.ofDefaults();
    static final Currency TWD = BRAND.currency();
    static final Instant JOINED = at(2024, 1, 1, 10, 0);

    int seq;

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(TAIPEI).toInstant();
    }

    static Instant newYear(int y) {
        return at(y, 1, 1, 0, 0);
    }

    static Money twd(long major) {
        return Money.of(major, TWD);
    }

    Order order(Instant when, long major, Refund... refunds) {
        Order.Builder b = Order.builder(OrderId.of("O" + (++seq)), MemberId.of("M1"), when)
                .line(OrderLine.of(ProductId.of("P1"), "thing", Category.of("Food"), 1, twd(major)));
        for (Refund r : refunds) {
            b.refund(r);
        }
        return b.build();
    }

    static TierProgram.Builder yearly() {
        return TierProgram.builder(TWD)
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("member"))
                .tier(Tier.named("silver").minSpend(twd(3_000)))
                .tier(Tier.named("gold").minSpend(twd(10_000)).benefit("freeShipping", true));
    }

    static TierChange change(Instant at, String from, String to, Reason reason) {
        return new TierChange(at, Optional.ofNullable(from), Optional.ofNullable(to), reason);
    }

    @Test
    void upgradesMidYearAtTheInstantOfTheOrder() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2025, 3, 1, 12, 0), 4_000), order(at(2025, 6, 15, 20, 0), 7_000));

        TierStatus s = p.evaluate(orders, JOINED, at(2025, 7, 1, 0, 0), BRAND);

        assertThat(s.tierName()).contains("gold");
        assertThat(s.since()).contains(at(2025, 6, 15, 20, 0));
        assertThat(s.history())
                .containsExactly(
                        change(JOINED, null, "member", Reason.JOINED),
                        change(at(2025, 3, 1, 12, 0), "member", "silver", Reason.UPGRADE),
                        change(at(2025, 6, 15, 20, 0), "silver", "gold", Reason.UPGRADE));
        assertThat(s.nextReview()).isEqualTo(newYear(2026));
        assertThat(s.qualifyingSpend()).isEqualTo(twd(11_000));
        assertThat(s.qualifyingOrders()).isEqualTo(2);
        assertThat(s.toNext()).isEmpty();
        assertThat(s.toKeep())
                .contains(new TierStatus.Progress(p.tiers().get(2), true, Optional.of(twd(0)), OptionalInt.empty()));
        assertThat(s.tier().orElseThrow().benefit("freeShipping")).contains(Benefit.flag(true));
        assertThat(s.benefit("freeShipping")).contains(Benefit.flag(true));
        assertThat(s.benefit("parking")).isEmpty();
        assertThat(p.evaluate(orders, JOINED, JOINED, BRAND).benefit("freeShipping"))
                .isEmpty(); // member tier

        // one second before the second order: silver, NT$6,000 missing for gold
        TierStatus before = p.evaluate(orders, JOINED, at(2025, 6, 15, 19, 59), BRAND);
        assertThat(before.tierName()).contains("silver");
        assertThat(before.toNext().orElseThrow().missingSpend()).contains(twd(6_000));
        assertThat(before.toNext().orElseThrow().reached()).isFalse();
    }

    @Test
    void keepsTheTierThroughTheNextYearAndIsDowngradedAtItsEnd() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2025, 6, 15, 20, 0), 11_000));

        TierStatus lastDay = p.evaluate(orders, JOINED, at(2026, 12, 31, 23, 59), BRAND);
        assertThat(lastDay.tierName()).contains("gold");
        assertThat(lastDay.qualifyingSpend()).isEqualTo(twd(0)); // 2026 so far
        assertThat(lastDay.qualifiedTier().map(Tier::name)).contains("member");
        assertThat(lastDay.toKeep().orElseThrow().missingSpend()).contains(twd(10_000));
        assertThat(lastDay.history()).hasSize(2); // joined, upgrade: the review of 1 Jan 2026 kept gold

        TierStatus newYear = p.evaluate(orders, JOINED, newYear(2027), BRAND);
        assertThat(newYear.tierName()).contains("member");
        assertThat(newYear.since()).contains(newYear(2027));
        assertThat(newYear.history())
                .last()
                .isEqualTo(change(newYear(2027), "gold", "member", Reason.REVIEW_DOWNGRADE));
        assertThat(newYear.nextReview()).isEqualTo(newYear(2028));
    }

    @Test
    void downgradesToTheTierTheYearQualifiesFor() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2025, 6, 15, 20, 0), 11_000), order(at(2026, 2, 1, 9, 0), 3_500));

        TierStatus s = p.evaluate(orders, JOINED, at(2027, 3, 1, 0, 0), BRAND);

        assertThat(s.tierName()).contains("silver");
        assertThat(s.history()).last().isEqualTo(change(newYear(2027), "gold", "silver", Reason.REVIEW_DOWNGRADE));
    }

    @Test
    void anOrderAtTheReviewInstantCountsInTheNewPeriodAfterTheReview() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2024, 6, 1, 12, 0), 11_000), order(newYear(2026), 12_000));

        TierStatus s = p.evaluate(orders, JOINED, newYear(2026), BRAND);

        // 2025 had no spend: the review at midnight lowers gold, then the order placed at that very
        // instant (the first of 2026) raises it again
        assertThat(s.tierName()).contains("gold");
        assertThat(s.since()).contains(newYear(2026));
        assertThat(s.history())
                .containsExactly(
                        change(JOINED, null, "member", Reason.JOINED),
                        change(at(2024, 6, 1, 12, 0), "member", "gold", Reason.UPGRADE),
                        change(newYear(2026), "gold", "member", Reason.REVIEW_DOWNGRADE),
                        change(newYear(2026), "member", "gold", Reason.UPGRADE));
        assertThat(s.qualifyingSpend()).isEqualTo(twd(12_000));
    }

    @Test
    void graceKeepsTheTierForOneFailedReview() {
        TierProgram p = yearly().grace(1).build();
        List<Order> orders = List.of(order(at(2025, 6, 15, 20, 0), 11_000));

        TierStatus s = p.evaluate(orders, JOINED, at(2028, 6, 1, 0, 0), BRAND);

        assertThat(s.history())
                .containsExactly(
                        change(JOINED, null, "member", Reason.JOINED),
                        change(at(2025, 6, 15, 20, 0), "member", "gold", Reason.UPGRADE),
                        change(newYear(2027), "gold", "gold", Reason.GRACE_USED),
                        change(newYear(2028), "gold", "member", Reason.REVIEW_DOWNGRADE));
        TierStatus during = p.evaluate(orders, JOINED, at(2027, 6, 1, 0, 0), BRAND);
        assertThat(during.tierName()).contains("gold");
        assertThat(during.graceUsed()).isEqualTo(1);
        assertThat(during.since()).contains(at(2025, 6, 15, 20, 0));
    }

    @Test
    void graceIsCountedPerTier() {
        // 2026 reaches silver but not gold: gold uses its grace, silver is met. 2027 reaches nothing:
        // gold has no grace left, silver still has its own, so the member goes down to silver only.
        TierProgram p = yearly().grace(1).build();
        List<Order> orders = List.of(order(at(2025, 6, 15, 20, 0), 11_000), order(at(2026, 5, 5, 9, 0), 5_000));

        TierStatus s = p.evaluate(orders, JOINED, at(2029, 6, 1, 0, 0), BRAND);

        assertThat(s.history())
                .containsExactly(
                        change(JOINED, null, "member", Reason.JOINED),
                        change(at(2025, 6, 15, 20, 0), "member", "gold", Reason.UPGRADE),
                        change(newYear(2027), "gold", "gold", Reason.GRACE_USED),
                        change(newYear(2028), "gold", "silver", Reason.REVIEW_DOWNGRADE),
                        change(newYear(2029), "silver", "member", Reason.REVIEW_DOWNGRADE));
        TierStatus in2028 = p.evaluate(orders, JOINED, at(2028, 6, 1, 0, 0), BRAND);
        assertThat(in2028.tierName()).contains("silver");
        assertThat(in2028.graceUsed()).isEqualTo(1);
    }

    @Test
    void requalifyingResetsGrace() {
        TierProgram p = yearly().grace(1).build();
        List<Order> orders = List.of(
                order(at(2025, 6, 15, 20, 0), 11_000), // gold
                order(at(2027, 8, 1, 9, 0), 10_000), // 2026 empty: grace used; 2027 meets gold again
                order(at(2029, 8, 1, 9, 0), 500));

        TierStatus s = p.evaluate(orders, JOINED, at(2029, 12, 31, 0, 0), BRAND);

        // 2028 empty: grace used again (it was reset by 2027), still gold in 2029
        assertThat(s.tierName()).contains("gold");
        assertThat(s.history())
                .extracting(TierChange::reason)
                .containsExactly(Reason.JOINED, Reason.UPGRADE, Reason.GRACE_USED, Reason.GRACE_USED);
    }

    @Test
    void aRefundAfterTheUpgradeLowersTheTierOnlyAtTheReview() {
        TierProgram p = yearly().build();
        Instant placed = at(2025, 6, 1, 12, 0);
        Instant refunded = at(2025, 9, 1, 12, 0);
        List<Order> orders = List.of(order(placed, 12_000, new Refund(refunded, twd(5_000), "return")));

        TierStatus beforeRefund = p.evaluate(orders, JOINED, at(2025, 8, 31, 0, 0), BRAND);
        assertThat(beforeRefund.qualifyingSpend()).isEqualTo(twd(12_000));

        TierStatus december = p.evaluate(orders, JOINED, at(2025, 12, 31, 23, 0), BRAND);
        assertThat(december.tierName()).contains("gold");
        assertThat(december.qualifyingSpend()).isEqualTo(twd(7_000));
        assertThat(december.qualifiedTier().map(Tier::name)).contains("silver");
        assertThat(december.toKeep().orElseThrow().missingSpend()).contains(twd(3_000));

        TierStatus january = p.evaluate(orders, JOINED, newYear(2026), BRAND);
        assertThat(january.tierName()).contains("silver");
        assertThat(january.history())
                .last()
                .isEqualTo(change(newYear(2026), "gold", "silver", Reason.REVIEW_DOWNGRADE));
    }

    @Test
    void aFullReturnMakesTheOrderNotCount() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(
                order(at(2025, 6, 1, 12, 0), 12_000, new Refund(at(2025, 6, 20, 12, 0), twd(12_000), "return all")));

        TierStatus s = p.evaluate(orders, JOINED, newYear(2026), BRAND);

        assertThat(s.tierName()).contains("member");
        assertThat(s.history())
                .extracting(TierChange::reason)
                .containsExactly(Reason.JOINED, Reason.UPGRADE, Reason.REVIEW_DOWNGRADE);
    }

    @Test
    void cancelledOrdersNeverCount() {
        TierProgram p = yearly().build();
        Order cancelled = order(at(2025, 6, 1, 12, 0), 12_000).toBuilder()
                .status(OrderStatus.CANCELLED)
                .build();

        TierStatus s = p.evaluate(List.of(cancelled), JOINED, at(2025, 7, 1, 0, 0), BRAND);

        assertThat(s.tierName()).contains("member");
        assertThat(s.history()).hasSize(1);
    }

    @Test
    void rollingWindowIsReviewedQuarterly() {
        TierProgram p = TierProgram.builder(TWD)
                .rolling(365, TierProgram.Period.QUARTER)
                .tier(Tier.named("member"))
                .tier(Tier.named("gold").minSpend(twd(10_000)))
                .build();
        List<Order> orders = List.of(order(at(2025, 2, 10, 12, 0), 10_000));

        // reviews on 1 Apr, 1 Jul, 1 Oct 2025 and 1 Jan 2026 still see the order in the last 365 days;
        // on 1 Apr 2026 the window is 1 Apr 2025 .. 31 Mar 2026 and the order is out
        TierStatus march = p.evaluate(orders, JOINED, at(2026, 3, 31, 23, 0), BRAND);
        assertThat(march.tierName()).contains("gold");
        assertThat(march.qualifyingSpend()).isEqualTo(twd(0)); // the window as of 31 Mar 2026 has lost it
        assertThat(march.nextReview()).isEqualTo(at(2026, 4, 1, 0, 0));

        TierStatus april = p.evaluate(orders, JOINED, at(2026, 4, 1, 0, 0), BRAND);
        assertThat(april.tierName()).contains("member");
        assertThat(april.history())
                .containsExactly(
                        change(JOINED, null, "member", Reason.JOINED),
                        change(at(2025, 2, 10, 12, 0), "member", "gold", Reason.UPGRADE),
                        change(at(2026, 4, 1, 0, 0), "gold", "member", Reason.REVIEW_DOWNGRADE));
    }

    @Test
    void rollingWindowCountsCalendarDaysOfTheBrandZone() {
        TierProgram p = TierProgram.builder(TWD)
                .rolling(30, TierProgram.Period.MONTH)
                .tier(Tier.named("gold").minSpend(twd(1_000)))
                .build();
        // 2 Jan 00:30 Taipei; the window of 31 Jan as of its last instant is 2 Jan .. 31 Jan
        List<Order> early = List.of(order(at(2025, 1, 2, 0, 30), 1_000));
        assertThat(p.evaluate(early, JOINED, at(2025, 2, 1, 0, 0), BRAND).tierName())
                .contains("gold");
        // 1 Jan 23:30 Taipei is a day earlier: out of the window at the 1 Feb review
        List<Order> late = List.of(order(at(2025, 1, 1, 23, 30), 1_000));
        TierStatus s = p.evaluate(late, JOINED, at(2025, 2, 1, 0, 0), BRAND);
        assertThat(s.tierName()).isEmpty();
        assertThat(s.history()).extracting(TierChange::reason).containsExactly(Reason.UPGRADE, Reason.REVIEW_DOWNGRADE);
    }

    @Test
    void anOrderAt2330TaipeiOnNewYearsEveCountsInThatYear() {
        TierProgram p = yearly().build();
        Order earlier = order(at(2025, 5, 1, 12, 0), 9_000);
        Order eve = order(at(2025, 12, 31, 23, 30), 1_000); // 15:30 UTC
        Order afterMidnight = order(at(2026, 1, 1, 0, 30), 1_000); // still 31 Dec in UTC

        TierStatus a = p.evaluate(List.of(earlier, eve), JOINED, at(2026, 6, 1, 0, 0), BRAND);
        assertThat(a.tierName()).contains("gold");
        assertThat(a.history()).last().isEqualTo(change(eve.placedAt(), "silver", "gold", Reason.UPGRADE));

        TierStatus b = p.evaluate(List.of(earlier, afterMidnight), JOINED, at(2026, 6, 1, 0, 0), BRAND);
        assertThat(b.tierName()).contains("silver");
        assertThat(b.qualifyingSpend()).isEqualTo(twd(1_000)); // 2026 so far

        // a UTC brand puts the same instant in 2025
        BrandSettings utc = BrandSettings.from(BRAND).zone(ZoneId.of("UTC")).build();
        TierStatus c = p.evaluate(List.of(earlier, afterMidnight), JOINED, Instant.parse("2026-06-01T00:00:00Z"), utc);
        assertThat(c.tierName()).contains("gold");
    }

    @Test
    void periodsFollowTheBrandZoneAcrossDaylightSavingAndAMissingMidnight() {
        // Paraguay moved its clocks from 00:00 to 01:00 on Sunday 1 October 2023: that quarter began at 01:00
        ZoneId asuncion = ZoneId.of("America/Asuncion");
        java.time.LocalDateTime midnight = LocalDateTime.of(2023, 10, 1, 0, 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                asuncion.getRules().getValidOffsets(midnight).isEmpty(), "this JDK's tzdata has the 2023 gap");
        BrandSettings brand = BrandSettings.from(BRAND).zone(asuncion).build();
        Instant joined = Instant.parse("2023-01-01T00:00:00Z");
        TierProgram p = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.QUARTER)
                .tier(Tier.named("gold").minSpend(twd(1_000)))
                .build();
        Instant quarterStart =
                LocalDateTime.of(2023, 10, 1, 1, 0).atZone(asuncion).toInstant();
        Instant lastMinuteOfQ3 = quarterStart.minusSeconds(60); // 23:59 on 30 September, -04:00
        List<Order> orders = List.of(order(lastMinuteOfQ3, 1_000));

        TierStatus s = p.evaluate(orders, joined, lastMinuteOfQ3, brand);
        assertThat(s.tierName()).contains("gold");
        assertThat(s.nextReview()).isEqualTo(quarterStart);
        // the review at 01:00 sees the third quarter: kept; the next one, on 1 January, sees nothing
        TierStatus q4 = p.evaluate(orders, joined, quarterStart, brand);
        assertThat(q4.tierName()).contains("gold");
        assertThat(q4.qualifyingSpend()).isEqualTo(twd(0));
        TierStatus q1 = p.evaluate(
                orders,
                joined,
                LocalDateTime.of(2024, 1, 1, 0, 0).atZone(asuncion).toInstant(),
                brand);
        assertThat(q1.tier()).isEmpty();

        // New York: an order at 23:30 on 31 March (EDT) is a March order for a monthly programme
        ZoneId newYork = ZoneId.of("America/New_York");
        BrandSettings ny = BrandSettings.from(BRAND).zone(newYork).build();
        TierProgram monthly =
                TierProgram.from(p).calendar(TierProgram.Period.MONTH).build();
        Instant lateMarch =
                LocalDateTime.of(2025, 3, 31, 23, 30).atZone(newYork).toInstant(); // 1 April in UTC
        TierStatus april = monthly.evaluate(List.of(order(lateMarch, 1_000)), joined, lateMarch.plusSeconds(3_600), ny);
        assertThat(april.tierName()).contains("gold"); // kept at the 1 April review: March reached it
        assertThat(april.qualifyingSpend()).isEqualTo(twd(0));
        assertThat(april.nextReview())
                .isEqualTo(LocalDateTime.of(2025, 5, 1, 0, 0).atZone(newYork).toInstant());
    }

    @Test
    void withoutABaseTierMembersBelowTheLowestTierHaveNone() {
        TierProgram p = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("silver").minSpend(twd(3_000)))
                .tier(Tier.named("gold").minSpend(twd(10_000)))
                .build();

        TierStatus nothing = p.evaluate(List.of(), JOINED, at(2025, 1, 1, 0, 0), BRAND);
        assertThat(nothing.tier()).isEmpty();
        assertThat(nothing.since()).isEmpty();
        assertThat(nothing.history()).isEmpty();
        assertThat(nothing.toNext().orElseThrow().tier().name()).isEqualTo("silver");
        assertThat(nothing.toNext().orElseThrow().missingSpend()).contains(twd(3_000));
        assertThat(nothing.toKeep()).isEmpty();

        List<Order> orders = List.of(order(at(2025, 4, 1, 12, 0), 3_000));
        TierStatus s = p.evaluate(orders, JOINED, newYear(2027), BRAND);
        assertThat(s.tier()).isEmpty();
        assertThat(s.history())
                .containsExactly(
                        change(at(2025, 4, 1, 12, 0), null, "silver", Reason.UPGRADE),
                        change(newYear(2027), "silver", null, Reason.REVIEW_DOWNGRADE));
    }

    @Test
    void ordersPlacedBeforeJoiningCountAtJoining() {
        TierProgram p = yearly().build();
        Instant joined = at(2025, 3, 1, 10, 0);
        List<Order> imported = List.of(order(at(2025, 1, 5, 12, 0), 12_000));

        TierStatus s = p.evaluate(imported, joined, at(2025, 4, 1, 0, 0), BRAND);

        assertThat(s.history()).containsExactly(change(joined, null, "gold", Reason.JOINED));
        assertThat(p.evaluate(imported, joined, at(2025, 2, 1, 0, 0), BRAND).tier())
                .isEmpty();
    }

    @Test
    void ordersAndRefundsAfterAsOfAreNotSeen() {
        TierProgram p = yearly().build();
        Instant asOf = at(2025, 7, 1, 0, 0);
        List<Order> orders = List.of(
                order(at(2025, 6, 1, 12, 0), 12_000, new Refund(at(2025, 8, 1, 0, 0), twd(12_000), "later")),
                order(at(2025, 7, 2, 12, 0), 50_000));

        TierStatus s = p.evaluate(orders, JOINED, asOf, BRAND);

        assertThat(s.tierName()).contains("gold");
        assertThat(s.qualifyingSpend()).isEqualTo(twd(12_000));
        assertThat(s.qualifyingOrders()).isEqualTo(1);
    }

    @Test
    void orderCountOrSpendWithMatchAny() {
        TierProgram p = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.HALF_YEAR)
                .match(TierProgram.Match.ANY)
                .tier(Tier.named("member"))
                .tier(Tier.named("vip").minSpend(twd(20_000)).minOrders(5))
                .build();
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            orders.add(order(at(2025, i, 10, 12, 0), 100));
        }

        TierStatus s = p.evaluate(orders, JOINED, at(2025, 6, 30, 0, 0), BRAND);

        assertThat(s.tierName()).contains("vip");
        assertThat(s.since()).contains(at(2025, 5, 10, 12, 0));
        assertThat(s.nextReview()).isEqualTo(at(2025, 7, 1, 0, 0));
        // the July review sees January to June: five orders, kept; the January review sees July to December
        assertThat(p.evaluate(orders, JOINED, at(2025, 12, 31, 0, 0), BRAND).tierName())
                .contains("vip");
        assertThat(p.evaluate(orders, JOINED, newYear(2026), BRAND).tierName()).contains("member");
    }

    @Test
    void orderCountAndSpendWithMatchAll() {
        TierProgram p = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.QUARTER)
                .tier(Tier.named("member"))
                .tier(Tier.named("vip").minSpend(twd(1_000)).minOrders(2))
                .build();
        List<Order> orders = List.of(order(at(2025, 1, 10, 12, 0), 5_000));

        TierStatus s = p.evaluate(orders, JOINED, at(2025, 2, 1, 0, 0), BRAND);

        assertThat(s.tierName()).contains("member");
        TierStatus.Progress next = s.toNext().orElseThrow();
        assertThat(next.missingSpend()).contains(twd(0));
        assertThat(next.missingOrders()).hasValue(1);
        assertThat(next.reached()).isFalse();
    }

    @Test
    void upgradesCanSkipTiers() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2025, 6, 1, 12, 0), 50_000));

        assertThat(p.evaluate(orders, JOINED, at(2025, 6, 2, 0, 0), BRAND).history())
                .last()
                .isEqualTo(change(at(2025, 6, 1, 12, 0), "member", "gold", Reason.UPGRADE));
    }

    @Test
    void beforeJoiningThereIsNoTier() {
        TierProgram p = yearly().build();
        TierStatus s = p.evaluate(List.of(), JOINED, JOINED.minusSeconds(1), BRAND);
        assertThat(s.tier()).isEmpty();
        assertThat(s.history()).isEmpty();
        assertThat(p.evaluate(List.of(), JOINED, JOINED, BRAND).tierName()).contains("member");
    }

    @Test
    void aJoiningInstantInTheDistantPastIsFineButAnAsOfWithoutADateIsRefused() {
        TierProgram p = yearly().build();
        List<Order> orders = List.of(order(at(2025, 6, 1, 12, 0), 12_000));

        TierStatus s = p.evaluate(orders, Instant.MIN, at(2025, 7, 1, 0, 0), BRAND);

        assertThat(s.history())
                .containsExactly(
                        change(Instant.MIN, null, "member", Reason.JOINED),
                        change(at(2025, 6, 1, 12, 0), "member", "gold", Reason.UPGRADE));
        assertThatThrownBy(() -> p.evaluate(orders, JOINED, Instant.MAX, BRAND))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(
                        "asOf: +1000000000-12-31T23:59:59.999999999Z (or an order's instant) is outside the dates"
                                + " crmkit computes with");
    }

    @Test
    void viewAndStoreGiveTheSameStatusAsOrders() {
        TierProgram p = yearly().grace(1).build();
        Crm crm = Crm.inMemory(BRAND);
        Member m = crm.members().save(Member.builder(MemberId.of("M1"), JOINED).build());
        List<Order> orders = List.of(
                order(at(2025, 6, 1, 12, 0), 12_000, new Refund(at(2025, 9, 1, 12, 0), twd(5_000), "return")),
                order(at(2026, 3, 1, 12, 0), 4_000),
                order(at(2027, 3, 1, 12, 0), 100));
        crm.orders().upsertAll(orders);
        Instant asOf = at(2028, 2, 1, 0, 0);

        TierStatus direct = p.evaluate(orders, JOINED, asOf, BRAND);
        MemberView view = crm.view(m.id(), asOf).orElseThrow();

        assertThat(p.evaluate(view, BRAND)).isEqualTo(direct);
        assertThat(p.evaluate(crm, m.id(), asOf)).contains(direct);
        assertThat(p.evaluate(crm, MemberId.of("nobody"), asOf)).isEmpty();
    }

    @Test
    void benefitsAreData() {
        TierProgram p = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("member").benefit("pointsMultiplier", new BigDecimal("1.00")))
                .tier(Tier.named("gold")
                        .minSpend(twd(10_000))
                        .benefit("pointsMultiplier", new BigDecimal("1.5"))
                        .benefit("freeShipping", true)
                        .benefit("birthdayGift", "保溫杯"))
                .build();

        assertThat(p.benefit("gold", "pointsMultiplier").flatMap(Benefit::asDecimal))
                .contains(new BigDecimal("1.5"));
        assertThat(p.benefit("member", "pointsMultiplier")).contains(Benefit.decimal("1"));
        assertThat(p.benefit("gold", "freeShipping").flatMap(Benefit::asFlag)).contains(true);
        assertThat(p.benefit("gold", "birthdayGift").flatMap(Benefit::asText)).contains("保溫杯");
        assertThat(p.benefit("gold", "birthdayGift").flatMap(Benefit::asFlag)).isEmpty();
        assertThat(p.benefit("member", "freeShipping")).isEmpty();
        assertThat(p.tier("gold").orElseThrow().benefits().keySet())
                .containsExactly("birthdayGift", "freeShipping", "pointsMultiplier");
        assertThatThrownBy(() -> p.benefit("platinum", "freeShipping"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("tier: \"platinum\" is not a tier of this programme; tiers: member, gold");
    }

    @Test
    void ordersOfTwoMembersOrAnotherCurrencyAreRefused() {
        TierProgram p = yearly().build();
        Order other = Order.builder(OrderId.of("X"), MemberId.of("M2"), at(2025, 1, 1, 12, 0))
                .line(OrderLine.of(ProductId.of("P1"), "thing", Category.of("Food"), 1, twd(1)))
                .build();
        assertThatThrownBy(() -> p.evaluate(List.of(order(at(2025, 1, 1, 12, 0), 1), other), JOINED, JOINED, BRAND))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must be one member's orders; found orders of M1 and M2");
        BrandSettings usd =
                BrandSettings.from(BRAND).currency(Currency.getInstance("USD")).build();
        assertThatThrownBy(() -> p.evaluate(List.of(), JOINED, JOINED, usd))
                .isInstanceOf(CurrencyMismatchException.class);
    }
}
