package io.crmkit.segmentation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Gender;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.segmentation.Condition.InteractionFilter;
import io.crmkit.segmentation.Condition.Item;
import io.crmkit.segmentation.Condition.OrderFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The typed DSL for {@link Condition}s; meant for {@code import static
 * io.crmkit.segmentation.Where.*}. Measures come back as {@link Count}, {@link Amount} or {@link
 * Days}, whose methods take only values of the right kind: {@code spend(...).atLeast(90)} does not
 * compile, {@code spend(...).atLeast(Money.of(90, twd))} does.
 *
 * <pre>{@code
 * // S3: bought pads at least twice and comes back about every 3 months
 * Condition padBuyers = allOf(
 *         bought(Item.category(Category.of("個人護理 > 生理用品")), Window.lastDays(365)).atLeast(2),
 *         repurchaseCycleDays().between(60, 120));
 * }</pre>
 */
public final class Where {
    private static final Condition ALL = new Condition.All();
    private static final Condition NONE = new Condition.None();

    private Where() {}

    /** @return every member */
    public static Condition all() {
        return ALL;
    }

    /** @return no member */
    public static Condition none() {
        return NONE;
    }

    /**
     * All conditions hold. Nested {@code allOf}s are flattened, {@link #all()} parts dropped; one
     * {@link #none()} part makes the whole {@code none()}.
     *
     * @param parts the conditions
     * @return the conjunction
     */
    public static Condition allOf(Condition... parts) {
        return allOf(Arrays.asList(parts));
    }

    /**
     * @param parts the conditions
     * @return the conjunction, simplified as {@link #allOf(Condition...)}
     */
    public static Condition allOf(List<Condition> parts) {
        List<Condition> flat = new ArrayList<>();
        for (Condition c : parts) {
            if (c == null) {
                throw new InvalidValueException("allOf", "a part is null");
            }
            if (c instanceof Condition.All) {
                continue;
            }
            if (c instanceof Condition.None) {
                return NONE;
            }
            if (c instanceof Condition.And and) {
                flat.addAll(and.parts());
            } else {
                flat.add(c);
            }
        }
        return flat.isEmpty() ? ALL : flat.size() == 1 ? flat.get(0) : new Condition.And(flat);
    }

    /**
     * At least one condition holds. Nested {@code anyOf}s are flattened, {@link #none()} parts
     * dropped; one {@link #all()} part makes the whole {@code all()}.
     *
     * @param parts the conditions
     * @return the disjunction
     */
    public static Condition anyOf(Condition... parts) {
        return anyOf(Arrays.asList(parts));
    }

    /**
     * @param parts the conditions
     * @return the disjunction, simplified as {@link #anyOf(Condition...)}
     */
    public static Condition anyOf(List<Condition> parts) {
        List<Condition> flat = new ArrayList<>();
        for (Condition c : parts) {
            if (c == null) {
                throw new InvalidValueException("anyOf", "a part is null");
            }
            if (c instanceof Condition.None) {
                continue;
            }
            if (c instanceof Condition.All) {
                return ALL;
            }
            if (c instanceof Condition.Or or) {
                flat.addAll(or.parts());
            } else {
                flat.add(c);
            }
        }
        return flat.isEmpty() ? NONE : flat.size() == 1 ? flat.get(0) : new Condition.Or(flat);
    }

    /**
     * @param c a condition
     * @return its opposite ({@code not(not(c))} is {@code c})
     */
    public static Condition not(Condition c) {
        if (c instanceof Condition.Not n) {
            return n.condition();
        }
        if (c instanceof Condition.All) {
            return NONE;
        }
        if (c instanceof Condition.None) {
            return ALL;
        }
        return new Condition.Not(c);
    }

    /**
     * {@code base} but not any of the exclusions: {@code allOf(base, not(anyOf(exclusions)))}.
     *
     * @param base who to include
     * @param exclusions who to leave out
     * @return the condition
     */
    public static Condition excluding(Condition base, Condition... exclusions) {
        return allOf(base, not(anyOf(exclusions)));
    }

    // ---- order statistics (MemberStats over a window) -------------------------------------

    /**
     * @param window which orders
     * @return the number of orders that count
     */
    public static Count orderCount(Window window) {
        return new Count(b -> compare(Measure.ORDER_COUNT, window, b));
    }

    /**
     * @param window which orders
     * @return the number of distinct purchase dates
     */
    public static Count purchaseDays(Window window) {
        return new Count(b -> compare(Measure.PURCHASE_DAYS, window, b));
    }

    /**
     * @param window which orders
     * @return net spend: order totals minus refunds
     */
    public static Amount spend(Window window) {
        return new Amount((b, cur) -> new Condition.Compare(Measure.NET_SPEND, window, b, Optional.of(cur)));
    }

    /**
     * @param window which orders
     * @return average order value, net of refunds
     */
    public static Amount aov(Window window) {
        return new Amount((b, cur) -> new Condition.Compare(Measure.AOV, window, b, Optional.of(cur)));
    }

    /** @return calendar days since the last purchase (no value for members who never bought) */
    public static Days daysSinceLastPurchase() {
        return new Days(b -> compare(Measure.DAYS_SINCE_LAST_PURCHASE, Window.allTime(), b));
    }

    /** @return calendar days since the first purchase (no value for members who never bought) */
    public static Days daysSinceFirstPurchase() {
        return new Days(b -> compare(Measure.DAYS_SINCE_FIRST_PURCHASE, Window.allTime(), b));
    }

    /** @return the personal repurchase cycle in days (no value below two purchase dates) */
    public static Days repurchaseCycleDays() {
        return new Days(b -> compare(Measure.REPURCHASE_CYCLE_DAYS, Window.allTime(), b));
    }

    // ---- profile ----------------------------------------------------------------------------

    /** @return age in whole years (no value without a birthday) */
    public static Count age() {
        return new Count(b -> compare(Measure.AGE, Window.allTime(), b));
    }

    /** @return calendar days since the member joined */
    public static Days daysSinceJoined() {
        return new Days(b -> compare(Measure.DAYS_SINCE_JOINED, Window.allTime(), b));
    }

    /**
     * @param days 0 for "today", 7 for "within the next week"
     * @return the birthday falls on the as-of date or within that many days after it
     */
    public static Condition birthdayWithinDays(int days) {
        if (days < 0 || days > 366) {
            throw new InvalidValueException("birthdayWithinDays", "must be 0..366, was " + days);
        }
        return compare(Measure.DAYS_TO_BIRTHDAY, Window.allTime(), Bound.between(0, days));
    }

    /**
     * @param genders accepted genders
     * @return the member's gender is one of them
     */
    public static Condition gender(Gender... genders) {
        return profile(Condition.ProfileField.GENDER, Arrays.stream(genders).map(Gender::name));
    }

    /**
     * @param regions accepted regions
     * @return the member's region is one of them
     */
    public static Condition region(String... regions) {
        return profile(Condition.ProfileField.REGION, Arrays.stream(regions));
    }

    /**
     * @param cities accepted cities or counties
     * @return the member's city is one of them
     */
    public static Condition city(String... cities) {
        return profile(Condition.ProfileField.CITY, Arrays.stream(cities));
    }

    /**
     * @param channels accepted source channels
     * @return the member came from one of them
     */
    public static Condition sourceChannel(SalesChannel... channels) {
        return profile(
                Condition.ProfileField.SOURCE_CHANNEL, Arrays.stream(channels).map(SalesChannel::code));
    }

    /**
     * @param key a custom attribute key
     * @param <T> its value type
     * @return conditions on the attribute
     */
    public static <T extends Comparable<? super T>> AttributeField<T> attribute(AttributeKey<T> key) {
        return new AttributeField<>(key);
    }

    /**
     * @param key a custom attribute key of any type
     * @return the attribute is set
     */
    public static Condition hasAttribute(AttributeKey<?> key) {
        return new Condition.Attribute(key, Condition.AttributeTest.EXISTS, List.of());
    }

    /**
     * @param name a tag name
     * @return the member has the tag
     */
    public static Condition tagged(String name) {
        return new Condition.Tagged(name);
    }

    /**
     * @param channel a channel
     * @return marketing may be sent on the channel: contact point known and opted in
     */
    public static Condition reachableBy(ContactChannel channel) {
        return new Condition.Reachable(channel);
    }

    /**
     * @param channel a channel
     * @return the latest consent on the channel is an opt-in
     */
    public static Condition optedIn(ContactChannel channel) {
        return new Condition.OptedIn(channel);
    }

    /**
     * @param segment another saved segment
     * @return the member is in it
     */
    public static Condition inSegment(SegmentId segment) {
        return new Condition.InSegment(segment);
    }

    /**
     * @param name a custom predicate registered in the catalogue
     * @param params its parameters
     * @return the custom predicate holds
     */
    public static Condition custom(String name, Map<String, String> params) {
        return new Condition.Custom(name, params);
    }

    // ---- purchase behaviour -----------------------------------------------------------------

    /**
     * @param item a product, SKU or category
     * @param window when
     * @return the number of orders containing the item
     */
    public static Count bought(Item item, Window window) {
        return orders(OrderFilter.any().withItem(item), window);
    }

    /**
     * @param item a product, SKU or category
     * @param window when
     * @return the member bought nothing of it in the window
     */
    public static Condition neverBought(Item item, Window window) {
        return bought(item, window).none();
    }

    /**
     * @param item a product, SKU or category
     * @param window when
     * @return the net amount spent on matching lines
     */
    public static Amount spentOn(Item item, Window window) {
        return new Amount((b, cur) -> new Condition.SpendOn(item, window, b, cur));
    }

    /**
     * @param window when
     * @return the number of orders that used a coupon
     */
    public static Count usedCoupon(Window window) {
        return orders(OrderFilter.any().withAnyCoupon(), window);
    }

    /**
     * @param code a coupon code
     * @param window when
     * @return the number of orders that used the code
     */
    public static Count usedCoupon(String code, Window window) {
        return orders(OrderFilter.any().withCoupon(code), window);
    }

    /**
     * @param method a payment method
     * @param window when
     * @return the number of orders paid that way
     */
    public static Count paidBy(PaymentMethod method, Window window) {
        return orders(OrderFilter.any().withPaymentMethod(method), window);
    }

    /**
     * @param method a shipping method
     * @param window when
     * @return the number of orders shipped that way
     */
    public static Count shippedBy(ShippingMethod method, Window window) {
        return orders(OrderFilter.any().withShippingMethod(method), window);
    }

    /**
     * @param store a pickup store
     * @param window when
     * @return the number of orders picked up there
     */
    public static Count pickedUpAt(StoreId store, Window window) {
        return orders(OrderFilter.any().withPickupStore(store), window);
    }

    /**
     * @param channel a sales channel
     * @param window when
     * @return the number of orders placed there
     */
    public static Count orderedVia(SalesChannel channel, Window window) {
        return orders(OrderFilter.any().withChannel(channel), window);
    }

    /**
     * @param filter which orders
     * @param window when
     * @return the number of orders that count and match the filter
     */
    public static Count orders(OrderFilter filter, Window window) {
        return new Count(b -> new Condition.Orders(filter, window, b));
    }

    // ---- interactions -----------------------------------------------------------------------

    /**
     * @param campaign a campaign
     * @param window when
     * @return the number of messages of the campaign sent to the member
     */
    public static Count received(CampaignId campaign, Window window) {
        return interactions(InteractionFilter.of(InteractionType.MESSAGE_SENT).withCampaign(campaign), window);
    }

    /**
     * @param campaign a campaign
     * @param window when
     * @return the number of opens of the campaign's messages
     */
    public static Count opened(CampaignId campaign, Window window) {
        return interactions(InteractionFilter.of(InteractionType.MESSAGE_OPENED).withCampaign(campaign), window);
    }

    /**
     * @param campaign a campaign
     * @param window when
     * @return the number of clicks in the campaign's messages
     */
    public static Count clicked(CampaignId campaign, Window window) {
        return interactions(
                InteractionFilter.of(InteractionType.MESSAGE_CLICKED).withCampaign(campaign), window);
    }

    /**
     * @param campaign a campaign
     * @param window when
     * @return received the campaign and did not open it
     */
    public static Condition receivedButNotOpened(CampaignId campaign, Window window) {
        return allOf(
                received(campaign, window).atLeast(1), opened(campaign, window).none());
    }

    /**
     * @param minScore the least score, e.g. 5 for five stars
     * @param window when
     * @return the number of survey answers with at least that score
     */
    public static Count surveyScoreAtLeast(int minScore, Window window) {
        return interactions(
                InteractionFilter.of(InteractionType.SURVEY_ANSWERED).withMinScore(minScore), window);
    }

    /**
     * @param minSeconds the least duration
     * @param window when
     * @return the number of page views that lasted at least that long
     */
    public static Count viewedPageFor(long minSeconds, Window window) {
        return interactions(
                InteractionFilter.of(InteractionType.PAGE_VIEWED).withMinDurationSeconds(minSeconds), window);
    }

    /**
     * @param window when
     * @return the number of carts abandoned
     */
    public static Count abandonedCart(Window window) {
        return interactions(InteractionFilter.of(InteractionType.CART_ABANDONED), window);
    }

    /**
     * @param filter which interactions
     * @param window when
     * @return the number of matching interactions
     */
    public static Count interactions(InteractionFilter filter, Window window) {
        return new Count(b -> new Condition.Interactions(filter, window, b));
    }

    /** Adds without overflowing into the values that mean "unbounded". */
    private static long plus(long a, long b) {
        long r = a + b;
        if (r == Long.MAX_VALUE || r == Long.MIN_VALUE || ((a ^ r) & (b ^ r)) < 0) {
            throw new InvalidValueException("bound", a + (b > 0 ? " + " : " - ") + Math.abs(b) + " is out of range");
        }
        return r;
    }

    private static Condition compare(Measure m, Window w, Bound b) {
        return new Condition.Compare(m, w, b, Optional.empty());
    }

    private static Condition profile(Condition.ProfileField field, java.util.stream.Stream<String> values) {
        return new Condition.Profile(field, Set.copyOf(values.toList()));
    }

    /** A count (orders, days, years, interactions) to bound. */
    public static final class Count {
        private final Function<Bound, Condition> make;

        private Count(Function<Bound, Condition> make) {
            this.make = make;
        }

        /**
         * @param n the least count
         * @return count {@code >= n}
         */
        public Condition atLeast(long n) {
            return make.apply(Bound.atLeast(n));
        }

        /**
         * @param n the most
         * @return count {@code <= n}
         */
        public Condition atMost(long n) {
            return make.apply(Bound.atMost(n));
        }

        /**
         * @param min the least
         * @param max the most
         * @return {@code min <= count <= max}
         */
        public Condition between(long min, long max) {
            return make.apply(Bound.between(min, max));
        }

        /**
         * @param n the count
         * @return count {@code == n}
         */
        public Condition exactly(long n) {
            return make.apply(Bound.between(n, n));
        }

        /** @return count {@code == 0} */
        public Condition none() {
            return make.apply(Bound.between(0, 0));
        }
    }

    /** A number of calendar days to bound. */
    public static final class Days {
        private final Function<Bound, Condition> make;

        private Days(Function<Bound, Condition> make) {
            this.make = make;
        }

        /**
         * @param days a number of days
         * @return days {@code > days}
         */
        public Condition moreThan(long days) {
            return make.apply(Bound.atLeast(plus(days, 1)));
        }

        /**
         * @param days a number of days
         * @return days {@code >= days}
         */
        public Condition atLeast(long days) {
            return make.apply(Bound.atLeast(days));
        }

        /**
         * @param days a number of days
         * @return days {@code < days}
         */
        public Condition lessThan(long days) {
            return make.apply(Bound.atMost(plus(days, -1)));
        }

        /**
         * @param days a number of days
         * @return days {@code <= days}
         */
        public Condition atMost(long days) {
            return make.apply(Bound.atMost(days));
        }

        /**
         * @param min the least
         * @param max the most
         * @return {@code min <= days <= max}
         */
        public Condition between(long min, long max) {
            return make.apply(Bound.between(min, max));
        }
    }

    /** An amount of money to bound; the bound's currency must be the brand's. */
    public static final class Amount {
        private final java.util.function.BiFunction<Bound, Currency, Condition> make;

        private Amount(java.util.function.BiFunction<Bound, Currency, Condition> make) {
            this.make = make;
        }

        /**
         * @param min the least amount
         * @return amount {@code >= min}
         */
        public Condition atLeast(Money min) {
            return make.apply(Bound.atLeast(min.minorUnits()), min.currency());
        }

        /**
         * @param max the most
         * @return amount {@code <= max}
         */
        public Condition atMost(Money max) {
            return make.apply(Bound.atMost(max.minorUnits()), max.currency());
        }

        /**
         * @param max the limit
         * @return amount {@code < max}
         */
        public Condition lessThan(Money max) {
            return make.apply(Bound.atMost(plus(max.minorUnits(), -1)), max.currency());
        }

        /**
         * @param min the least
         * @param max the most, same currency
         * @return {@code min <= amount <= max}
         */
        public Condition between(Money min, Money max) {
            min.compareTo(max); // currency check
            return make.apply(Bound.between(min.minorUnits(), max.minorUnits()), min.currency());
        }
    }

    /**
     * Conditions on a custom attribute.
     *
     * @param <T> the attribute's value type
     */
    public static final class AttributeField<T extends Comparable<? super T>> {
        private final AttributeKey<T> key;

        private AttributeField(AttributeKey<T> key) {
            this.key = key;
        }

        /**
         * @param values accepted values
         * @return the attribute equals one of them
         */
        @SafeVarargs
        public final Condition in(T... values) {
            return new Condition.Attribute(key, Condition.AttributeTest.IN, List.of((Object[]) values));
        }

        /**
         * @param value the value
         * @return the attribute equals it
         */
        public Condition equalTo(T value) {
            return new Condition.Attribute(key, Condition.AttributeTest.IN, List.of(value));
        }

        /**
         * @param min the least
         * @param max the most
         * @return {@code min <= attribute <= max}
         */
        public Condition between(T min, T max) {
            return new Condition.Attribute(key, Condition.AttributeTest.BETWEEN, List.of(min, max));
        }

        /** @return the attribute is set */
        public Condition exists() {
            return new Condition.Attribute(key, Condition.AttributeTest.EXISTS, List.of());
        }
    }
}
