package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable columnar copy of a brand's members, orders and interactions, read once from the
 * stores. Members have dense ordinals {@code 0..n-1} in {@link MemberId} order. Thread-safe: the
 * columns never change; the only mutable part is a small LRU of per-member value columns
 * ({@link WindowStats}), bounded by bytes.
 *
 * <p>Built to be extended later by a delta: the dictionaries are append-only, and members, orders
 * and interactions are separate column groups with CSR offsets, so a refreshed snapshot can reuse
 * the dictionaries and rebuild only what a delta touches.
 */
public final class ColumnarSnapshot {
    final BrandSettings brand;
    final Dicts dicts;
    final MemberColumns members;
    final OrderColumns orders;
    final InteractionColumns interactions;
    private final Instant builtAt;
    private final long buildNanos;
    private final int readMembers;
    private final StatsCache cache;

    private ColumnarSnapshot(
            BrandSettings brand,
            Dicts dicts,
            MemberColumns members,
            OrderColumns orders,
            InteractionColumns interactions,
            Instant builtAt,
            long buildNanos,
            int readMembers) {
        this.brand = brand;
        this.dicts = dicts;
        this.members = members;
        this.orders = orders;
        this.interactions = interactions;
        this.builtAt = builtAt;
        this.buildNanos = buildNanos;
        this.readMembers = readMembers;
        this.cache = new StatsCache(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 8));
    }

    /**
     * Reads the stores once: members in id order, orders in placement order, interactions in time
     * order.
     *
     * @param crm the brand's settings and stores
     * @return the snapshot
     */
    public static ColumnarSnapshot build(Crm crm) {
        long start = System.nanoTime();
        BrandSettings brand = crm.settings();
        Instant now = brand.now();
        Dicts dicts = new Dicts();
        MemberColumns members = MemberColumns.read(crm.members(), brand, dicts);
        OrderColumns orders = OrderColumns.read(crm.orders(), brand, dicts, members);
        InteractionColumns interactions = InteractionColumns.read(crm.interactions(), dicts, members);
        return new ColumnarSnapshot(
                brand, dicts, members, orders, interactions, now, System.nanoTime() - start, members.size());
    }

    /**
     * A new snapshot with the current content of the stores, re-reading only the changed members
     * (their record, orders and interactions) and copying the rows of all others from this one. The
     * new snapshot has its own dictionaries (a copy of these, appended to) and an empty cache; this
     * one is unchanged.
     *
     * @param crm the brand's settings and stores
     * @param changed the ids of every member whose record, orders or interactions may have changed
     *     since this snapshot read the stores (extra ids only cost a look-up)
     * @return the new snapshot
     */
    public ColumnarSnapshot refresh(Crm crm, Collection<MemberId> changed) {
        long start = System.nanoTime();
        BrandSettings now = crm.settings();
        if (!now.zone().equals(brand.zone()) || !now.currency().equals(brand.currency())) {
            return build(crm); // the rows depend on the zone and currency
        }
        Instant at = now.now();
        TreeMap<MemberId, Member> reread = new TreeMap<>();
        Set<MemberId> gone = new HashSet<>();
        for (MemberId id : changed) {
            Optional<Member> m = crm.members().find(id);
            gone.add(id);
            if (m.isPresent()) {
                reread.put(id, m.get());
            }
        }
        // merge the kept old members (in id order already) with the re-read ones, by id
        int n0 = members.size();
        int[] oldOrdinal = new int[n0 + reread.size()];
        List<Member> byOrdinal = new ArrayList<>(oldOrdinal.length);
        Iterator<Member> fresh = reread.values().iterator();
        Member f = fresh.hasNext() ? fresh.next() : null;
        int n = 0;
        for (int o = 0; o <= n0; o++) {
            MemberId id = o < n0 ? members.ids[o] : null;
            while (f != null && (id == null || f.id().compareTo(id) < 0)) {
                oldOrdinal[n++] = -1;
                byOrdinal.add(f);
                f = fresh.hasNext() ? fresh.next() : null;
            }
            if (id != null && !gone.contains(id)) {
                oldOrdinal[n++] = o;
                byOrdinal.add(null);
            }
        }
        oldOrdinal = Arrays.copyOf(oldOrdinal, n);
        Member[] records = byOrdinal.toArray(new Member[0]);
        List<List<Order>> orderRows = new ArrayList<>(n);
        List<List<Interaction>> interactionRows = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            if (oldOrdinal[m] >= 0) {
                orderRows.add(null);
                interactionRows.add(null);
            } else {
                MemberId id = records[m].id();
                List<Order> os = new ArrayList<>(crm.orders().findByMember(id));
                os.sort(Comparator.comparing(Order::placedAt).thenComparing(Order::id));
                orderRows.add(os);
                List<Interaction> xs = new ArrayList<>(crm.interactions().findByMember(id));
                xs.sort(Comparator.comparing(Interaction::at).thenComparing(Interaction::id));
                interactionRows.add(xs);
            }
        }
        Dicts d = dicts.copy();
        MemberColumns m = MemberColumns.refresh(members, oldOrdinal, records, now, d);
        OrderColumns o = OrderColumns.refresh(orders, oldOrdinal, orderRows, now, d);
        InteractionColumns x = InteractionColumns.refresh(interactions, oldOrdinal, interactionRows, d);
        return new ColumnarSnapshot(now, d, m, o, x, at, System.nanoTime() - start, reread.size());
    }

    /** @return how many members were read from the stores to build this snapshot: all, or those a refresh re-read */
    public int readMembers() {
        return readMembers;
    }

    /** @return the brand settings the snapshot was built with */
    public BrandSettings brand() {
        return brand;
    }

    /** @return the number of members */
    public int size() {
        return members.size();
    }

    /**
     * @param ordinal a member ordinal
     * @return the member id
     */
    public MemberId id(int ordinal) {
        return members.id(ordinal);
    }

    /**
     * @param id a member id
     * @return its ordinal, or -1 if the member is not in the snapshot
     */
    public int ordinal(MemberId id) {
        return members.ordinal(id);
    }

    /** @return when the snapshot was built, on the brand's clock */
    public Instant builtAt() {
        return builtAt;
    }

    /** @return how long building took, in nanoseconds */
    public long buildNanos() {
        return buildNanos;
    }

    /** @return the number of orders (of known members) */
    public int orderCount() {
        return orders.count;
    }

    /** @return the number of order lines */
    public int lineCount() {
        return orders.lines();
    }

    /** @return the number of interactions (of known members) */
    public int interactionCount() {
        return interactions.count;
    }

    /** @return bytes of the member columns, tags, consents, attributes and the orders' per-member offsets */
    public long memberBytes() {
        return members.bytes() + orders.memberIndexBytes();
    }

    /** @return bytes of the order-level columns and side tables, without lines */
    public long orderBytes() {
        return orders.orderBytes();
    }

    /** @return bytes of the line columns */
    public long lineBytes() {
        return orders.lineBytes();
    }

    /** @return bytes of the interaction columns */
    public long interactionBytes() {
        return interactions.bytes();
    }

    /** @return bytes of the dictionaries */
    public long dictionaryBytes() {
        return dicts.bytes();
    }

    /** @return bytes of the cached value columns right now */
    public long cacheBytes() {
        return cache.used();
    }

    /**
     * The order statistics of every member over one range as of one instant, computed on all cores
     * and kept in the snapshot's byte-bounded cache.
     *
     * @param range the orders' placement range
     * @param asOf the as-of instant (refunds and what counts as a purchase)
     * @return the value columns
     */
    WindowStats windowStats(TimeRange range, Instant asOf) {
        range = clip(range, asOf);
        WindowStats cachedStats = cached(range, asOf);
        if (cachedStats != null) {
            return cachedStats;
        }
        int n = members.size();
        WindowStats ws = new WindowStats(n);
        TimeCut cut = TimeCut.of(range, orders.timeBase);
        long asSec = asOf.getEpochSecond();
        int asNano = asOf.getNano();
        Scans.filter(RoaringBitmap.bitmapOfRange(0, n), orders.count + (long) n, () -> {
            WindowStats.Acc acc = new WindowStats.Acc(orders, cut, asSec, asNano);
            return (ms, k, out) -> {
                for (int j = 0; j < k; j++) {
                    int m = ms[j];
                    acc.compute(m);
                    ws.count[m] = acc.count;
                    ws.days[m] = acc.days;
                    ws.net[m] = acc.net;
                    ws.first[m] = acc.first;
                    ws.last[m] = acc.last;
                }
            };
        });
        cache(range, asOf, ws);
        return ws;
    }

    @Nullable
    WindowStats cached(TimeRange range, Instant asOf) {
        return cache.get(key(range, asOf));
    }

    void cache(TimeRange range, Instant asOf, WindowStats stats) {
        cache.put(key(range, asOf), stats);
    }

    /**
     * The cache key of (range, as-of), normalised so that every as-of at or after the snapshot's
     * latest order or refund shares one entry: then every order is placed, every refund seen, and
     * a range end after that instant includes the same orders as one just after it. A dashboard
     * asking "as of now" again and again reuses the columns until the snapshot is refreshed.
     */
    private StatsKey key(TimeRange range, Instant asOf) {
        range = clip(range, asOf);
        Instant latest = orders.latestEvent();
        if (latest == null || asOf.isBefore(latest)) {
            return new StatsKey(range.from(), range.to(), asOf);
        }
        Instant cap = latest.plusNanos(1);
        Instant to = range.to().isAfter(cap) ? cap : range.to();
        Instant from = range.from().isAfter(to) ? to : range.from();
        return new StatsKey(from, to, latest);
    }

    /** The range without what lies after the as-of instant: orders placed later never count. */
    private static TimeRange clip(TimeRange range, Instant asOf) {
        Instant end = asOf.plusNanos(1);
        if (!range.to().isAfter(end)) {
            return range;
        }
        return range.from().isBefore(end) ? TimeRange.of(range.from(), end) : TimeRange.of(range.from(), range.from());
    }

    private record StatsKey(Instant from, Instant to, Instant asOf) {}

    /** An LRU of value columns, bounded by their bytes. */
    private static final class StatsCache {
        private final long budget;
        private final LinkedHashMap<StatsKey, WindowStats> map = new LinkedHashMap<>(16, 0.75f, true);
        private long used;

        StatsCache(long budget) {
            this.budget = budget;
        }

        synchronized @Nullable WindowStats get(StatsKey key) {
            return map.get(key);
        }

        synchronized void put(StatsKey key, WindowStats stats) {
            WindowStats old = map.put(key, stats);
            if (old != null) {
                used -= old.bytes();
            }
            used += stats.bytes();
            Iterator<Map.Entry<StatsKey, WindowStats>> it = map.entrySet().iterator();
            while (used > budget && map.size() > 1 && it.hasNext()) {
                Map.Entry<StatsKey, WindowStats> e = it.next();
                if (e.getKey().equals(key)) {
                    continue;
                }
                used -= e.getValue().bytes();
                it.remove();
            }
        }

        synchronized long used() {
            return used;
        }
    }
}
