package io.crmkit.segmentation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * A yes/no question about a member, as data: the definition of a segment. Conditions are immutable
 * records that combine with {@link #and}, {@link #or} and {@link #not}; build them with the typed
 * DSL of {@link Where}, which does not let a money measure be compared with a date, or read them
 * from JSON.
 *
 * <p>A measure that has no value for a member (days since the last purchase of a member who never
 * bought, the age of a member without a birthday) makes its condition false; {@code not} of it is
 * then true.
 *
 * <pre>{@code
 * Condition lapsedVip = Where.spend(Window.lastDays(365)).atLeast(Money.of(10_000, twd))
 *         .and(Where.daysSinceLastPurchase().moreThan(90))
 *         .and(Where.tagged("do-not-contact").not())
 *         .and(Where.reachableBy(ContactChannel.LINE));
 * }</pre>
 */
public sealed interface Condition
        permits Condition.All,
                Condition.None,
                Condition.And,
                Condition.Or,
                Condition.Not,
                Condition.Compare,
                Condition.Profile,
                Condition.Attribute,
                Condition.Orders,
                Condition.SpendOn,
                Condition.Interactions,
                Condition.Tagged,
                Condition.Reachable,
                Condition.OptedIn,
                Condition.InSegment,
                Condition.Custom {

    /**
     * @param other another condition
     * @return both must hold
     */
    default Condition and(Condition other) {
        return Where.allOf(this, other);
    }

    /**
     * @param other another condition
     * @return either must hold
     */
    default Condition or(Condition other) {
        return Where.anyOf(this, other);
    }

    /** @return the opposite */
    default Condition not() {
        return Where.not(this);
    }

    /** Every member; the identity of {@link And}. */
    record All() implements Condition {}

    /** No member; the identity of {@link Or}. */
    record None() implements Condition {}

    /**
     * Every part holds.
     *
     * @param parts two or more conditions
     */
    record And(List<Condition> parts) implements Condition {
        /** @throws InvalidValueException if there are fewer than two parts */
        public And {
            parts = atLeastTwo(parts, "and");
        }
    }

    /**
     * At least one part holds.
     *
     * @param parts two or more conditions
     */
    record Or(List<Condition> parts) implements Condition {
        /** @throws InvalidValueException if there are fewer than two parts */
        public Or {
            parts = atLeastTwo(parts, "or");
        }
    }

    /**
     * The condition does not hold.
     *
     * @param condition the condition to negate
     */
    record Not(Condition condition) implements Condition {
        /** @throws InvalidValueException if the condition is missing */
        public Not {
            required(condition, "not");
        }
    }

    /**
     * A measure of the member falls within a bound.
     *
     * @param measure what is measured
     * @param window which part of the history; {@link Window#allTime()} for measures that are not
     *     {@link Measure#windowed()}
     * @param bound the range the value must fall in (minor units for money)
     * @param currency the currency of a money bound; empty for other measures
     */
    record Compare(Measure measure, Window window, Bound bound, Optional<Currency> currency) implements Condition {
        /** @throws InvalidValueException if the window or currency does not fit the measure */
        public Compare {
            required(measure, "compare.measure");
            required(window, "compare.window");
            required(bound, "compare.bound");
            required(currency, "compare.currency");
            if (!measure.windowed() && !window.isAllTime()) {
                throw new InvalidValueException("compare.window", measure + " has no window; it is always all-time");
            }
            if ((measure.unit() == Measure.Unit.MONEY) != currency.isPresent()) {
                throw new InvalidValueException(
                        "compare.currency",
                        measure.unit() == Measure.Unit.MONEY
                                ? measure + " is money and needs a currency"
                                : measure + " is not money and takes no currency");
            }
        }
    }

    /** A profile field with a small set of values. */
    enum ProfileField {
        /** {@link io.crmkit.core.Gender} names. */
        GENDER,
        /** Region names. */
        REGION,
        /** City or county names. */
        CITY,
        /** {@link SalesChannel} codes. */
        SOURCE_CHANNEL
    }

    /**
     * A profile field has one of the given values.
     *
     * @param field the field
     * @param anyOf the accepted values, at least one
     */
    record Profile(ProfileField field, Set<String> anyOf) implements Condition {
        /** @throws InvalidValueException if no value is given */
        public Profile {
            required(field, "profile.field");
            anyOf = nonEmptySet(anyOf, "profile.anyOf");
            for (String v : anyOf) {
                if (field == ProfileField.GENDER) {
                    try {
                        io.crmkit.core.Gender.valueOf(v);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidValueException(
                                "profile.anyOf",
                                "\"" + v + "\" is not a gender; allowed: "
                                        + java.util.Arrays.toString(io.crmkit.core.Gender.values()));
                    }
                } else if (field == ProfileField.SOURCE_CHANNEL
                        && !SalesChannel.of(v).code().equals(v)) {
                    throw new InvalidValueException(
                            "profile.anyOf", "\"" + v + "\" is not a normalised channel code (use SalesChannel.of)");
                } else if (v.isBlank() || !v.equals(v.strip())) {
                    throw new InvalidValueException(
                            "profile.anyOf", "\"" + v + "\" is blank or has leading or trailing white space");
                }
            }
        }
    }

    /** What a custom attribute condition asks. */
    enum AttributeTest {
        /** The attribute is set. */
        EXISTS,
        /** The attribute equals one of the values. */
        IN,
        /** The attribute lies between the two values, inclusive (numbers, dates and instants). */
        BETWEEN
    }

    /**
     * A custom attribute is set, equals one of some values, or lies in a range.
     *
     * @param key the attribute key
     * @param test what is asked
     * @param values for {@code IN} one or more values, for {@code BETWEEN} exactly two (min, max)
     *     of the key's type; none for {@code EXISTS}
     */
    record Attribute(AttributeKey<?> key, AttributeTest test, List<Object> values) implements Condition {
        /** @throws InvalidValueException if the values do not fit the test and the key's type */
        public Attribute {
            required(key, "attribute.key");
            required(test, "attribute.test");
            required(values, "attribute.values");
            List<Object> typed = new ArrayList<>(values.size());
            for (Object v : values) {
                typed.add(key.cast(v)); // checks the type; decimals lose trailing zeros, as in Attributes
            }
            values = typed;
            switch (test) {
                case EXISTS -> {
                    if (!values.isEmpty()) {
                        throw new InvalidValueException("attribute.values", "EXISTS takes no values");
                    }
                }
                case IN -> {
                    if (values.isEmpty()) {
                        throw new InvalidValueException("attribute.values", "IN needs at least one value");
                    }
                }
                case BETWEEN -> {
                    if (values.size() != 2) {
                        throw new InvalidValueException("attribute.values", "BETWEEN needs exactly two values");
                    }
                    Class<?> t = key.type().javaType();
                    if (!(t == Integer.class
                            || t == Long.class
                            || t == BigDecimal.class
                            || t == LocalDate.class
                            || t == Instant.class
                            || t == String.class)) {
                        throw new InvalidValueException(
                                "attribute.test", "BETWEEN does not apply to " + key.type() + " attributes");
                    }
                    if (compareValues(values.get(0), values.get(1)) > 0) {
                        throw new InvalidValueException("attribute.values", "min is above max");
                    }
                }
            }
            values = List.copyOf(values);
        }

        /** Compares two values of one attribute type (decimals by value, ignoring scale). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static int compareValues(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y);
            }
            return ((Comparable) a).compareTo(b);
        }
    }

    /** What an {@link Item} names. */
    enum ItemKind {
        /** A product id. */
        PRODUCT,
        /** A SKU (variant code). */
        SKU,
        /** A category and everything below it. */
        CATEGORY
    }

    /**
     * Something bought: a product, a SKU, or a category (with everything below it).
     *
     * @param kind what the value names
     * @param value the product id, SKU or category path
     */
    record Item(ItemKind kind, String value) {
        /** @throws InvalidValueException if the value is not valid for the kind */
        public Item {
            required(kind, "item.kind");
            required(value, "item.value");
            switch (kind) {
                case PRODUCT -> ProductId.of(value);
                case SKU -> ProductId.of(value); // same rules as an id
                case CATEGORY -> {
                    if (!Category.of(value).path().equals(value)) {
                        throw new InvalidValueException("item.value", "category \"" + value + "\" is not normalised");
                    }
                }
            }
        }

        /**
         * @param id a product
         * @return the item
         */
        public static Item product(ProductId id) {
            return new Item(ItemKind.PRODUCT, id.value());
        }

        /**
         * @param sku a SKU
         * @return the item
         */
        public static Item sku(String sku) {
            return new Item(ItemKind.SKU, sku);
        }

        /**
         * @param category a category; everything below it matches too
         * @return the item
         */
        public static Item category(Category category) {
            return new Item(ItemKind.CATEGORY, category.path());
        }
    }

    /**
     * Which orders count for {@link Orders}: every given field must match. An empty filter matches
     * every order.
     *
     * @param item the order has a line with this item
     * @param anyCoupon the order used some coupon
     * @param coupon the order used this coupon code
     * @param paymentMethod the order was paid this way
     * @param shippingMethod the order was shipped this way
     * @param pickupStore the order was picked up at this store
     * @param channel the order was placed on this channel
     * @param store the order was placed at this physical store
     */
    record OrderFilter(
            Optional<Item> item,
            boolean anyCoupon,
            Optional<String> coupon,
            Optional<PaymentMethod> paymentMethod,
            Optional<ShippingMethod> shippingMethod,
            Optional<StoreId> pickupStore,
            Optional<SalesChannel> channel,
            Optional<StoreId> store) {
        private static final OrderFilter ANY = new OrderFilter(
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        /** @throws InvalidValueException if a field is missing */
        public OrderFilter {
            required(item, "orders.item");
            required(coupon, "orders.coupon");
            coupon.ifPresent(c -> checkName(c, "orders.coupon"));
            required(paymentMethod, "orders.paymentMethod");
            required(shippingMethod, "orders.shippingMethod");
            required(pickupStore, "orders.pickupStore");
            required(channel, "orders.channel");
            required(store, "orders.store");
        }

        /** @return a filter that matches every order */
        public static OrderFilter any() {
            return ANY;
        }

        /**
         * @param i an item
         * @return a copy that also requires the item
         */
        public OrderFilter withItem(Item i) {
            return new OrderFilter(
                    Optional.of(i), anyCoupon, coupon, paymentMethod, shippingMethod, pickupStore, channel, store);
        }

        /** @return a copy that also requires some coupon */
        public OrderFilter withAnyCoupon() {
            return new OrderFilter(item, true, coupon, paymentMethod, shippingMethod, pickupStore, channel, store);
        }

        /**
         * @param code a coupon code
         * @return a copy that also requires the coupon
         */
        public OrderFilter withCoupon(String code) {
            return new OrderFilter(
                    item, anyCoupon, Optional.of(code), paymentMethod, shippingMethod, pickupStore, channel, store);
        }

        /**
         * @param m a payment method
         * @return a copy that also requires it
         */
        public OrderFilter withPaymentMethod(PaymentMethod m) {
            return new OrderFilter(
                    item, anyCoupon, coupon, Optional.of(m), shippingMethod, pickupStore, channel, store);
        }

        /**
         * @param m a shipping method
         * @return a copy that also requires it
         */
        public OrderFilter withShippingMethod(ShippingMethod m) {
            return new OrderFilter(item, anyCoupon, coupon, paymentMethod, Optional.of(m), pickupStore, channel, store);
        }

        /**
         * @param s a pickup store
         * @return a copy that also requires it
         */
        public OrderFilter withPickupStore(StoreId s) {
            return new OrderFilter(
                    item, anyCoupon, coupon, paymentMethod, shippingMethod, Optional.of(s), channel, store);
        }

        /**
         * @param c a sales channel
         * @return a copy that also requires it
         */
        public OrderFilter withChannel(SalesChannel c) {
            return new OrderFilter(
                    item, anyCoupon, coupon, paymentMethod, shippingMethod, pickupStore, Optional.of(c), store);
        }

        /**
         * @param s a physical store
         * @return a copy that also requires it
         */
        public OrderFilter withStore(StoreId s) {
            return new OrderFilter(
                    item, anyCoupon, coupon, paymentMethod, shippingMethod, pickupStore, channel, Optional.of(s));
        }
    }

    /**
     * The number of orders that count (see {@link io.crmkit.core.MemberStats}) and match a filter,
     * in a window, falls within a bound. "Bought product X at least twice" is {@code Orders(item X,
     * window, >= 2)}: two orders containing X.
     *
     * @param filter which orders
     * @param window when they were placed
     * @param count how many there must be
     */
    record Orders(OrderFilter filter, Window window, Bound count) implements Condition {
        /** @throws InvalidValueException if a field is missing */
        public Orders {
            required(filter, "orders.filter");
            required(window, "orders.window");
            required(count, "orders.count");
        }
    }

    /**
     * The member's spend on an item (the net amounts of the matching lines of orders that count,
     * in a window) falls within a bound. Refunds are not attributed to lines, so they are not netted
     * here.
     *
     * @param item the product, SKU or category
     * @param window when the orders were placed
     * @param amount the bound, in minor units
     * @param currency the currency of the bound
     */
    record SpendOn(Item item, Window window, Bound amount, Currency currency) implements Condition {
        /** @throws InvalidValueException if a field is missing */
        public SpendOn {
            required(item, "spendOn.item");
            required(window, "spendOn.window");
            required(amount, "spendOn.amount");
            required(currency, "spendOn.currency");
        }
    }

    /**
     * Which interactions count for {@link Interactions}: every given field must match.
     *
     * @param type the interaction type
     * @param campaign the campaign, if any
     * @param channel the channel, if any
     * @param minScore the least survey score, if any
     * @param minDurationSeconds the least page-view duration, if any
     */
    record InteractionFilter(
            InteractionType type,
            Optional<CampaignId> campaign,
            Optional<ContactChannel> channel,
            OptionalInt minScore,
            OptionalLong minDurationSeconds) {
        /** @throws InvalidValueException if a field is missing */
        public InteractionFilter {
            required(type, "interactions.type");
            required(campaign, "interactions.campaign");
            required(channel, "interactions.channel");
            required(minScore, "interactions.minScore");
            required(minDurationSeconds, "interactions.minDurationSeconds");
            if (minScore.isPresent() && minScore.getAsInt() < 0) {
                throw new InvalidValueException("interactions.minScore", "must not be negative");
            }
            if (minDurationSeconds.isPresent() && minDurationSeconds.getAsLong() < 0) {
                throw new InvalidValueException("interactions.minDurationSeconds", "must not be negative");
            }
        }

        /**
         * @param type an interaction type
         * @return a filter on the type alone
         */
        public static InteractionFilter of(InteractionType type) {
            return new InteractionFilter(
                    type, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalLong.empty());
        }

        /**
         * @param c a campaign
         * @return a copy that also requires it
         */
        public InteractionFilter withCampaign(CampaignId c) {
            return new InteractionFilter(type, Optional.of(c), channel, minScore, minDurationSeconds);
        }

        /**
         * @param c a channel
         * @return a copy that also requires it
         */
        public InteractionFilter withChannel(ContactChannel c) {
            return new InteractionFilter(type, campaign, Optional.of(c), minScore, minDurationSeconds);
        }

        /**
         * @param score the least score
         * @return a copy that also requires it
         */
        public InteractionFilter withMinScore(int score) {
            return new InteractionFilter(type, campaign, channel, OptionalInt.of(score), minDurationSeconds);
        }

        /**
         * @param seconds the least duration
         * @return a copy that also requires it
         */
        public InteractionFilter withMinDurationSeconds(long seconds) {
            return new InteractionFilter(type, campaign, channel, minScore, OptionalLong.of(seconds));
        }
    }

    /**
     * The number of the member's interactions that match a filter, in a window, falls within a bound.
     *
     * @param filter which interactions
     * @param window when they happened
     * @param count how many there must be
     */
    record Interactions(InteractionFilter filter, Window window, Bound count) implements Condition {
        /** @throws InvalidValueException if a field is missing */
        public Interactions {
            required(filter, "interactions.filter");
            required(window, "interactions.window");
            required(count, "interactions.count");
        }
    }

    /**
     * The member has a tag of this name.
     *
     * @param tag the tag name
     */
    record Tagged(String tag) implements Condition {
        /** @throws InvalidValueException if the name is missing or empty */
        public Tagged {
            checkName(tag, "tagged");
        }
    }

    /**
     * The member may be sent marketing on a channel: the contact point is known and the member opted
     * in (see {@link io.crmkit.core.Member#isReachableBy}).
     *
     * @param channel the channel
     */
    record Reachable(ContactChannel channel) implements Condition {
        /** @throws InvalidValueException if the channel is missing */
        public Reachable {
            required(channel, "reachable");
        }
    }

    /**
     * The member's latest consent on a channel is an opt-in (whether or not a contact point is
     * known).
     *
     * @param channel the channel
     */
    record OptedIn(ContactChannel channel) implements Condition {
        /** @throws InvalidValueException if the channel is missing */
        public OptedIn {
            required(channel, "optedIn");
        }
    }

    /**
     * The member is in another saved segment, resolved through a {@link SegmentCatalog}.
     *
     * @param segment the other segment
     */
    record InSegment(SegmentId segment) implements Condition {
        /** @throws InvalidValueException if the id is missing */
        public InSegment {
            required(segment, "inSegment");
        }
    }

    /**
     * A host's own predicate, registered by name in a {@link SegmentCatalog} (see {@link
     * io.crmkit.segmentation.spi.CustomPredicate}).
     *
     * @param name the registered name
     * @param params text parameters the predicate reads, sorted by name
     */
    record Custom(String name, Map<String, String> params) implements Condition {
        /** @throws InvalidValueException if the name is not a valid name */
        public Custom {
            required(name, "custom.name");
            if (!name.matches("[a-z][a-z0-9_.-]{0,63}")) {
                throw new InvalidValueException(
                        "custom.name", "\"" + name + "\" is not a predicate name (lower-case letters, digits, _ . -)");
            }
            required(params, "custom.params");
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (e.getKey() == null || !e.getKey().matches("[A-Za-z0-9_.:-]{1,64}")) {
                    throw new InvalidValueException(
                            "custom.params",
                            "\"" + e.getKey() + "\" is not a parameter name (1 to 64 letters, digits, _ . : -)");
                }
                required(e.getValue(), "custom.params." + e.getKey());
            }
            params = Collections.unmodifiableMap(new TreeMap<>(params));
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** A name like a tag or a coupon code: 1 to 128 characters, no padding, no control characters. */
    private static void checkName(String value, String field) {
        required(value, field);
        if (value.isEmpty() || value.length() > 128) {
            throw new InvalidValueException(field, "must be 1 to 128 characters");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidValueException(field, "\"" + value + "\" has leading or trailing white space");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                    : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
            if (Character.isISOControl(c) || !paired) {
                throw new InvalidValueException(field, "has a control character or a lone surrogate at index " + i);
            }
        }
    }

    private static List<Condition> atLeastTwo(List<Condition> parts, String field) {
        required(parts, field);
        if (parts.size() < 2) {
            throw new InvalidValueException(field, "needs at least two parts, has " + parts.size());
        }
        List<Condition> copy = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            copy.add(required(parts.get(i), field + "[" + i + "]"));
        }
        return List.copyOf(copy);
    }

    private static Set<String> nonEmptySet(Set<String> values, String field) {
        required(values, field);
        if (values.isEmpty()) {
            throw new InvalidValueException(field, "needs at least one value");
        }
        for (String v : values) {
            required(v, field);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(new java.util.TreeSet<>(values)));
    }
}
