package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable set of members of one {@link Snapshot}, e.g. the members a segment keeps as of an
 * instant: count, membership, the ids in id order (all, a page, or a reproducible sample), set
 * algebra with other sets of the same snapshot, and the difference between two sets.
 *
 * <pre>{@code
 * MemberSet lapsed = snapshot.evaluate(lapsedVip, now);
 * lapsed.count();
 * lapsed.contains(MemberId.of("M1"));
 * List<MemberId> first = lapsed.page(null, 500);
 * MemberSet test = lapsed.sample(1_000, 42L);             // the same 1,000 every time
 * MemberSet both = lapsed.and(snapshot.evaluate(reachableBy(LINE), now));
 * MemberSet.Diff d = MemberSet.diff(lastWeek, lapsed);   // who entered, who left
 * }</pre>
 */
public final class MemberSet implements Iterable<MemberId> {
    private final Snapshot snapshot;
    private final RoaringBitmap members;

    MemberSet(Snapshot snapshot, RoaringBitmap members) {
        this.snapshot = snapshot;
        this.members = members;
    }

    /** @return the snapshot the set belongs to */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** @return the number of members */
    public long count() {
        return members.getLongCardinality();
    }

    /** @return true if the set has no member */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * @param id a member id
     * @return true if the member is in the set
     */
    public boolean contains(MemberId id) {
        if (id == null) {
            throw new InvalidValueException("id", "is required");
        }
        int ordinal = snapshot.columns().ordinal(id);
        return ordinal >= 0 && members.contains(ordinal);
    }

    /** @return the member ids in id order */
    @Override
    public Iterator<MemberId> iterator() {
        PeekableIntIterator it = members.getIntIterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public MemberId next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return snapshot.columns().id(it.next());
            }
        };
    }

    /** @return the member ids in id order */
    public Stream<MemberId> stream() {
        return StreamSupport.stream(
                Spliterators.spliterator(
                        iterator(),
                        members.getLongCardinality(),
                        Spliterator.ORDERED
                                | Spliterator.DISTINCT
                                | Spliterator.SORTED
                                | Spliterator.NONNULL
                                | Spliterator.IMMUTABLE),
                false);
    }

    /**
     * One page of a keyset cursor over the ids, like a store's {@code scan}.
     *
     * @param after the last id of the previous page, or null for the first page
     * @param limit the most ids to return, 1 to 100,000
     * @return the ids after {@code after}, in id order; fewer than {@code limit} when done
     * @throws InvalidValueException if the limit is out of range
     */
    public List<MemberId> page(@Nullable MemberId after, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new InvalidValueException("limit", "must be 1..100000, was " + limit);
        }
        int from = 0;
        if (after != null) {
            int ordinal = snapshot.columns().ordinal(after);
            from = ordinal >= 0 ? ordinal + 1 : firstAfter(after);
        }
        List<MemberId> out = new ArrayList<>(Math.min(limit, 1024));
        PeekableIntIterator it = members.getIntIterator();
        it.advanceIfNeeded(from);
        while (it.hasNext() && out.size() < limit) {
            out.add(snapshot.columns().id(it.next()));
        }
        return out;
    }

    /** For an id not in the snapshot: the first ordinal whose id is greater. */
    private int firstAfter(MemberId id) {
        int lo = 0;
        int hi = snapshot.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (snapshot.columns().id(mid).compareTo(id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * A random sample that depends only on the set and the seed: the same set and seed give the same
     * members, every time and on every machine.
     *
     * @param n how many members, at least 0; the whole set if it has no more than {@code n}
     * @param seed the seed
     * @return the sample
     * @throws InvalidValueException if {@code n} is negative
     */
    public MemberSet sample(int n, long seed) {
        if (n < 0) {
            throw new InvalidValueException("sample", "size must not be negative, was " + n);
        }
        long size = members.getLongCardinality();
        if (n >= size) {
            return this;
        }
        // selection sampling (Knuth's algorithm S): one pass in id order, each member kept with
        // probability (still needed) / (still to see), so exactly n are kept
        SplittableRandom random = new SplittableRandom(seed);
        RoaringBitmap out = new RoaringBitmap();
        PeekableIntIterator it = members.getIntIterator();
        long seen = 0;
        int kept = 0;
        while (kept < n && it.hasNext()) {
            int ordinal = it.next();
            if (random.nextLong(size - seen) < n - kept) {
                out.add(ordinal);
                kept++;
            }
            seen++;
        }
        return new MemberSet(snapshot, out);
    }

    /**
     * @param other a set of the same snapshot
     * @return the members in both
     * @throws InvalidValueException if the other set belongs to another snapshot
     */
    public MemberSet and(MemberSet other) {
        return new MemberSet(snapshot, RoaringBitmap.and(members, same(other).members));
    }

    /**
     * @param other a set of the same snapshot
     * @return the members in either
     * @throws InvalidValueException if the other set belongs to another snapshot
     */
    public MemberSet or(MemberSet other) {
        return new MemberSet(snapshot, RoaringBitmap.or(members, same(other).members));
    }

    /**
     * @param other a set of the same snapshot
     * @return the members in this set and not in the other
     * @throws InvalidValueException if the other set belongs to another snapshot
     */
    public MemberSet andNot(MemberSet other) {
        return new MemberSet(snapshot, RoaringBitmap.andNot(members, same(other).members));
    }

    private MemberSet same(MemberSet other) {
        if (other == null) {
            throw new InvalidValueException("other", "is required");
        }
        if (other.snapshot.columns() != snapshot.columns()) {
            throw new InvalidValueException(
                    "other",
                    "belongs to another snapshot; sets combine only within one snapshot (or its withCatalog copies)");
        }
        return other;
    }

    /**
     * Who entered and who left between two sets, e.g. a segment as of last week and as of today.
     * The sets may belong to different snapshots (members are matched by id): {@code entered}
     * belongs to {@code after}'s snapshot, {@code left} to {@code before}'s.
     *
     * @param before the earlier set
     * @param after the later set
     * @return the members in {@code after} and not in {@code before}, and the other way round
     */
    public static Diff diff(MemberSet before, MemberSet after) {
        if (before == null || after == null) {
            throw new InvalidValueException("diff", "needs both sets");
        }
        RoaringBitmap beforeInAfter = before.in(after.snapshot);
        RoaringBitmap afterInBefore = after.in(before.snapshot);
        return new Diff(
                new MemberSet(after.snapshot, RoaringBitmap.andNot(after.members, beforeInAfter)),
                new MemberSet(before.snapshot, RoaringBitmap.andNot(before.members, afterInBefore)));
    }

    /** This set's members in another snapshot's ordinals (those that are in it). */
    private RoaringBitmap in(Snapshot other) {
        if (other == snapshot) {
            return members;
        }
        RoaringBitmap out = new RoaringBitmap();
        PeekableIntIterator it = members.getIntIterator();
        while (it.hasNext()) {
            int ordinal = other.columns().ordinal(snapshot.columns().id(it.next()));
            if (ordinal >= 0) {
                out.add(ordinal);
            }
        }
        return out;
    }

    /**
     * The members that entered and left a set.
     *
     * <pre>{@code
     * MemberSet.Diff d = MemberSet.diff(before, after);
     * d.entered().count();
     * }</pre>
     *
     * @param entered in the later set and not in the earlier one
     * @param left in the earlier set and not in the later one
     */
    public record Diff(MemberSet entered, MemberSet left) {
        /** @throws InvalidValueException if a set is missing */
        public Diff {
            if (entered == null || left == null) {
                throw new InvalidValueException("diff", "needs both sets");
            }
        }
    }

    /** @return true for a set of the same snapshot with the same members */
    @Override
    public boolean equals(Object o) {
        return o instanceof MemberSet s && s.snapshot.columns() == snapshot.columns() && s.members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** @return the count and the first few ids */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("MemberSet[").append(count()).append(" members");
        PeekableIntIterator it = members.getIntIterator();
        for (int i = 0; i < 5 && it.hasNext(); i++) {
            b.append(i == 0 ? ": " : ", ").append(snapshot.columns().id(it.next()));
        }
        return b.append(it.hasNext() ? ", ...]" : "]").toString();
    }
}
