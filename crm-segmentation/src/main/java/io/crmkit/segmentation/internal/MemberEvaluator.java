package io.crmkit.segmentation.internal;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.MemberStats;
import io.crmkit.core.MemberView;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.Bound;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentationException;
import io.crmkit.segmentation.Window;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Answers a condition for one member from a {@link MemberView}: the reference meaning of every
 * condition, which the bulk path must reproduce. Not thread-safe per instance: one instance per
 * test call.
 */
public final class MemberEvaluator {
    private final BrandSettings brand;
    private final SegmentCatalog catalog;
    private final MemberView view;
    private final Instant asOf;
    private final LocalDate asOfDate;
    private final Map<Window, MemberStats> statsByWindow = new HashMap<>(4);

    private MemberEvaluator(BrandSettings brand, SegmentCatalog catalog, MemberView view) {
        this.brand = brand;
        this.catalog = catalog;
        this.view = view;
        this.asOf = view.stats().asOf();
        this.asOfDate = brand.dateOf(asOf);
    }

    /**
     * @param condition the condition
     * @param view the member's view; its stats' as-of instant is the as-of instant
     * @param brand the brand
     * @param catalog the saved segments and custom predicates
     * @return true if the member matches
     */
    public static boolean test(Condition condition, MemberView view, BrandSettings brand, SegmentCatalog catalog) {
        return new MemberEvaluator(brand, catalog, view).eval(condition);
    }

    private boolean eval(Condition c) {
        if (c instanceof Condition.All) {
            return true;
        } else if (c instanceof Condition.None) {
            return false;
        } else if (c instanceof Condition.And and) {
            for (Condition p : and.parts()) {
                if (!eval(p)) {
                    return false;
                }
            }
            return true;
        } else if (c instanceof Condition.Or or) {
            for (Condition p : or.parts()) {
                if (eval(p)) {
                    return true;
                }
            }
            return false;
        } else if (c instanceof Condition.Not not) {
            return !eval(not.condition());
        } else if (c instanceof Condition.Compare cmp) {
            return compare(cmp);
        } else if (c instanceof Condition.Profile p) {
            return profile(p);
        } else if (c instanceof Condition.Attribute a) {
            return attribute(a);
        } else if (c instanceof Condition.Orders o) {
            return o.count().contains(countOrders(o));
        } else if (c instanceof Condition.SpendOn s) {
            checkCurrency(s.currency());
            return s.amount().contains(spendOn(s));
        } else if (c instanceof Condition.Interactions i) {
            return i.count().contains(countInteractions(i));
        } else if (c instanceof Condition.Tagged t) {
            return view.member().hasTag(t.tag());
        } else if (c instanceof Condition.Reachable r) {
            return view.member().isReachableBy(r.channel());
        } else if (c instanceof Condition.OptedIn o) {
            return view.member().consent(o.channel()).map(x -> x.optedIn()).orElse(false);
        } else if (c instanceof Condition.InSegment in) {
            Segment s = catalog.segment(in.segment())
                    .orElseThrow(() -> new SegmentationException("unknown segment " + in.segment()));
            return eval(s.condition());
        } else if (c instanceof Condition.Custom cu) {
            CustomPredicate p = catalog.predicate(cu.name())
                    .orElseThrow(() -> new SegmentationException("unknown custom predicate \"" + cu.name() + "\""));
            return p.test(view, cu.params(), asOf);
        }
        throw new IllegalStateException("unhandled condition " + c.getClass());
    }

    private MemberStats stats(Window w) {
        if (w.isAllTime()) {
            return view.stats();
        }
        return statsByWindow.computeIfAbsent(w, x -> MemberStats.of(view.orders(), x.range(asOf, brand), asOf, brand));
    }

    private boolean compare(Condition.Compare c) {
        c.currency().ifPresent(this::checkCurrency);
        Bound b = c.bound();
        Member m = view.member();
        switch (c.measure()) {
            case ORDER_COUNT:
                return b.contains(stats(c.window()).orderCount());
            case PURCHASE_DAYS:
                return b.contains(stats(c.window()).purchaseDays());
            case NET_SPEND:
                return b.contains(stats(c.window()).netSpend().minorUnits());
            case AOV:
                return stats(c.window())
                        .aov()
                        .map(a -> b.contains(a.minorUnits()))
                        .orElse(false);
            case DAYS_SINCE_LAST_PURCHASE:
                return has(view.stats().daysSinceLastPurchase(), b);
            case DAYS_SINCE_FIRST_PURCHASE:
                return view.stats()
                        .firstPurchase()
                        .map(f -> b.contains(ChronoUnit.DAYS.between(brand.dateOf(f), asOfDate)))
                        .orElse(false);
            case REPURCHASE_CYCLE_DAYS:
                OptionalDouble cycle = view.stats().averageRepurchaseDays();
                return cycle.isPresent() && b.contains(cycle.getAsDouble());
            case AGE:
                return m.age(asOfDate).isPresent() && b.contains(m.age(asOfDate).getAsInt());
            case DAYS_SINCE_JOINED:
                return b.contains(ChronoUnit.DAYS.between(brand.dateOf(m.joinedAt()), asOfDate));
            case DAYS_TO_BIRTHDAY:
                Optional<LocalDate> next = m.nextBirthday(asOfDate);
                return next.isPresent() && b.contains(ChronoUnit.DAYS.between(asOfDate, next.get()));
        }
        throw new IllegalStateException("unhandled measure " + c.measure());
    }

    private static boolean has(OptionalLong v, Bound b) {
        return v.isPresent() && b.contains(v.getAsLong());
    }

    private void checkCurrency(Currency cur) {
        if (!cur.equals(brand.currency())) {
            throw new CurrencyMismatchException(brand.currency(), cur, "segment condition");
        }
    }

    private boolean profile(Condition.Profile p) {
        Member m = view.member();
        Optional<String> value = switch (p.field()) {
            case GENDER -> Optional.of(m.gender().name());
            case REGION -> m.region();
            case CITY -> m.city();
            case SOURCE_CHANNEL -> m.sourceChannel().map(s -> s.code());
        };
        return value.isPresent() && p.anyOf().contains(value.get());
    }

    private boolean attribute(Condition.Attribute a) {
        // the exact key, type included: a member whose attribute of that name has another type has
        // no value for this condition (Member.attribute would throw on the type mismatch)
        Object x = view.member().attributes().asMap().get(a.key());
        if (x == null) {
            return false;
        }
        switch (a.test()) {
            case EXISTS:
                return true;
            case IN:
                for (Object candidate : a.values()) {
                    if (sameValue(candidate, x)) {
                        return true;
                    }
                }
                return false;
            case BETWEEN:
                return compareValues(a.values().get(0), x) <= 0
                        && compareValues(x, a.values().get(1)) <= 0;
        }
        throw new IllegalStateException("unhandled attribute test " + a.test());
    }

    /** Equality of attribute values; decimals by value, ignoring scale. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private long countOrders(Condition.Orders c) {
        TimeRange range = c.window().range(asOf, brand);
        long n = 0;
        for (Order o : view.orders()) {
            if (range.contains(o.placedAt()) && MemberStats.countsAsPurchase(o, asOf) && matches(c.filter(), o)) {
                n++;
            }
        }
        return n;
    }

    private static boolean matches(Condition.OrderFilter f, Order o) {
        if (f.anyCoupon() && o.couponCodes().isEmpty()) {
            return false;
        }
        if (f.coupon().isPresent() && !o.couponCodes().contains(f.coupon().get())) {
            return false;
        }
        if (f.paymentMethod().isPresent() && !f.paymentMethod().equals(o.paymentMethod())) {
            return false;
        }
        if (f.shippingMethod().isPresent() && !f.shippingMethod().equals(o.shippingMethod())) {
            return false;
        }
        if (f.pickupStore().isPresent() && !f.pickupStore().equals(o.pickupStore())) {
            return false;
        }
        if (f.channel().isPresent() && !f.channel().get().equals(o.channel())) {
            return false;
        }
        if (f.store().isPresent() && !f.store().equals(o.store())) {
            return false;
        }
        if (f.item().isPresent()) {
            for (OrderLine l : o.lines()) {
                if (matches(f.item().get(), l)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    static boolean matches(Condition.Item item, OrderLine l) {
        return switch (item.kind()) {
            case PRODUCT -> l.productId().value().equals(item.value());
            case SKU -> l.sku().map(item.value()::equals).orElse(false);
            case CATEGORY ->
                l.category().path().equals(item.value())
                        || l.category().path().startsWith(item.value() + io.crmkit.core.Category.SEPARATOR);
        };
    }

    private long spendOn(Condition.SpendOn c) {
        TimeRange range = c.window().range(asOf, brand);
        long sum = 0;
        for (Order o : view.orders()) {
            if (range.contains(o.placedAt()) && MemberStats.countsAsPurchase(o, asOf)) {
                for (OrderLine l : o.lines()) {
                    if (matches(c.item(), l)) {
                        sum = Math.addExact(sum, l.netAmount().minorUnits());
                    }
                }
            }
        }
        return sum;
    }

    private long countInteractions(Condition.Interactions c) {
        TimeRange range = c.window().range(asOf, brand);
        Condition.InteractionFilter f = c.filter();
        long n = 0;
        for (Interaction i : view.interactions()) {
            if (i.type() != f.type() || !range.contains(i.at())) {
                continue;
            }
            if (f.campaign().isPresent() && !f.campaign().equals(i.campaignId())) {
                continue;
            }
            if (f.channel().isPresent() && !f.channel().equals(i.channel())) {
                continue;
            }
            if (f.minScore().isPresent()
                    && !(i.score().isPresent()
                            && i.score().getAsInt() >= f.minScore().getAsInt())) {
                continue;
            }
            if (f.minDurationSeconds().isPresent()
                    && !(i.durationSeconds().isPresent()
                            && i.durationSeconds().getAsLong()
                                    >= f.minDurationSeconds().getAsLong())) {
                continue;
            }
            n++;
        }
        return n;
    }
}
