package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.Gender;
import io.crmkit.core.MemberView;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.Bound;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Explanation;
import io.crmkit.segmentation.Measure;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentationException;
import io.crmkit.segmentation.Window;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * Answers a condition for every member of a {@link ColumnarSnapshot} at once, as a bitmap of
 * ordinals, with exactly the meaning of {@code MemberEvaluator}.
 *
 * <p>How it stays fast: every node gets the current candidate set and returns the subset that
 * passes, so {@code and} hands each part only the members the earlier parts kept, {@code or} only
 * those not yet in, {@code not} subtracts. Parts of {@code and} / {@code or} run cheapest first
 * (bitmaps, then member columns, then order and interaction scans, custom predicates last). Order
 * measures read a per-member value column from the snapshot's cache, computing it for all members
 * when the candidate set is large.
 *
 * <p>How it stays exact: the per-member evaluator throws (unknown segment or predicate, a money
 * bound in another currency) only for members whose evaluation reaches the bad node. When a
 * condition has such a node, parts run in the written order, so that the candidate set at every
 * node is exactly the set of members whose evaluation reaches it, and the bulk path throws exactly
 * when some member's evaluation would. One instance per evaluation; not thread-safe itself, but
 * its scans run on several threads.
 */
public final class BulkEvaluator {
    private static final RoaringBitmap EMPTY = new RoaringBitmap();

    private final ColumnarSnapshot snap;
    private final MemberColumns mc;
    private final OrderColumns oc;
    private final InteractionColumns ic;
    private final BrandSettings brand;
    private final SegmentCatalog catalog;
    private final Crm crm;
    private final Instant asOf;
    private final long asSec;
    private final int asNano;
    private final int asOfDay;
    private final LocalDate asOfDate;
    private final boolean strict;
    private final RoaringBitmap all;

    private BulkEvaluator(ColumnarSnapshot snap, Crm crm, SegmentCatalog catalog, Instant asOf, boolean strict) {
        this.snap = snap;
        this.mc = snap.members;
        this.oc = snap.orders;
        this.ic = snap.interactions;
        this.brand = snap.brand;
        this.catalog = catalog;
        this.crm = crm;
        this.asOf = asOf;
        this.asSec = asOf.getEpochSecond();
        this.asNano = asOf.getNano();
        this.asOfDate = brand.dateOf(asOf);
        this.asOfDay = (int) asOfDate.toEpochDay();
        this.strict = strict;
        this.all = RoaringBitmap.bitmapOfRange(0, mc.size());
    }

    /**
     * @param snap the snapshot
     * @param crm the stores, for custom predicates (which read a {@link MemberView})
     * @param catalog the saved segments and custom predicates
     * @param condition the condition
     * @param asOf the as-of instant
     * @return the ordinals of the members that match
     * @throws SegmentationException if the condition names an unknown segment or predicate that some
     *     member's evaluation reaches
     * @throws CurrencyMismatchException if a money bound that some member's evaluation reaches is not
     *     in the brand's currency, or a member has an order that counts as of {@code asOf} in another
     *     currency (its view could not be built)
     */
    public static RoaringBitmap evaluate(
            ColumnarSnapshot snap, Crm crm, SegmentCatalog catalog, Condition condition, Instant asOf) {
        BulkEvaluator e = of(snap, crm, catalog, condition, asOf);
        return e.eval(condition, e.all);
    }

    /**
     * @param snap the snapshot
     * @param crm the stores, for custom predicates
     * @param catalog the saved segments and custom predicates
     * @param condition the condition
     * @param asOf the as-of instant
     * @return the condition's tree with, for each node, the members it keeps on its own and after
     *     the {@code and} siblings written before it
     */
    public static Explanation explain(
            ColumnarSnapshot snap, Crm crm, SegmentCatalog catalog, Condition condition, Instant asOf) {
        BulkEvaluator e = of(snap, crm, catalog, condition, asOf);
        return e.explain(condition, e.all).node;
    }

    private static BulkEvaluator of(
            ColumnarSnapshot snap, Crm crm, SegmentCatalog catalog, Condition condition, Instant asOf) {
        checkForeignOrders(snap, asOf);
        boolean strict = mayThrow(condition, catalog, snap.brand.currency(), new HashSet<>());
        return new BulkEvaluator(snap, crm, catalog, asOf, strict);
    }

    /** A member's view, and so every per-member test, fails on an order that counts in another currency. */
    static void checkForeignOrders(ColumnarSnapshot snap, Instant asOf) {
        OrderColumns o = snap.orders;
        long asSec = asOf.getEpochSecond();
        int asNano = asOf.getNano();
        for (int k = 0; k < o.foreignOrders.length; k++) {
            int i = o.foreignOrders[k];
            long s = o.timeBase + o.placed[i];
            boolean placed = s < asSec || (s == asSec && o.placedNanos.get(i) <= asNano);
            int f = o.flags[i];
            if (!placed || (f & OrderColumns.CANCELLED) != 0) {
                continue;
            }
            if ((f & OrderColumns.REFUNDED) != 0 && o.fullyRefunded(o.refundSlot(i), asSec, asNano)) {
                continue;
            }
            throw new CurrencyMismatchException(
                    snap.brand.currency(), o.foreignCurrencies[k], "order " + o.foreignIds[k]);
        }
    }

    /** True if evaluating the condition can throw for a member that reaches some node. */
    private static boolean mayThrow(Condition c, SegmentCatalog catalog, Currency currency, Set<SegmentId> seen) {
        if (c instanceof Condition.And a) {
            for (Condition p : a.parts()) {
                if (mayThrow(p, catalog, currency, seen)) {
                    return true;
                }
            }
            return false;
        } else if (c instanceof Condition.Or o) {
            for (Condition p : o.parts()) {
                if (mayThrow(p, catalog, currency, seen)) {
                    return true;
                }
            }
            return false;
        } else if (c instanceof Condition.Not n) {
            return mayThrow(n.condition(), catalog, currency, seen);
        } else if (c instanceof Condition.Compare cmp) {
            return cmp.currency().isPresent() && !cmp.currency().get().equals(currency);
        } else if (c instanceof Condition.SpendOn s) {
            return !s.currency().equals(currency);
        } else if (c instanceof Condition.InSegment in) {
            Optional<Segment> s = catalog.segment(in.segment());
            if (s.isEmpty()) {
                return true;
            }
            return seen.add(in.segment()) && mayThrow(s.get().condition(), catalog, currency, seen);
        } else if (c instanceof Condition.Custom cu) {
            Optional<CustomPredicate> p = catalog.predicate(cu.name());
            if (p.isEmpty()) {
                return true;
            }
            try {
                p.get().validate(cu.params());
                return false;
            } catch (RuntimeException e) {
                return true; // bad parameters throw when the member's evaluation reaches the part
            }
        }
        return false;
    }

    // ---- the tree ------------------------------------------------------------------------------

    private RoaringBitmap eval(Condition c, RoaringBitmap cand) {
        if (cand.isEmpty()) {
            return EMPTY;
        }
        if (c instanceof Condition.All) {
            return cand;
        } else if (c instanceof Condition.None) {
            return EMPTY;
        } else if (c instanceof Condition.And a) {
            RoaringBitmap acc = cand;
            for (Condition p : ordered(a.parts())) {
                acc = eval(p, acc);
                if (acc.isEmpty()) {
                    break;
                }
            }
            return acc;
        } else if (c instanceof Condition.Or o) {
            RoaringBitmap rest = cand;
            RoaringBitmap acc = EMPTY;
            for (Condition p : ordered(o.parts())) {
                RoaringBitmap r = eval(p, rest);
                if (!r.isEmpty()) {
                    acc = acc.isEmpty() ? r : RoaringBitmap.or(acc, r);
                    rest = RoaringBitmap.andNot(rest, r);
                    if (rest.isEmpty()) {
                        break;
                    }
                }
            }
            return acc;
        } else if (c instanceof Condition.Not n) {
            return RoaringBitmap.andNot(cand, eval(n.condition(), cand));
        } else if (c instanceof Condition.Compare cmp) {
            return compare(cmp, cand);
        } else if (c instanceof Condition.Profile p) {
            return profile(p, cand);
        } else if (c instanceof Condition.Attribute a) {
            AttributeColumn col = mc.attributes.get(a.key());
            return col == null ? EMPTY : RoaringBitmap.and(cand, col.match(a.test(), a.values()));
        } else if (c instanceof Condition.Orders o) {
            return orders(o, cand);
        } else if (c instanceof Condition.SpendOn s) {
            checkCurrency(s.currency());
            return spendOn(s, cand);
        } else if (c instanceof Condition.Interactions i) {
            return interactions(i, cand);
        } else if (c instanceof Condition.Tagged t) {
            RoaringBitmap tagged = mc.tags.get(t.tag());
            return tagged == null ? EMPTY : RoaringBitmap.and(cand, tagged);
        } else if (c instanceof Condition.Reachable r) {
            return RoaringBitmap.and(cand, mc.reachable[r.channel().ordinal()]);
        } else if (c instanceof Condition.OptedIn o) {
            return RoaringBitmap.and(cand, mc.optedIn[o.channel().ordinal()]);
        } else if (c instanceof Condition.InSegment in) {
            Segment s = catalog.segment(in.segment())
                    .orElseThrow(() -> new SegmentationException("unknown segment " + in.segment()));
            return eval(s.condition(), cand);
        } else if (c instanceof Condition.Custom cu) {
            CustomPredicate p = catalog.predicate(cu.name())
                    .orElseThrow(() -> new SegmentationException("unknown custom predicate \"" + cu.name() + "\""));
            return custom(p, cu.params(), cand);
        }
        throw new IllegalStateException("unhandled condition " + c.getClass());
    }

    /** The parts cheapest first, unless the written order must be kept to throw exactly. */
    private List<Condition> ordered(List<Condition> parts) {
        if (strict) {
            return parts;
        }
        List<Condition> sorted = new ArrayList<>(parts);
        sorted.sort((x, y) -> Long.compare(cost(x, 0), cost(y, 0))); // stable
        return sorted;
    }

    private long cost(Condition c, int depth) {
        if (depth > 64) {
            return 1_000_000;
        }
        if (c instanceof Condition.All || c instanceof Condition.None) {
            return 0;
        } else if (c instanceof Condition.Tagged
                || c instanceof Condition.Reachable
                || c instanceof Condition.OptedIn) {
            return 1;
        } else if (c instanceof Condition.Profile) {
            return 2;
        } else if (c instanceof Condition.Attribute) {
            return 3;
        } else if (c instanceof Condition.Compare cmp) {
            Measure m = cmp.measure();
            if (m == Measure.AGE || m == Measure.DAYS_SINCE_JOINED || m == Measure.DAYS_TO_BIRTHDAY) {
                return 2;
            }
            return snap.cached(range(m.windowed() ? cmp.window() : Window.allTime()), asOf) != null ? 3 : 20;
        } else if (c instanceof Condition.Orders o) {
            return o.filter().item().isPresent() ? 40 : 30;
        } else if (c instanceof Condition.SpendOn) {
            return 40;
        } else if (c instanceof Condition.Interactions) {
            return 30;
        } else if (c instanceof Condition.And a) {
            long sum = 0;
            for (Condition p : a.parts()) {
                sum += cost(p, depth + 1);
            }
            return sum;
        } else if (c instanceof Condition.Or o) {
            long sum = 0;
            for (Condition p : o.parts()) {
                sum += cost(p, depth + 1);
            }
            return sum;
        } else if (c instanceof Condition.Not n) {
            return cost(n.condition(), depth + 1);
        } else if (c instanceof Condition.InSegment in) {
            Optional<Segment> s = catalog.segment(in.segment());
            return s.isPresent() ? 1 + cost(s.get().condition(), depth + 1) : 0;
        }
        return 1_000; // custom predicates read a view per member
    }

    private TimeRange range(Window w) {
        return w.range(asOf, brand);
    }

    private void checkCurrency(Currency cur) {
        if (!cur.equals(brand.currency())) {
            throw new CurrencyMismatchException(brand.currency(), cur, "segment condition");
        }
    }

    // ---- explain -------------------------------------------------------------------------------

    private record Explained(Explanation node, RoaringBitmap alone) {}

    private Explained explain(Condition c, RoaringBitmap input) {
        RoaringBitmap alone = eval(c, all);
        List<Explanation> children = new ArrayList<>();
        if (c instanceof Condition.And a) {
            RoaringBitmap in = input;
            for (Condition p : a.parts()) {
                Explained e = explain(p, in);
                children.add(e.node);
                in = RoaringBitmap.and(in, e.alone);
            }
        } else if (c instanceof Condition.Or o) {
            for (Condition p : o.parts()) {
                children.add(explain(p, input).node);
            }
        } else if (c instanceof Condition.Not n) {
            children.add(explain(n.condition(), input).node);
        }
        long kept = RoaringBitmap.andCardinality(alone, input);
        return new Explained(
                new Explanation(
                        Labels.of(c), c, input.getLongCardinality(), alone.getLongCardinality(), kept, children),
                alone);
    }

    // ---- leaves --------------------------------------------------------------------------------

    private RoaringBitmap profile(Condition.Profile p, RoaringBitmap cand) {
        Set<String> values = p.anyOf();
        if (p.field() == Condition.ProfileField.GENDER) {
            boolean[] ok = new boolean[Gender.values().length];
            boolean any = false;
            for (Gender g : Gender.values()) {
                ok[g.ordinal()] = values.contains(g.name());
                any |= ok[g.ordinal()];
            }
            if (!any) {
                return EMPTY;
            }
            byte[] gender = mc.gender;
            return Scans.filter(cand, columnWork(cand), () -> (ms, n, out) -> {
                for (int k = 0; k < n; k++) {
                    int m = ms[k];
                    if (ok[gender[m]]) {
                        out.add(m);
                    }
                }
            });
        }
        StringDict dict;
        Codes codes;
        switch (p.field()) {
            case REGION -> {
                dict = snap.dicts.regions;
                codes = mc.region;
            }
            case CITY -> {
                dict = snap.dicts.cities;
                codes = mc.city;
            }
            default -> {
                dict = snap.dicts.channels;
                codes = mc.source;
            }
        }
        boolean[] ok = new boolean[dict.size() + 1];
        boolean any = false;
        for (String v : values) {
            int code = dict.code(v);
            if (code != 0) {
                ok[code] = true;
                any = true;
            }
        }
        if (!any) {
            return EMPTY;
        }
        return Scans.filter(cand, columnWork(cand), () -> (ms, n, out) -> {
            for (int k = 0; k < n; k++) {
                int m = ms[k];
                if (ok[codes.get(m)]) {
                    out.add(m);
                }
            }
        });
    }

    private RoaringBitmap compare(Condition.Compare c, RoaringBitmap cand) {
        if (c.currency().isPresent()) {
            checkCurrency(c.currency().get());
        }
        Measure measure = c.measure();
        Bound b = c.bound();
        switch (measure) {
            case AGE -> {
                int[] birth = mc.birth;
                int year = asOfDate.getYear();
                int md = asOfDate.getMonthValue() << 5 | asOfDate.getDayOfMonth();
                return Scans.filter(cand, columnWork(cand), () -> (ms, n, out) -> {
                    for (int k = 0; k < n; k++) {
                        int m = ms[k];
                        int p = birth[m];
                        if (p == MemberColumns.NO_BIRTHDAY) {
                            continue;
                        }
                        // Period.between(birthday, today).getYears(), never below 0
                        int age = year - (p >>> 9) - ((p & 511) > md ? 1 : 0);
                        if (b.contains(Math.max(0, age))) {
                            out.add(m);
                        }
                    }
                });
            }
            case DAYS_TO_BIRTHDAY -> {
                long[] days = daysToBirthday();
                int[] birth = mc.birth;
                return Scans.filter(cand, columnWork(cand), () -> (ms, n, out) -> {
                    for (int k = 0; k < n; k++) {
                        int m = ms[k];
                        int p = birth[m];
                        if (p != MemberColumns.NO_BIRTHDAY && b.contains(days[p & 511])) {
                            out.add(m);
                        }
                    }
                });
            }
            case DAYS_SINCE_JOINED -> {
                int[] joined = mc.joinedDay;
                long today = asOfDay;
                return Scans.filter(cand, columnWork(cand), () -> (ms, n, out) -> {
                    for (int k = 0; k < n; k++) {
                        int m = ms[k];
                        if (b.contains(today - joined[m])) {
                            out.add(m);
                        }
                    }
                });
            }
            default -> {
                return orderMeasure(measure, measure.windowed() ? c.window() : Window.allTime(), b, cand);
            }
        }
    }

    /** Days from the as-of date to the next birthday, by packed month and day (29 Feb on 28 Feb). */
    private long[] daysToBirthday() {
        long[] out = new long[512];
        int year = asOfDate.getYear();
        for (int month = 1; month <= 12; month++) {
            for (int day = 1; day <= java.time.Month.of(month).maxLength(); day++) {
                MonthDay md = MonthDay.of(month, day);
                LocalDate next = md.atYear(year);
                if (next.isBefore(asOfDate)) {
                    next = md.atYear(year + 1);
                }
                out[month << 5 | day] = ChronoUnit.DAYS.between(asOfDate, next);
            }
        }
        return out;
    }

    private RoaringBitmap orderMeasure(Measure measure, Window window, Bound b, RoaringBitmap cand) {
        TimeRange range = range(window);
        WindowStats ws = snap.cached(range, asOf);
        int n = mc.size();
        if (ws == null && (long) cand.getCardinality() * 8 >= n) {
            ws = snap.windowStats(range, asOf);
        }
        int today = asOfDay;
        if (ws != null) {
            WindowStats s = ws;
            return Scans.filter(cand, columnWork(cand), () -> (ms, k, out) -> {
                for (int j = 0; j < k; j++) {
                    int m = ms[j];
                    if (passes(measure, b, s.count[m], s.days[m], s.net[m], s.first[m], s.last[m], today)) {
                        out.add(m);
                    }
                }
            });
        }
        TimeCut cut = TimeCut.of(range, oc.timeBase);
        return Scans.filter(cand, orderWork(cand), () -> {
            WindowStats.Acc acc = new WindowStats.Acc(oc, cut, asSec, asNano);
            return (ms, k, out) -> {
                for (int j = 0; j < k; j++) {
                    int m = ms[j];
                    acc.compute(m);
                    if (passes(measure, b, acc.count, acc.days, acc.net, acc.first, acc.last, today)) {
                        out.add(m);
                    }
                }
            };
        });
    }

    /** One member's order measure against a bound, as {@code MemberEvaluator.compare}. */
    private static boolean passes(
            Measure measure, Bound b, int count, int days, long net, int first, int last, int today) {
        switch (measure) {
            case ORDER_COUNT:
                return b.contains(count);
            case PURCHASE_DAYS:
                return b.contains(days);
            case NET_SPEND:
                return b.contains(net);
            case AOV:
                return count > 0 && b.contains(halfEven(net, count));
            case DAYS_SINCE_LAST_PURCHASE:
                return count > 0 && b.contains((long) today - last);
            case DAYS_SINCE_FIRST_PURCHASE:
                return count > 0 && b.contains((long) today - first);
            case REPURCHASE_CYCLE_DAYS:
                return days >= 2 && b.contains((double) ((long) last - first) / (days - 1));
            default:
                throw new IllegalStateException("not an order measure: " + measure);
        }
    }

    /** {@code net / count} rounded half-even, as {@code Money.dividedBy(count, HALF_EVEN)}. */
    static long halfEven(long net, int count) {
        long q = Math.floorDiv(net, count);
        long r = net - q * count;
        long twice = 2 * r;
        if (twice > count || (twice == count && (q & 1) != 0)) {
            q++;
        }
        return q;
    }

    /** A scan of one member column: a few nanoseconds a member, worth threads from 200,000 members. */
    private static long columnWork(RoaringBitmap cand) {
        return cand.getLongCardinality() / 2;
    }

    private long orderWork(RoaringBitmap cand) {
        int n = mc.size();
        return n == 0 ? 0 : (long) cand.getCardinality() * (oc.count / n + 1);
    }

    // ---- orders, spend on items ------------------------------------------------------------------

    /** Line matching for an {@link Condition.Item}. */
    private static final class ItemMatch {
        final Condition.ItemKind kind;
        final int code;
        final boolean @Nullable [] categories;

        ItemMatch(Condition.ItemKind kind, int code, boolean @Nullable [] categories) {
            this.kind = kind;
            this.code = code;
            this.categories = categories;
        }

        boolean impossible() {
            return kind == Condition.ItemKind.CATEGORY ? categories == null : code == 0;
        }

        boolean matches(OrderColumns o, int line) {
            switch (kind) {
                case PRODUCT:
                    return o.product.get(line) == code;
                case SKU:
                    return o.sku.get(line) == code;
                default:
                    boolean[] cats = categories;
                    return cats != null && cats[o.category.get(line)];
            }
        }
    }

    private ItemMatch item(Condition.Item item) {
        switch (item.kind()) {
            case PRODUCT:
                return new ItemMatch(item.kind(), snap.dicts.products.code(item.value()), null);
            case SKU:
                return new ItemMatch(item.kind(), snap.dicts.skus.code(item.value()), null);
            default:
                return new ItemMatch(item.kind(), 0, snap.dicts.within(item.value()));
        }
    }

    /** An {@link Condition.OrderFilter} as codes; -1 = not asked. */
    private final class OrderMatch {
        final int channel;
        final int payment;
        final int shipping;
        final int pickup;
        final int store;
        final int coupon;
        final boolean anyCoupon;
        final @Nullable ItemMatch item;
        final boolean impossible;

        OrderMatch(Condition.OrderFilter f) {
            Dicts d = snap.dicts;
            channel =
                    f.channel().isPresent() ? d.channels.code(f.channel().get().code()) : -1;
            payment = f.paymentMethod().isPresent()
                    ? d.payments.code(f.paymentMethod().get().code())
                    : -1;
            shipping = f.shippingMethod().isPresent()
                    ? d.shippings.code(f.shippingMethod().get().code())
                    : -1;
            pickup = f.pickupStore().isPresent()
                    ? d.pickups.code(f.pickupStore().get().value())
                    : -1;
            store = f.store().isPresent() ? d.stores.code(f.store().get().value()) : -1;
            coupon = f.coupon().isPresent() ? d.coupons.code(f.coupon().get()) : -1;
            anyCoupon = f.anyCoupon();
            item = f.item().isPresent() ? item(f.item().get()) : null;
            impossible = channel == 0
                    || payment == 0
                    || shipping == 0
                    || pickup == 0
                    || store == 0
                    || coupon == 0
                    || (item != null && item.impossible());
        }

        boolean matches(int o) {
            if (anyCoupon && oc.coupon.get(o) == 0) {
                return false;
            }
            if (coupon > 0 && !oc.usedCoupon(o, coupon)) {
                return false;
            }
            if (payment > 0 && oc.payment.get(o) != payment) {
                return false;
            }
            if (shipping > 0 && oc.shipping.get(o) != shipping) {
                return false;
            }
            if (pickup > 0 && oc.pickup.get(o) != pickup) {
                return false;
            }
            if (channel > 0 && oc.channel.get(o) != channel) {
                return false;
            }
            if (store > 0 && oc.store.get(o) != store) {
                return false;
            }
            ItemMatch it = item;
            if (it != null) {
                for (int l = oc.lineStart[o], e = oc.lineStart[o + 1]; l < e; l++) {
                    if (it.matches(oc, l)) {
                        return true;
                    }
                }
                return false;
            }
            return true;
        }
    }

    /** True if order {@code o} counts as a purchase as of the as-of instant (its range is checked apart). */
    private boolean counts(int o) {
        int f = oc.flags[o];
        if ((f & OrderColumns.CANCELLED) != 0) {
            return false;
        }
        return (f & OrderColumns.REFUNDED) == 0 || !oc.fullyRefunded(oc.refundSlot(o), asSec, asNano);
    }

    private RoaringBitmap orders(Condition.Orders c, RoaringBitmap cand) {
        OrderMatch f = new OrderMatch(c.filter());
        Bound b = c.count();
        if (f.impossible) {
            return b.contains(0) ? cand : EMPTY;
        }
        TimeCut cut = TimeCut.of(range(c.window()), oc.timeBase);
        int[] start = oc.memberStart;
        int[] placed = oc.placed;
        return Scans.filter(cand, orderWork(cand), () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int m = ms[j];
                long n = 0;
                for (int o = start[m], e = start[m + 1]; o < e; o++) {
                    long t = placed[o];
                    if (t < cut.loSec) {
                        continue;
                    }
                    if (t > cut.hiSec) {
                        break;
                    }
                    if ((cut.inner(t) || cut.contains(t, oc.placedNanos, o)) && counts(o) && f.matches(o)) {
                        n++;
                    }
                }
                if (b.contains(n)) {
                    out.add(m);
                }
            }
        });
    }

    private RoaringBitmap spendOn(Condition.SpendOn c, RoaringBitmap cand) {
        ItemMatch item = item(c.item());
        Bound b = c.amount();
        if (item.impossible()) {
            return b.contains(0) ? cand : EMPTY;
        }
        TimeCut cut = TimeCut.of(range(c.window()), oc.timeBase);
        int[] start = oc.memberStart;
        int[] placed = oc.placed;
        return Scans.filter(cand, orderWork(cand) * 2, () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int m = ms[j];
                long sum = 0;
                for (int o = start[m], e = start[m + 1]; o < e; o++) {
                    long t = placed[o];
                    if (t < cut.loSec) {
                        continue;
                    }
                    if (t > cut.hiSec) {
                        break;
                    }
                    if ((cut.inner(t) || cut.contains(t, oc.placedNanos, o)) && counts(o)) {
                        for (int l = oc.lineStart[o], le = oc.lineStart[o + 1]; l < le; l++) {
                            if (item.matches(oc, l)) {
                                sum = Math.addExact(sum, oc.lineNet.get(l));
                            }
                        }
                    }
                }
                if (b.contains(sum)) {
                    out.add(m);
                }
            }
        });
    }

    // ---- interactions ----------------------------------------------------------------------------

    private RoaringBitmap interactions(Condition.Interactions c, RoaringBitmap cand) {
        Condition.InteractionFilter f = c.filter();
        Bound b = c.count();
        int type = f.type().ordinal();
        int campaign = f.campaign().isPresent()
                ? snap.dicts.campaigns.code(f.campaign().get().value())
                : -1;
        Optional<ContactChannel> ch = f.channel();
        int channel = ch.isPresent() ? ch.get().ordinal() + 1 : -1;
        boolean scoreAsked = f.minScore().isPresent();
        int minScore = scoreAsked ? f.minScore().getAsInt() : 0;
        boolean durationAsked = f.minDurationSeconds().isPresent();
        long minDuration = durationAsked ? f.minDurationSeconds().getAsLong() : 0;
        if (campaign == 0) {
            return b.contains(0) ? cand : EMPTY;
        }
        TimeCut cut = TimeCut.of(range(c.window()), ic.timeBase);
        int[] start = ic.memberStart;
        int[] at = ic.at;
        byte[] types = ic.type;
        byte[] channels = ic.channel;
        byte[] flags = ic.flags;
        int[] scores = ic.score;
        int n = mc.size();
        long work = n == 0 ? 0 : (long) cand.getCardinality() * (ic.count / n + 1);
        return Scans.filter(cand, work, () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int m = ms[j];
                long count = 0;
                for (int i = start[m], e = start[m + 1]; i < e; i++) {
                    long t = at[i];
                    if (t < cut.loSec) {
                        continue;
                    }
                    if (t > cut.hiSec) {
                        break;
                    }
                    if (types[i] != type) {
                        continue;
                    }
                    if (!cut.inner(t) && !cut.contains(t, ic.atNanos, i)) {
                        continue;
                    }
                    if (campaign > 0 && ic.campaign.get(i) != campaign) {
                        continue;
                    }
                    if (channel > 0 && channels[i] != channel) {
                        continue;
                    }
                    if (scoreAsked && ((flags[i] & InteractionColumns.HAS_SCORE) == 0 || scores[i] < minScore)) {
                        continue;
                    }
                    if (durationAsked
                            && ((flags[i] & InteractionColumns.HAS_DURATION) == 0
                                    || ic.duration.get(i) < minDuration)) {
                        continue;
                    }
                    count++;
                }
                if (b.contains(count)) {
                    out.add(m);
                }
            }
        });
    }

    // ---- custom predicates -----------------------------------------------------------------------

    private RoaringBitmap custom(CustomPredicate p, Map<String, String> params, RoaringBitmap cand) {
        if (p instanceof BulkPredicate bulk) {
            return bulk.filter(snap, params, asOf, cand);
        }
        return Scans.filter(cand, (long) cand.getCardinality() * 1_000, () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int m = ms[j];
                Optional<MemberView> view = crm.view(mc.id(m), asOf);
                if (view.isPresent() && p.test(view.get(), params, asOf)) {
                    out.add(m);
                }
            }
        });
    }
}
