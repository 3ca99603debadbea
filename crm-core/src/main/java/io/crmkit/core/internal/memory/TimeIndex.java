package io.crmkit.core.internal.memory;

import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values ordered by (time, id), with range pages that start by a binary search rather than a walk
 * from the beginning. A probe object stands for "the first value at instant t", so no key object
 * is stored per value. Not thread-safe: the owning store's lock guards it.
 *
 * @param <K> the id type
 * @param <V> the value type
 */
final class TimeIndex<K extends Comparable<? super K>, V> {
    private record Probe(Instant at) {}

    private final Function<V, Instant> timeOf;
    private final Function<V, K> idOf;
    private final TreeSet<Object> set;

    @SuppressWarnings("unchecked")
    TimeIndex(Function<V, Instant> timeOf, Function<V, K> idOf) {
        this.timeOf = timeOf;
        this.idOf = idOf;
        Comparator<Object> cmp = (a, b) -> {
            Instant ta = a instanceof Probe p ? p.at() : timeOf.apply((V) a);
            Instant tb = b instanceof Probe p ? p.at() : timeOf.apply((V) b);
            int c = ta.compareTo(tb);
            if (c != 0) {
                return c;
            }
            if (a instanceof Probe) {
                return b instanceof Probe ? 0 : -1;
            }
            if (b instanceof Probe) {
                return 1;
            }
            return idOf.apply((V) a).compareTo(idOf.apply((V) b));
        };
        this.set = new TreeSet<>(cmp);
    }

    void add(V v) {
        set.add(v);
    }

    void remove(V v) {
        set.remove(v);
    }

    /** Up to {@code limit} values in the range, after {@code after} (exclusive) if given. */
    @SuppressWarnings("unchecked")
    List<V> page(TimeRange range, @Nullable V after, int limit) {
        NavigableSet<Object> tail;
        if (after != null && !timeOf.apply(after).isBefore(range.from())) {
            tail = set.tailSet(after, false);
        } else {
            tail = set.tailSet(new Probe(range.from()), true);
        }
        List<V> out = new ArrayList<>(Math.min(limit, 1024));
        for (Object o : tail) {
            V v = (V) o;
            if (out.size() == limit || !timeOf.apply(v).isBefore(range.to())) {
                break;
            }
            out.add(v);
        }
        return out;
    }
}
