package io.crmkit.core.internal.memory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * A map from a key to a small sorted array of values, e.g. member to orders. Arrays cost far less
 * memory than a set per key; the buckets of a CRM (one member's orders) are small. Not thread-safe:
 * the owning store's lock guards it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Buckets<K, V> {
    private static final Object[] EMPTY = new Object[0];
    private final HashMap<K, Object[]> map = new HashMap<>();
    private final Comparator<? super V> order;

    Buckets(Comparator<? super V> order) {
        this.order = order;
    }

    @SuppressWarnings("unchecked")
    void add(K key, V value) {
        Object[] a = map.getOrDefault(key, EMPTY);
        int pos = Arrays.binarySearch((V[]) a, value, order);
        if (pos >= 0) {
            a = a.clone();
            a[pos] = value;
            map.put(key, a);
            return;
        }
        int ins = -pos - 1;
        Object[] b = new Object[a.length + 1];
        System.arraycopy(a, 0, b, 0, ins);
        b[ins] = value;
        System.arraycopy(a, ins, b, ins + 1, a.length - ins);
        map.put(key, b);
    }

    @SuppressWarnings("unchecked")
    void remove(K key, V value) {
        Object[] a = map.get(key);
        if (a == null) {
            return;
        }
        int pos = Arrays.binarySearch((V[]) a, value, order);
        if (pos < 0) {
            return;
        }
        if (a.length == 1) {
            map.remove(key);
            return;
        }
        Object[] b = new Object[a.length - 1];
        System.arraycopy(a, 0, b, 0, pos);
        System.arraycopy(a, pos + 1, b, pos, a.length - pos - 1);
        map.put(key, b);
    }

    /** The values of a key that pass the filter, in order. */
    @SuppressWarnings("unchecked")
    List<V> get(K key, Predicate<? super V> filter) {
        Object[] a = map.get(key);
        if (a == null) {
            return List.of();
        }
        java.util.ArrayList<V> out = new java.util.ArrayList<>(a.length);
        for (Object o : a) {
            V v = (V) o;
            if (filter.test(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
