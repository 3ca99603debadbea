package io.crmkit.segmentation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.segmentation.Condition.InteractionFilter;
import io.crmkit.segmentation.Condition.Item;
import io.crmkit.segmentation.Condition.OrderFilter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid {@link Condition} trees and their parts, for every property test that
 * needs random segment definitions (JSON round trips, per-member vs bulk evaluation, SQL push-down).
 * Every node type, window kind, bound shape, currency and attribute type occurs; strings mix ASCII,
 * Chinese, emoji, JSON-special and control characters and the odd unpaired surrogate.
 *
 * <pre>{@code
 * @Property
 * void roundTrips(@ForAll("conditions") Condition c) { ... }
 *
 * @Provide
 * Arbitrary<Condition> conditions() {
 *     return ConditionArbitraries.conditions(3);
 * }
 *
 * // only what an evaluator can answer without a catalogue: no inSegment, no custom
 * ConditionArbitraries.tree(ConditionArbitraries.selfContainedLeaves(), 3);
 * }</pre>
 */
public final class ConditionArbitraries {
    private ConditionArbitraries() {}

    // ---- trees --------------------------------------------------------------------------------

    /** @return trees of every node type, up to three levels of and / or / not */
    public static Arbitrary<Condition> conditions() {
        return conditions(3);
    }

    /**
     * @param maxDepth the most levels of and / or / not above the leaves
     * @return trees of every node type
     */
    public static Arbitrary<Condition> conditions(int maxDepth) {
        return tree(leaves(), maxDepth);
    }

    /**
     * @param maxDepth the most levels of and / or / not above the leaves
     * @return trees without {@code inSegment} and {@code custom}, which need a catalogue
     */
    public static Arbitrary<Condition> selfContained(int maxDepth) {
        return tree(selfContainedLeaves(), maxDepth);
    }

    /**
     * @param leaves the leaf conditions
     * @param maxDepth the most levels of and / or / not above the leaves
     * @return trees of {@code and} (2 to 4 parts), {@code or}, {@code not}, {@code all} and {@code
     *     none} over the leaves
     */
    public static Arbitrary<Condition> tree(Arbitrary<Condition> leaves, int maxDepth) {
        if (maxDepth <= 0) {
            return leaves;
        }
        Arbitrary<Condition> inner = tree(leaves, maxDepth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaves),
                Tuple.of(2, inner.list().ofMinSize(2).ofMaxSize(4).map(l -> (Condition) new Condition.And(l))),
                Tuple.of(2, inner.list().ofMinSize(2).ofMaxSize(4).map(l -> (Condition) new Condition.Or(l))),
                Tuple.of(1, inner.map(c -> (Condition) new Condition.Not(c))),
                Tuple.of(1, Arbitraries.of(new Condition.All(), new Condition.None())));
    }

    /** @return one of every leaf type, including {@code inSegment} and {@code custom} */
    public static Arbitrary<Condition> leaves() {
        return Arbitraries.oneOf(List.of(selfContainedLeaves(), inSegment(), custom()));
    }

    /** @return every leaf type but {@code inSegment} and {@code custom} */
    public static Arbitrary<Condition> selfContainedLeaves() {
        return Arbitraries.oneOf(List.of(
                compare(),
                profile(),
                attribute(),
                orders(),
                spendOn(),
                interactions(),
                tagged(),
                reachable(),
                optedIn()));
    }

    // ---- leaves -------------------------------------------------------------------------------

    /** @return a measure within a bound; windows only for windowed measures, currencies for money */
    public static Arbitrary<Condition> compare() {
        return Arbitraries.of(Measure.class).flatMap(m -> {
            Arbitrary<Window> w = m.windowed() ? windows() : Arbitraries.just(Window.allTime());
            Arbitrary<Optional<Currency>> cur = m.unit() == Measure.Unit.MONEY
                    ? currencies().map(Optional::of)
                    : Arbitraries.just(Optional.empty());
            return Combinators.combine(w, bounds(), cur).as((wi, b, c) -> new Condition.Compare(m, wi, b, c));
        });
    }

    /** @return a profile field with one to four values */
    public static Arbitrary<Condition> profile() {
        return Arbitraries.of(Condition.ProfileField.class).flatMap(field -> {
            Arbitrary<String> values = switch (field) {
                case GENDER -> Arbitraries.of(io.crmkit.core.Gender.class).map(Enum::name);
                case SOURCE_CHANNEL -> codes();
                case REGION, CITY -> ids();
            };
            return values.set().ofMinSize(1).ofMaxSize(4).map(v -> new Condition.Profile(field, v));
        });
    }

    /** @return an attribute test of every value type */
    public static Arbitrary<Condition> attribute() {
        return Arbitraries.of(AttributeKey.Type.class).flatMap(type -> {
            Arbitrary<AttributeKey<?>> key = attributeNames().map(n -> AttributeKey.of(n, type));
            Arbitrary<Object> value = attributeValues(type);
            Arbitrary<Condition.AttributeTest> tests = type == AttributeKey.Type.BOOLEAN
                    ? Arbitraries.of(Condition.AttributeTest.EXISTS, Condition.AttributeTest.IN)
                    : Arbitraries.of(Condition.AttributeTest.class);
            return Combinators.combine(key, tests, value.list().ofMinSize(1).ofMaxSize(4))
                    .as((k, test, vs) -> {
                        List<Object> values = new ArrayList<>(vs);
                        switch (test) {
                            case EXISTS -> values.clear();
                            case IN -> {}
                            case BETWEEN -> {
                                while (values.size() < 2) {
                                    values.add(values.get(0));
                                }
                                values = new ArrayList<>(values.subList(0, 2));
                                values.sort(ConditionArbitraries::compareValues);
                            }
                        }
                        return new Condition.Attribute(k, test, values);
                    });
        });
    }

    /** @return a count of orders that match a filter */
    public static Arbitrary<Condition> orders() {
        return Combinators.combine(orderFilters(), windows(), bounds()).as(Condition.Orders::new);
    }

    /** @return spend on an item within a money bound */
    public static Arbitrary<Condition> spendOn() {
        return Combinators.combine(items(), windows(), bounds(), currencies()).as(Condition.SpendOn::new);
    }

    /** @return a count of interactions that match a filter */
    public static Arbitrary<Condition> interactions() {
        return Combinators.combine(interactionFilters(), windows(), bounds()).as(Condition.Interactions::new);
    }

    /** @return a tag test */
    public static Arbitrary<Condition> tagged() {
        return ids().filter(s -> s.length() <= 128 && wellFormed(s)).map(Condition.Tagged::new);
    }

    /** @return a reachability test */
    public static Arbitrary<Condition> reachable() {
        return Arbitraries.of(ContactChannel.class).map(Condition.Reachable::new);
    }

    /** @return an opt-in test */
    public static Arbitrary<Condition> optedIn() {
        return Arbitraries.of(ContactChannel.class).map(Condition.OptedIn::new);
    }

    /** @return a reference to a (random, probably unknown) segment */
    public static Arbitrary<Condition> inSegment() {
        return segmentIds().map(Condition.InSegment::new);
    }

    /** @return a custom predicate with zero to three parameters */
    public static Arbitrary<Condition> custom() {
        Arbitrary<String> names = Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('0', '9')
                                .withChars("_.-")
                                .ofMaxLength(20))
                .as((c, s) -> c + s);
        // parameter names are short identifiers (Condition.Custom's rule)
        Arbitrary<String> keys = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('A', 'Z')
                .withCharRange('0', '9')
                .withChars("_.:-")
                .ofMinLength(1)
                .ofMaxLength(20);
        return Combinators.combine(names, Arbitraries.maps(keys, text()).ofMaxSize(3))
                .as(Condition.Custom::new);
    }

    // ---- parts --------------------------------------------------------------------------------

    /** @return all time, last n days (1 to the maximum), or a range of dates */
    public static Arbitrary<Window> windows() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Window.allTime())),
                Tuple.of(2, Arbitraries.integers().between(1, Window.MAX_DAYS).map(Window::lastDays)),
                Tuple.of(
                        1,
                        Combinators.combine(dates(), Arbitraries.integers().between(1, 800))
                                .as((from, days) -> Window.between(from, from.plusDays(days)))));
    }

    /** @return unbounded, at least, at most, between, exactly; values over the whole long range */
    public static Arbitrary<Bound> bounds() {
        Arbitrary<Long> v = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-1_000, 1_000_000)), Tuple.of(1, Arbitraries.longs()));
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Bound(Long.MIN_VALUE, Long.MAX_VALUE))),
                Tuple.of(2, v.map(Bound::atLeast)),
                Tuple.of(2, v.map(Bound::atMost)),
                Tuple.of(2, Combinators.combine(v, v).as((a, b) -> Bound.between(Math.min(a, b), Math.max(a, b)))),
                Tuple.of(1, v.map(a -> Bound.between(a, a))));
    }

    /** @return every currency the JDK knows, often TWD, JPY (0 digits), KWD (3) and XAU (no minor unit) */
    public static Arbitrary<Currency> currencies() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.of(
                                Currency.getInstance("TWD"),
                                Currency.getInstance("JPY"),
                                Currency.getInstance("KWD"),
                                Currency.getInstance("XAU"))),
                Tuple.of(1, Arbitraries.of(new ArrayList<>(Currency.getAvailableCurrencies()))));
    }

    /** @return a product, a SKU or a (normalised) category of one to three levels */
    public static Arbitrary<Item> items() {
        Arbitrary<String> level = text().map(String::strip).filter(s -> !s.isEmpty() && !s.contains(">"));
        Arbitrary<String> category = level.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(" > ", l));
        return Arbitraries.oneOf(List.of(
                ids().map(id -> new Item(Condition.ItemKind.PRODUCT, id)),
                ids().map(Item::sku),
                category.map(c -> new Item(Condition.ItemKind.CATEGORY, c))));
    }

    /** @return order filters with any combination of fields */
    public static Arbitrary<OrderFilter> orderFilters() {
        Arbitrary<Optional<Item>> item = items().optional(0.5);
        Arbitrary<Optional<String>> coupon =
                ids().filter(s -> s.length() <= 128 && wellFormed(s)).optional(0.3);
        Arbitrary<Optional<PaymentMethod>> pay = codes().map(PaymentMethod::new).optional(0.3);
        Arbitrary<Optional<ShippingMethod>> ship =
                codes().map(ShippingMethod::new).optional(0.3);
        Arbitrary<Optional<StoreId>> pickup = ids().map(StoreId::of).optional(0.3);
        Arbitrary<Optional<SalesChannel>> channel =
                codes().map(SalesChannel::new).optional(0.3);
        Arbitrary<Optional<StoreId>> store = ids().map(StoreId::of).optional(0.3);
        return Combinators.combine(item, Arbitraries.of(false, true), coupon, pay, ship, pickup, channel, store)
                .as(OrderFilter::new);
    }

    /** @return interaction filters with any combination of fields */
    public static Arbitrary<InteractionFilter> interactionFilters() {
        return Combinators.combine(
                        Arbitraries.of(InteractionType.class),
                        ids().map(CampaignId::of).optional(0.4),
                        Arbitraries.of(ContactChannel.class).optional(0.4),
                        Arbitraries.integers()
                                .between(0, Integer.MAX_VALUE)
                                .optional(0.3)
                                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty())),
                        Arbitraries.longs()
                                .between(0, Long.MAX_VALUE)
                                .optional(0.3)
                                .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())))
                .as(InteractionFilter::new);
    }

    /** @return segment ids, 1 to 64 characters */
    public static Arbitrary<SegmentId> segmentIds() {
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('0', '9')
                                .withChars("_-")
                                .ofMaxLength(63))
                .as((c, s) -> SegmentId.of(c + s));
    }

    /** @return segments with random names, descriptions and conditions of every node type */
    public static Arbitrary<Segment> segments() {
        return Combinators.combine(segmentIds(), text().filter(s -> !s.isBlank()), text(), conditions())
                .as(Segment::new);
    }

    /**
     * @return short text mixing ASCII, Chinese, emoji, quotes, backslashes, control characters and
     *     (rarely) unpaired surrogates; may be empty
     */
    public static Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf)),
                Tuple.of(6, Arbitraries.chars().alpha().numeric().map(String::valueOf)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                " ", "\"", "\\", "/", "\n", "\t", "\r", "\u0000", "\u001f", "\u007f", "\u2028", ">",
                                "'", "{", "}", "[", "]", ":", ",", "·", "ｱ", "é")),
                Tuple.of(1, Arbitraries.of("😀", "👍🏽", "𠀋", "🇹🇼")),
                Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)));
        return piece.list().ofMaxSize(10).map(l -> String.join("", l));
    }

    /** @return valid ids of crm-core ({@code ProductId}, {@code StoreId}, ...): no control characters */
    public static Arbitrary<String> ids() {
        return text().filter(s -> !s.isEmpty()
                && !Character.isWhitespace(s.charAt(0))
                && !Character.isWhitespace(s.charAt(s.length() - 1))
                && s.chars().noneMatch(c -> Character.isISOControl((char) c)));
    }

    /** @return open-set codes such as {@code LINE_PAY} */
    public static Arbitrary<String> codes() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("LINE_PAY", "CREDIT_CARD", "WEB", "POS", "STORE_PICKUP")),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('A', 'Z')
                                .withCharRange('0', '9')
                                .withChars('_')
                                .ofMinLength(1)
                                .ofMaxLength(40)));
    }

    /** @return attribute names such as {@code crm.b2b:employees} */
    public static Arbitrary<String> attributeNames() {
        return Combinators.combine(
                        Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withCharRange('0', '9')
                                .withChars("_.:-")
                                .ofMaxLength(20))
                .as((c, s) -> c + s);
    }

    /**
     * @param type an attribute type
     * @return values of that type, over wide ranges (decimals of every scale, dates and instants
     *     well before 1970 and after 9999)
     */
    public static Arbitrary<Object> attributeValues(AttributeKey.Type type) {
        return switch (type) {
            case STRING -> text().map(s -> s);
            case INTEGER -> Arbitraries.integers().map(i -> i);
            case LONG -> Arbitraries.longs().map(l -> l);
            case DECIMAL ->
                Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(-8, 20))
                        .as((u, s) -> (Object) new BigDecimal(BigInteger.valueOf(u), s));
            case BOOLEAN -> Arbitraries.of(true, false).map(b -> b);
            case DATE -> dates().map(d -> d);
            case INSTANT ->
                Combinators.combine(
                                Arbitraries.longs().between(-100_000_000_000L, 300_000_000_000L),
                                Arbitraries.integers().between(0, 999_999_999))
                        .as((s, n) -> (Object) Instant.ofEpochSecond(s, n));
        };
    }

    /** @return dates from about 700 BCE to 10 000 CE, most of them near today */
    public static Arbitrary<LocalDate> dates() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(18_000, 22_000).map(LocalDate::ofEpochDay)),
                Tuple.of(1, Arbitraries.longs().between(-1_000_000, 3_000_000).map(LocalDate::ofEpochDay)));
    }

    /**
     * @param s a string
     * @return true if it has no unpaired surrogate
     */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }
}
