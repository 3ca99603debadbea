package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MemberStatsTest {
    static final BrandSettings BRAND = BrandSettings.ofDefaults();
    static final Currency TWD = BRAND.currency();
    static final MemberId M = MemberId.of("M1");
    static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    static Order order(String id, Instant at, long major) {
        return Order.builder(OrderId.of(id), M, at)
                .line(OrderLine.of(ProductId.of("P1"), "Thing", Category.of("Misc"), 1, Money.of(major, TWD)))
                .build();
    }

    @Test
    void daysAreCountedInTheBrandsZone() {
        // 23:30 and 00:30 the next day in Taipei, though only one hour apart and the same UTC date
        Instant late = Instant.parse("2025-11-10T15:30:00Z");
        Instant early = Instant.parse("2025-11-10T16:30:00Z");
        Instant asOf = Instant.parse("2025-11-20T16:30:00Z"); // 11-21 00:30 Taipei
        MemberStats s = MemberStats.of(List.of(order("A", late, 100), order("B", early, 300)), asOf, BRAND);
        assertThat(s.orderCount()).isEqualTo(2);
        assertThat(s.purchaseDays()).isEqualTo(2);
        assertThat(s.averageRepurchaseDays()).hasValue(1.0);
        assertThat(s.daysSinceLastPurchase()).hasValue(10);
        assertThat(s.aov()).contains(Money.of(200, TWD));
        MemberStats utc = MemberStats.of(
                List.of(order("A", late, 100), order("B", early, 300)),
                asOf,
                BrandSettings.custom().zone(java.time.ZoneOffset.UTC).build());
        assertThat(utc.purchaseDays()).isEqualTo(1);
    }

    @Test
    void cancelledAndFullyReturnedOrdersAreNotPurchases() {
        Instant t = Instant.parse("2025-05-01T04:00:00Z");
        Order cancelled =
                order("C", t, 500).toBuilder().status(OrderStatus.CANCELLED).build();
        Order returned = order("R", t.plusSeconds(86400), 400).toBuilder()
                .refund(new Refund(t.plus(Duration.ofDays(3)), Money.of(400, TWD), "return"))
                .build();
        Order partial = order("P", t.plus(Duration.ofDays(2)), 1000).toBuilder()
                .refund(new Refund(t.plus(Duration.ofDays(4)), Money.of(250, TWD), "one item"))
                .build();
        List<Order> orders = List.of(cancelled, returned, partial);

        MemberStats before = MemberStats.of(orders, t.plus(Duration.ofDays(2).plusHours(1)), BRAND);
        assertThat(before.orderCount()).as("the return has not happened yet").isEqualTo(2);
        assertThat(before.netSpend()).isEqualTo(Money.of(1400, TWD));

        MemberStats after = MemberStats.of(orders, t.plus(Duration.ofDays(10)), BRAND);
        assertThat(after.orderCount()).isEqualTo(1);
        assertThat(after.grossSpend()).isEqualTo(Money.of(1000, TWD));
        assertThat(after.refunded()).isEqualTo(Money.of(250, TWD));
        assertThat(after.netSpend()).isEqualTo(Money.of(750, TWD));
        assertThat(after.realisedLtv()).isEqualTo(Money.of(750, TWD));
        assertThat(after.firstPurchase()).contains(partial.placedAt());
    }

    @Test
    void windowLimitsWhichOrdersCount() {
        Instant t = Instant.parse("2025-01-01T04:00:00Z");
        List<Order> orders = List.of(order("A", t, 100), order("B", t.plus(Duration.ofDays(200)), 200));
        Instant asOf = t.plus(Duration.ofDays(300));
        MemberStats last365 = MemberStats.of(orders, TimeRange.since(asOf.minus(Duration.ofDays(150))), asOf, BRAND);
        assertThat(last365.orderCount()).isEqualTo(1);
        assertThat(last365.netSpend()).isEqualTo(Money.of(200, TWD));
        assertThat(MemberStats.of(List.of(), asOf, BRAND)).isEqualTo(MemberStats.none(asOf, BRAND));
        assertThat(MemberStats.none(asOf, BRAND).aov()).isEmpty();
    }

    @Test
    void ordersInAnotherCurrencyAreRefused() {
        Order usd = Order.builder(OrderId.of("U"), M, BASE)
                .line(OrderLine.of(
                        ProductId.of("P1"), "Thing", Category.of("Misc"), 1, Money.of(5, Currency.getInstance("USD"))))
                .build();
        assertThatThrownBy(() -> MemberStats.of(List.of(usd), BASE.plusSeconds(1), BRAND))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("order U");
    }

    /** The rules of {@link MemberStats}, computed a second, independent way. */
    @Property(tries = 500)
    void agreesWithABruteForceRecomputation(@ForAll long seed) {
        Random r = new Random(seed);
        List<Order> orders = randomOrders(r);
        Instant asOf = BASE.plusSeconds(r.nextInt(500 * 86400));
        TimeRange window = r.nextBoolean()
                ? TimeRange.all()
                : TimeRange.of(
                        BASE.plusSeconds(r.nextInt(200 * 86400)),
                        BASE.plusSeconds(r.nextInt(200 * 86400) + 200L * 86400));

        MemberStats s = MemberStats.of(orders, window, asOf, BRAND);

        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        List<Instant> times = new ArrayList<>();
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Order o : orders) {
            boolean inWindow =
                    !o.placedAt().isBefore(window.from()) && o.placedAt().isBefore(window.to());
            if (o.status() == OrderStatus.CANCELLED || o.placedAt().compareTo(asOf) > 0 || !inWindow) {
                continue;
            }
            BigDecimal total = BigDecimal.ZERO;
            for (OrderLine l : o.lines()) {
                total = total.add(l.unitPrice().toBigDecimal().multiply(BigDecimal.valueOf(l.quantity())))
                        .subtract(l.discount().toBigDecimal());
            }
            total = total.subtract(o.orderDiscount().toBigDecimal())
                    .add(o.shippingFee().toBigDecimal());
            BigDecimal back = o.refunds().stream()
                    .filter(x -> x.at().compareTo(asOf) <= 0)
                    .map(x -> x.amount().toBigDecimal())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.signum() > 0 && back.compareTo(total) == 0) {
                continue;
            }
            gross = gross.add(total);
            refunded = refunded.add(back);
            times.add(o.placedAt());
            days.add(ZonedDateTime.ofInstant(o.placedAt(), BRAND.zone()).toLocalDate());
        }
        assertThat(s.orderCount()).isEqualTo(times.size());
        assertThat(s.purchaseDays()).isEqualTo(days.size());
        assertThat(s.grossSpend().toBigDecimal()).isEqualByComparingTo(gross);
        assertThat(s.refunded().toBigDecimal()).isEqualByComparingTo(refunded);
        assertThat(s.netSpend().toBigDecimal()).isEqualByComparingTo(gross.subtract(refunded));
        assertThat(s.firstPurchase()).isEqualTo(times.stream().min(Instant::compareTo));
        assertThat(s.lastPurchase()).isEqualTo(times.stream().max(Instant::compareTo));
        if (times.isEmpty()) {
            assertThat(s.aov()).isEmpty();
            assertThat(s.daysSinceLastPurchase()).isEmpty();
        } else {
            assertThat(s.aov().orElseThrow().toBigDecimal())
                    .isEqualByComparingTo(gross.subtract(refunded)
                            .divide(BigDecimal.valueOf(times.size()), 2, RoundingMode.HALF_EVEN));
            LocalDate asOfDay = ZonedDateTime.ofInstant(asOf, BRAND.zone()).toLocalDate();
            assertThat(s.daysSinceLastPurchase()).hasValue(ChronoUnit.DAYS.between(days.last(), asOfDay));
        }
        if (days.size() < 2) {
            assertThat(s.averageRepurchaseDays()).isEmpty();
        } else {
            // the mean of the gaps between consecutive purchase days
            List<LocalDate> d = new ArrayList<>(days);
            double sum = 0;
            for (int i = 1; i < d.size(); i++) {
                sum += ChronoUnit.DAYS.between(d.get(i - 1), d.get(i));
            }
            assertThat(s.averageRepurchaseDays().getAsDouble())
                    .isCloseTo(sum / (d.size() - 1), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    static List<Order> randomOrders(Random r) {
        int n = r.nextInt(12);
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // cluster some orders on the same day and around midnight Taipei time
            Instant at = BASE.plusSeconds(
                    r.nextInt(400) * 86400L + (r.nextBoolean() ? 57_600 + r.nextInt(7200) - 3600 : r.nextInt(86400)));
            Order.Builder b = Order.builder(OrderId.of("O" + i), M, at);
            int lines = 1 + r.nextInt(3);
            for (int j = 0; j < lines; j++) {
                Money price = Money.ofMinor(r.nextInt(500_000), TWD);
                OrderLine l = OrderLine.of(
                        ProductId.of("P" + r.nextInt(5)), "Thing", Category.of("Misc"), 1 + r.nextInt(3), price);
                if (r.nextInt(4) == 0) {
                    l = l.withDiscount(Money.ofMinor(
                            r.nextInt((int)
                                    Math.min(Integer.MAX_VALUE, l.grossAmount().minorUnits() + 1)),
                            TWD));
                }
                b.line(l);
            }
            if (r.nextInt(3) == 0) {
                b.shippingFee(Money.of(60, TWD));
            }
            if (r.nextInt(7) == 0) {
                b.status(OrderStatus.CANCELLED);
            }
            Order o = b.build();
            long left = o.total().minorUnits();
            Order.Builder withRefunds = o.toBuilder();
            int refunds = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
            for (int k = 0; k < refunds && left > 0; k++) {
                long amount = r.nextBoolean() ? left : 1 + (long) (r.nextDouble() * (left - 1));
                amount = Math.max(1, Math.min(amount, left));
                withRefunds.refund(new Refund(at.plusSeconds(r.nextInt(60 * 86400)), Money.ofMinor(amount, TWD), "r"));
                left -= amount;
            }
            out.add(withRefunds.build());
        }
        return out;
    }
}
