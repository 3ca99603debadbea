package io.crmkit.core.internal.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * A map from a key to a sorted list of values, e.g. member to orders. Small buckets (most members
 * have a few orders) are exact-size arrays, which cost far less memory than a set per key; a bucket
 * that grows past {@value #SMALL} values (a walk-in customer with 10^5 POS orders, a shared
 * placeholder e-mail) becomes a growable array with spare room, so that adding stays amortised
 * cheap rather than copying the whole bucket each time. Not thread-safe: the owning store's lock
 * guards it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Buckets<K, V> {
    static final int SMALL = 16;

    /** A large bucket: values in {@code items[0..size)}, sorted. */
    private static final class Big {
        Object[] items;
        int size;

        Big(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }
    }

    private final HashMap<K, Object> map = new HashMap<>();
    private final Comparator<? super V> order;

    Buckets(Comparator<? super V> order) {
        this.order = order;
    }

    @SuppressWarnings("unchecked")
    void add(K key, V value) {
        Object b = map.get(key);
        if (b == null) {
            map.put(key, new Object[] {value});
            return;
        }
        if (b instanceof Big big) {
            int pos = Arrays.binarySearch((V[]) big.items, 0, big.size, value, order);
            if (pos >= 0) {
                big.items[pos] = value;
                return;
            }
            int ins = -pos - 1;
            if (big.size == big.items.length) {
                big.items = Arrays.copyOf(big.items, big.size + (big.size >> 1));
            }
            System.arraycopy(big.items, ins, big.items, ins + 1, big.size - ins);
            big.items[ins] = value;
            big.size++;
            return;
        }
        Object[] a = (Object[]) b;
        int pos = Arrays.binarySearch((V[]) a, value, order);
        if (pos >= 0) {
            a[pos] = value;
            return;
        }
        int ins = -pos - 1;
        if (a.length >= SMALL) {
            Object[] items = new Object[a.length * 2];
            System.arraycopy(a, 0, items, 0, ins);
            items[ins] = value;
            System.arraycopy(a, ins, items, ins + 1, a.length - ins);
            map.put(key, new Big(items, a.length + 1));
            return;
        }
        Object[] c = new Object[a.length + 1];
        System.arraycopy(a, 0, c, 0, ins);
        c[ins] = value;
        System.arraycopy(a, ins, c, ins + 1, a.length - ins);
        map.put(key, c);
    }

    @SuppressWarnings("unchecked")
    void remove(K key, V value) {
        Object b = map.get(key);
        if (b == null) {
            return;
        }
        if (b instanceof Big big) {
            int pos = Arrays.binarySearch((V[]) big.items, 0, big.size, value, order);
            if (pos < 0) {
                return;
            }
            System.arraycopy(big.items, pos + 1, big.items, pos, big.size - pos - 1);
            big.items[--big.size] = null;
            if (big.size <= SMALL / 2) {
                map.put(key, Arrays.copyOf(big.items, big.size));
            }
            return;
        }
        Object[] a = (Object[]) b;
        int pos = Arrays.binarySearch((V[]) a, value, order);
        if (pos < 0) {
            return;
        }
        if (a.length == 1) {
            map.remove(key);
            return;
        }
        Object[] c = new Object[a.length - 1];
        System.arraycopy(a, 0, c, 0, pos);
        System.arraycopy(a, pos + 1, c, pos, a.length - pos - 1);
        map.put(key, c);
    }

    /** The values of a key that pass the filter, in order. */
    @SuppressWarnings("unchecked")
    List<V> get(K key, Predicate<? super V> filter) {
        Object b = map.get(key);
        if (b == null) {
            return List.of();
        }
        Object[] items;
        int size;
        if (b instanceof Big big) {
            items = big.items;
            size = big.size;
        } else {
            items = (Object[]) b;
            size = items.length;
        }
        ArrayList<V> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            V v = (V) items[i];
            if (filter.test(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
