package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A member's dynamic data, derived from orders as of an instant: the one definition that
 * segments, classifiers, journeys and reports all use.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>An order counts if it was placed at or before {@code asOf} (and inside the window, if
 *       one is given), is not {@link OrderStatus#CANCELLED}, and was not fully refunded by {@code
 *       asOf}. A full return is as if the order was never placed.
 *   <li>{@code grossSpend} is the sum of the counted orders' {@link Order#total() totals};
 *       {@code refunded} the sum of their refunds made by {@code asOf}; {@code netSpend} the
 *       difference. Refunds made after {@code asOf} are not seen.
 *   <li>{@code purchaseDays} counts distinct calendar dates of counted orders in the brand's zone;
 *       two orders on one day are one purchase occasion.
 *   <li>{@code averageRepurchaseDays} (the personal repurchase cycle) is the days from the first to
 *       the last purchase date divided by {@code purchaseDays - 1}; empty with fewer than two
 *       purchase days.
 *   <li>{@code daysSinceLastPurchase} is the number of calendar days, in the brand's zone, from the
 *       last purchase date to the date of {@code asOf}.
 *   <li>{@link #aov()} is {@code netSpend / orderCount} rounded half-even to the minor unit; {@link
 *       #realisedLtv()} is {@code netSpend}.
 * </ul>
 *
 * <pre>{@code
 * MemberStats s = MemberStats.of(orders, brand.now(), brand);
 * if (s.orderCount() >= 2 && s.daysSinceLastPurchase().orElse(0) > 90) { ... }
 * }</pre>
 *
 * @param asOf the instant the statistics describe
 * @param orderCount the number of counted orders
 * @param purchaseDays the number of distinct purchase dates
 * @param grossSpend the sum of counted orders' totals
 * @param refunded the refunds on counted orders made by {@code asOf}
 * @param netSpend gross spend minus refunds
 * @param firstPurchase when the first counted order was placed
 * @param lastPurchase when the last counted order was placed
 * @param daysSinceLastPurchase calendar days from the last purchase date to the date of {@code asOf}
 * @param averageRepurchaseDays the average number of days between purchase dates
 */
public record MemberStats(
        Instant asOf,
        int orderCount,
        int purchaseDays,
        Money grossSpend,
        Money refunded,
        Money netSpend,
        Optional<Instant> firstPurchase,
        Optional<Instant> lastPurchase,
        OptionalLong daysSinceLastPurchase,
        OptionalDouble averageRepurchaseDays) {

    /** @throws InvalidValueException if the fields contradict each other */
    public MemberStats {
        Check.notNull(asOf, "stats.asOf");
        Check.nonNegative(orderCount, "stats.orderCount");
        Check.that(purchaseDays >= 0 && purchaseDays <= orderCount, "stats.purchaseDays", "must be 0.." + orderCount);
        Check.notNull(grossSpend, "stats.grossSpend");
        Check.notNull(refunded, "stats.refunded");
        Check.notNull(netSpend, "stats.netSpend");
        Check.that(netSpend.equals(grossSpend.minus(refunded)), "stats.netSpend", "must be grossSpend - refunded");
        Check.notNull(firstPurchase, "stats.firstPurchase");
        Check.notNull(lastPurchase, "stats.lastPurchase");
        Check.notNull(daysSinceLastPurchase, "stats.daysSinceLastPurchase");
        Check.notNull(averageRepurchaseDays, "stats.averageRepurchaseDays");
        Check.that(
                firstPurchase.isPresent() == (orderCount > 0) && lastPurchase.isPresent() == (orderCount > 0),
                "stats.firstPurchase",
                "must be present exactly when orderCount > 0");
    }

    /**
     * Statistics over all the member's orders.
     *
     * @param orders the member's orders, in any order (other members' orders must not be included)
     * @param asOf the instant to compute as of
     * @param brand the brand's zone and currency
     * @return the statistics
     * @throws CurrencyMismatchException if an order is not in the brand's currency
     */
    public static MemberStats of(Iterable<Order> orders, Instant asOf, BrandSettings brand) {
        return of(orders, TimeRange.all(), asOf, brand);
    }

    /**
     * Statistics over the member's orders placed in a window, e.g. "spend in the last 365 days".
     *
     * @param orders the member's orders, in any order
     * @param window only orders placed in this range count
     * @param asOf the instant to compute as of; orders after it are ignored whatever the window
     * @param brand the brand's zone and currency
     * @return the statistics
     * @throws CurrencyMismatchException if an order is not in the brand's currency
     */
    public static MemberStats of(Iterable<Order> orders, TimeRange window, Instant asOf, BrandSettings brand) {
        Check.notNull(orders, "orders");
        Check.notNull(window, "window");
        Check.notNull(asOf, "asOf");
        Currency currency = brand.currency();
        long gross = 0;
        long refunded = 0;
        int count = 0;
        Instant first = null;
        Instant last = null;
        java.time.zone.ZoneRules rules = brand.zone().getRules();
        long[] days = new long[8];
        int dayCount = 0;
        for (Order o : orders) {
            if (!window.contains(o.placedAt()) || !countsAsPurchase(o, asOf)) {
                continue;
            }
            if (!o.currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, o.currency(), "order " + o.id());
            }
            long total = o.total().minorUnits();
            long back = o.refunded(asOf).minorUnits();
            count++;
            gross = Math.addExact(gross, total);
            refunded = Math.addExact(refunded, back);
            if (first == null || o.placedAt().isBefore(first)) {
                first = o.placedAt();
            }
            if (last == null || o.placedAt().isAfter(last)) {
                last = o.placedAt();
            }
            if (dayCount == days.length) {
                days = java.util.Arrays.copyOf(days, dayCount * 2);
            }
            days[dayCount++] = epochDay(o.placedAt(), rules);
        }
        // distinct purchase dates: sort the (few) epoch days and count the changes
        java.util.Arrays.sort(days, 0, dayCount);
        int distinct = 0;
        for (int i = 0; i < dayCount; i++) {
            if (i == 0 || days[i] != days[i - 1]) {
                distinct++;
            }
        }
        OptionalLong since = OptionalLong.empty();
        OptionalDouble cycle = OptionalDouble.empty();
        if (last != null) {
            LocalDate lastDay = brand.dateOf(last);
            since = OptionalLong.of(ChronoUnit.DAYS.between(lastDay, brand.dateOf(asOf)));
            if (distinct >= 2) {
                long span = ChronoUnit.DAYS.between(brand.dateOf(first), lastDay);
                cycle = OptionalDouble.of((double) span / (distinct - 1));
            }
        }
        return new MemberStats(
                asOf,
                count,
                distinct,
                Money.ofMinor(gross, currency),
                Money.ofMinor(refunded, currency),
                Money.ofMinor(gross - refunded, currency),
                Optional.ofNullable(first),
                Optional.ofNullable(last),
                since,
                cycle);
    }

    /**
     * The rule every crmkit measure uses for "is this order a purchase as of this instant": placed
     * at or before {@code asOf}, not cancelled, and not fully refunded by {@code asOf}.
     *
     * @param order an order
     * @param asOf the as-of instant
     * @return true if the order counts
     */
    public static boolean countsAsPurchase(Order order, Instant asOf) {
        return !order.isCancelled() && !order.placedAt().isAfter(asOf) && !order.isFullyRefunded(asOf);
    }

    /**
     * @param asOf the instant
     * @param brand the brand's currency
     * @return the statistics of a member who never bought
     */
    public static MemberStats none(Instant asOf, BrandSettings brand) {
        Money zero = Money.zero(brand.currency());
        return new MemberStats(
                asOf,
                0,
                0,
                zero,
                zero,
                zero,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalDouble.empty());
    }

    /** The date of an instant in a zone, as an epoch day, without building a LocalDate. */
    private static long epochDay(Instant t, java.time.zone.ZoneRules rules) {
        return Math.floorDiv(t.getEpochSecond() + rules.getOffset(t).getTotalSeconds(), 86_400L);
    }

    /** @return the average order value, net of refunds; empty if there are no orders */
    public Optional<Money> aov() {
        return orderCount == 0 ? Optional.empty() : Optional.of(netSpend.dividedBy(orderCount, RoundingMode.HALF_EVEN));
    }

    /** @return the value realised so far: net spend */
    public Money realisedLtv() {
        return netSpend;
    }

    /** @return true if at least one order counts */
    public boolean hasPurchased() {
        return orderCount > 0;
    }
}
