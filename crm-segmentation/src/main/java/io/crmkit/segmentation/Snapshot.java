package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.Interaction;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.Subscription;
import io.crmkit.segmentation.internal.bulk.BulkEvaluator;
import io.crmkit.segmentation.internal.bulk.ColumnarSnapshot;
import io.crmkit.segmentation.internal.bulk.LifecyclePass;
import io.crmkit.segmentation.internal.bulk.OrderTotals;
import io.crmkit.segmentation.internal.bulk.RfmPass;
import java.lang.ref.Cleaner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable columnar copy of a brand's members, orders and interactions that answers a {@link
 * Condition} for every member at once: counts and lists over 10^6 members in milliseconds. The
 * answer is exactly the per-member answer of {@link SegmentEngine#test(Condition, MemberId,
 * Instant)} for every member, as of any instant (refunds and orders after it are not seen).
 *
 * <p>A snapshot reads the stores once, when it is built; later writes are not in it ({@link
 * #refresh()} makes a new one that re-reads only the members that changed). Conditions on {@link Condition.InSegment saved segments} are resolved through the engine's
 * catalogue; {@link Condition.Custom custom predicates} are asked per member, on a {@link
 * io.crmkit.core.MemberView} read from the stores, and only for the members the rest of the
 * condition leaves — except the library's own calibrated classifiers ({@link
 * RfmCalibration#predicate}, {@link LifecycleCalibration#predicate}), which read the snapshot's
 * columns. Thread-safe.
 *
 * <pre>{@code
 * SegmentEngine engine = SegmentEngine.of(crm, catalog);
 * Snapshot snapshot = engine.snapshot();
 * Instant now = crm.settings().now();
 * MemberSet lapsedVips = snapshot.evaluate(lapsedVip, now);
 * long n = lapsedVips.count();
 * System.out.println(snapshot.explain(lapsedVip, now).render());
 * Overlap o = snapshot.overlap(List.of(group1, group2), now);
 * }</pre>
 */
public final class Snapshot {
    private static final Cleaner CLEANER = Cleaner.create();

    private final ColumnarSnapshot columns;
    private final Crm crm;
    private final SegmentCatalog catalog;
    /** The change log shared by this snapshot and every snapshot refreshed from it. */
    private final Lineage lineage;
    /** The change log's position taken before this snapshot read the stores. */
    private final long since;

    private Snapshot(ColumnarSnapshot columns, Crm crm, SegmentCatalog catalog, Lineage lineage, long since) {
        this.columns = columns;
        this.crm = crm;
        this.catalog = catalog;
        this.lineage = lineage;
        this.since = since;
    }

    /**
     * Records which members change, for every snapshot of one lineage (one {@link #of} and the
     * snapshots refreshed from it): each change gets the next sequence number, and a member keeps
     * the number of its latest change. A snapshot remembers the number reached before it read the
     * stores; a refresh re-reads exactly the members whose latest change is after that. A write is
     * visible before its listeners run, so a change numbered at or before a snapshot's position was
     * visible when that snapshot read the stores; any later one is re-read by the next refresh. No
     * write can be missed, whenever its listener runs.
     */
    private static final class ChangeLog {
        private long seq;
        private final Map<MemberId, Long> latest = new HashMap<>();

        synchronized void record(MemberId id) {
            latest.put(id, ++seq);
        }

        synchronized long position() {
            return seq;
        }

        synchronized Set<MemberId> changedAfter(long position) {
            Set<MemberId> ids = new HashSet<>();
            for (Map.Entry<MemberId, Long> e : latest.entrySet()) {
                if (e.getValue() > position) {
                    ids.add(e.getKey());
                }
            }
            return ids;
        }
    }

    /**
     * What the snapshots of one lineage share: the change log and the store subscriptions that feed
     * it. The subscriptions end when no snapshot of the lineage is reachable any more (the stores'
     * listeners hold the log, not this object).
     */
    private static final class Lineage {
        final ChangeLog log;

        private Lineage(ChangeLog log) {
            this.log = log;
        }

        static Lineage start(Crm crm) {
            ChangeLog log = new ChangeLog();
            List<Subscription> subs = new ArrayList<>(3);
            subs.add(crm.members().subscribe(cs -> {
                for (ChangeEvent<Member> c : cs) {
                    log.record(c.value().id());
                }
            }));
            subs.add(crm.orders().subscribe(cs -> {
                for (ChangeEvent<Order> c : cs) {
                    c.before().ifPresent(o -> log.record(o.memberId()));
                    c.after().ifPresent(o -> log.record(o.memberId()));
                }
            }));
            subs.add(crm.interactions().subscribe(cs -> {
                for (ChangeEvent<Interaction> c : cs) {
                    c.before().ifPresent(x -> log.record(x.memberId()));
                    c.after().ifPresent(x -> log.record(x.memberId()));
                }
            }));
            Lineage lineage = new Lineage(log);
            CLEANER.register(lineage, () -> subs.forEach(Subscription::close));
            return lineage;
        }
    }

    /**
     * Builds a snapshot by reading the stores once.
     *
     * @param crm the brand's settings and stores
     * @param catalog the saved segments and custom predicates conditions may refer to
     * @return the snapshot
     * @throws SegmentationException if the orders or interactions span more than 68 years
     */
    public static Snapshot of(Crm crm, SegmentCatalog catalog) {
        if (crm == null) {
            throw new InvalidValueException("crm", "is required");
        }
        if (catalog == null) {
            throw new InvalidValueException("catalog", "is required");
        }
        Lineage lineage = Lineage.start(crm);
        long since = lineage.log.position(); // before reading: later changes are re-read by refresh()
        return new Snapshot(ColumnarSnapshot.build(crm), crm, catalog, lineage, since);
    }

    /**
     * A new snapshot with the stores' current content, built from this one by re-reading only the
     * members that changed since this one read the stores: members, orders and interactions that
     * were created, updated or deleted are recorded as they are written (from the stores' change
     * listeners), and only those members are read again; the rows of all others are copied. New
     * members get ordinals in id order, deleted members are gone. This snapshot, and the {@link
     * MemberSet}s it made, are unchanged; refreshing it again gives a snapshot with all changes
     * since it was built.
     *
     * <pre>{@code
     * Snapshot snapshot = Snapshot.of(crm, catalog);
     * crm.orders().upsertAll(todaysOrders);
     * Snapshot fresh = snapshot.refresh();        // reads only today's buyers again
     * fresh.refreshedMembers();                   // how many
     * long vips = fresh.count(vip, crm.settings().now());
     * }</pre>
     *
     * <p>No write is missed: a member whose change is being written while {@code refresh()} runs is
     * either in the new snapshot already or re-read by the next refresh of it.
     *
     * @return the refreshed snapshot
     * @throws SegmentationException if the orders or interactions span more than 68 years
     */
    public Snapshot refresh() {
        long next = lineage.log.position(); // before reading, as for of()
        Set<MemberId> ids = lineage.log.changedAfter(since);
        return new Snapshot(columns.refresh(crm, ids), crm, catalog, lineage, next);
    }

    /**
     * @return how many members were read from the stores to build this snapshot: all of them for
     *     {@link #of}, the changed ones for {@link #refresh}
     */
    public int refreshedMembers() {
        return columns.readMembers();
    }

    ColumnarSnapshot columns() {
        return columns;
    }

    /** @return the number of members */
    public int size() {
        return columns.size();
    }

    /** @return when the snapshot was built, on the brand's clock */
    public Instant builtAt() {
        return columns.builtAt();
    }

    /**
     * The same columns with another catalogue, e.g. after registering tonight's RFM calibration as a
     * predicate: no store is read again.
     *
     * <pre>{@code
     * RfmCalibration rfm = snapshot.rfm(model, now).calibration();
     * Snapshot withRfm = snapshot.withCatalog(SegmentCatalog.builder().predicate(rfm.predicate("rfm")).build());
     * }</pre>
     *
     * @param catalog the catalogue conditions are resolved with
     * @return the snapshot with that catalogue
     */
    public Snapshot withCatalog(SegmentCatalog catalog) {
        if (catalog == null) {
            throw new InvalidValueException("catalog", "is required");
        }
        return new Snapshot(columns, crm, catalog, lineage, since);
    }

    /** @return the catalogue that resolves saved segments and custom predicates */
    public SegmentCatalog catalog() {
        return catalog;
    }

    /**
     * The members that match a condition as of an instant.
     *
     * @param condition the condition
     * @param asOf the as-of instant; orders, refunds and interactions after it are not seen
     * @return the members that match
     * @throws SegmentationException if the condition names an unknown segment or predicate that some
     *     member's evaluation reaches
     * @throws io.crmkit.core.CurrencyMismatchException if a money bound is not in the brand's
     *     currency, or a member has an order in another currency that counts as of {@code asOf}
     */
    public MemberSet evaluate(Condition condition, Instant asOf) {
        check(condition, asOf);
        return new MemberSet(this, BulkEvaluator.evaluate(columns, crm, catalog, condition, asOf));
    }

    /**
     * @param condition the condition
     * @param asOf the as-of instant
     * @return the number of members that match; as {@code evaluate(condition, asOf).count()}
     */
    public long count(Condition condition, Instant asOf) {
        return evaluate(condition, asOf).count();
    }

    /**
     * How many members each part of a condition keeps, on its own and after the parts written
     * before it in an {@code and}: where a segment loses its members.
     *
     * @param condition the condition
     * @param asOf the as-of instant
     * @return a tree that mirrors the condition
     */
    public Explanation explain(Condition condition, Instant asOf) {
        check(condition, asOf);
        return BulkEvaluator.explain(columns, crm, catalog, condition, asOf);
    }

    /**
     * @param conditions conditions, e.g. the segments of one campaign
     * @param asOf the as-of instant
     * @return the number of members each pair of conditions has in common
     */
    public Overlap overlap(List<Condition> conditions, Instant asOf) {
        if (conditions == null) {
            throw new InvalidValueException("conditions", "is required");
        }
        List<RoaringBitmap> sets = new ArrayList<>(conditions.size());
        for (Condition c : conditions) {
            check(c, asOf);
            sets.add(BulkEvaluator.evaluate(columns, crm, catalog, c, asOf));
        }
        int k = sets.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < k; i++) {
            counts[i][i] = sets.get(i).getLongCardinality();
            for (int j = i + 1; j < k; j++) {
                counts[i][j] = RoaringBitmap.andCardinality(sets.get(i), sets.get(j));
                counts[j][i] = counts[i][j];
            }
        }
        return new Overlap(conditions, counts);
    }

    /**
     * Scores every member by recency, frequency and monetary value, in one bulk pass.
     *
     * <pre>{@code
     * RfmTable table = snapshot.rfm(RfmModel.ofDefaults(), now);
     * }</pre>
     *
     * @param model the brand's RFM settings
     * @param asOf the as-of instant; orders and refunds after it are not seen
     * @return the scores
     * @throws io.crmkit.core.CurrencyMismatchException if an order in another currency counts as of
     *     {@code asOf}, or the model's fixed monetary thresholds are not in the brand's currency
     */
    public RfmTable rfm(RfmModel model, Instant asOf) {
        if (model == null) {
            throw new InvalidValueException("model", "is required");
        }
        if (asOf == null) {
            throw new InvalidValueException("asOf", "is required");
        }
        BrandSettings brand = columns.brand();
        long[] money = new long[model.monetaryThresholds().size()];
        for (int i = 0; i < money.length; i++) {
            Money m = model.monetaryThresholds().get(i);
            if (!m.currency().equals(brand.currency())) {
                throw new CurrencyMismatchException(brand.currency(), m.currency(), "rfm monetary threshold " + m);
            }
            money[i] = m.minorUnits();
        }
        RfmPass pass = RfmPass.run(
                columns,
                model.window().range(asOf, brand),
                asOf,
                model.scores(),
                model.frequency() == RfmModel.Frequency.PURCHASE_DAYS,
                model.monetary() == RfmModel.Monetary.AVERAGE,
                RfmPass.Strategy.valueOf(model.strategy().name()),
                model.recencyThresholds(),
                model.frequencyThresholds(),
                money);
        return new RfmTable(this, model, asOf, pass, brand);
    }

    /**
     * Puts every member into a lifecycle stage, in one bulk pass (it shares the all-time order
     * statistics with {@link #rfm} over all time at the same instant).
     *
     * <pre>{@code
     * LifecycleTable t = snapshot.lifecycle(LifecycleModel.napl().build(), now);
     * }</pre>
     *
     * @param model the brand's lifecycle settings
     * @param asOf the as-of instant
     * @return the stages
     * @throws io.crmkit.core.CurrencyMismatchException if an order in another currency counts as of
     *     {@code asOf}
     * @throws SegmentationException if the invalid-contact condition names an unknown segment or predicate
     */
    public LifecycleTable lifecycle(LifecycleModel model, Instant asOf) {
        if (model == null) {
            throw new InvalidValueException("model", "is required");
        }
        if (asOf == null) {
            throw new InvalidValueException("asOf", "is required");
        }
        BrandSettings brand = columns.brand();
        java.time.LocalDate today = brand.dateOf(asOf);
        int windowStart = model.windowStartDay(today);
        int deepStart = model.deepStartDay(today);
        LifecyclePass pass = LifecyclePass.run(
                columns,
                Window.allTime().range(asOf, brand),
                asOf,
                LifecyclePass.Kind.valueOf(model.kind().name()),
                windowStart,
                deepStart,
                model.lapseFactor(),
                model.defaultCycleDays());
        RoaringBitmap invalid = BulkEvaluator.evaluate(columns, crm, catalog, model.invalidContact(), asOf);
        return new LifecycleTable(this, model, asOf, pass.stage, pass.medianCycle, invalid, brand);
    }

    /**
     * The brand's average order value: net spend over the orders that count as purchases in the
     * window as of an instant, divided by their number, rounded half-even (as {@link
     * io.crmkit.core.MemberStats#aov()} for one member).
     *
     * @param window the window
     * @param asOf the as-of instant
     * @return the average; empty when no order counts
     * @throws io.crmkit.core.CurrencyMismatchException if an order in another currency counts
     */
    public java.util.Optional<Money> averageOrderValue(Window window, Instant asOf) {
        if (window == null || asOf == null) {
            throw new InvalidValueException(window == null ? "window" : "asOf", "is required");
        }
        long[] sums = OrderTotals.of(columns, window.range(asOf, columns.brand()), asOf);
        if (sums[1] == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Money.ofMinor(sums[0], columns.brand().currency())
                .dividedBy(sums[1], java.math.RoundingMode.HALF_EVEN));
    }

    /** @return every member of the snapshot */
    public MemberSet all() {
        return new MemberSet(this, RoaringBitmap.bitmapOfRange(0, columns.size()));
    }

    /**
     * @param ids member ids, e.g. an uploaded list
     * @return those of them that are in the snapshot
     */
    public MemberSet members(Collection<MemberId> ids) {
        if (ids == null) {
            throw new InvalidValueException("ids", "is required");
        }
        RoaringBitmap out = new RoaringBitmap();
        for (MemberId id : ids) {
            int ordinal = columns.ordinal(id);
            if (ordinal >= 0) {
                out.add(ordinal);
            }
        }
        return new MemberSet(this, out);
    }

    /** @return how much memory the columns take, and how long building took */
    public Footprint footprint() {
        return new Footprint(
                columns.size(),
                columns.orderCount(),
                columns.lineCount(),
                columns.interactionCount(),
                columns.memberBytes(),
                columns.orderBytes(),
                columns.lineBytes(),
                columns.interactionBytes(),
                columns.dictionaryBytes(),
                columns.cacheBytes(),
                columns.buildNanos() / 1_000_000);
    }

    private static void check(Condition condition, Instant asOf) {
        if (condition == null) {
            throw new InvalidValueException("condition", "is required");
        }
        if (asOf == null) {
            throw new InvalidValueException("asOf", "is required");
        }
    }

    /**
     * The size of a snapshot: counts, bytes of each column group, and build time.
     *
     * <pre>{@code
     * Snapshot.Footprint f = snapshot.footprint();
     * f.orderBytesPerOrder();   // about 21
     * }</pre>
     *
     * @param members the number of members
     * @param orders the number of orders of those members
     * @param lines the number of their order lines
     * @param interactions the number of their interactions
     * @param memberBytes bytes of member columns, tag and consent bitmaps, custom attributes, and
     *     the per-member offsets into the orders
     * @param orderBytes bytes of per-order columns and their side tables (refunds, extra coupons,
     *     sub-second times)
     * @param lineBytes bytes of line columns
     * @param interactionBytes bytes of interaction columns
     * @param dictionaryBytes bytes of the code dictionaries
     * @param cacheBytes bytes of cached per-member value columns right now
     * @param buildMillis how long building took
     */
    public record Footprint(
            long members,
            long orders,
            long lines,
            long interactions,
            long memberBytes,
            long orderBytes,
            long lineBytes,
            long interactionBytes,
            long dictionaryBytes,
            long cacheBytes,
            long buildMillis) {

        /** @return order-level bytes per order (0 without orders) */
        public double orderBytesPerOrder() {
            return orders == 0 ? 0 : (double) orderBytes / orders;
        }

        /** @return order-level and line bytes per order (0 without orders) */
        public double orderAndLineBytesPerOrder() {
            return orders == 0 ? 0 : (double) (orderBytes + lineBytes) / orders;
        }

        /** @return every column's bytes */
        public long totalBytes() {
            return memberBytes + orderBytes + lineBytes + interactionBytes + dictionaryBytes + cacheBytes;
        }
    }
}
