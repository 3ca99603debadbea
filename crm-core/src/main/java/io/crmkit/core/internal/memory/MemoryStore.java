package io.crmkit.core.internal.memory;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.KeyedStore;
import io.crmkit.core.spi.StoreException;
import io.crmkit.core.spi.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared part of the in-memory stores: values by id in a {@link TreeMap}, one read-write lock,
 * and listeners. A write runs {@link #write} under the write lock, then downgrades to the read lock
 * to notify listeners, so that notifications come in write order while readers go on.
 *
 * @param <K> the id type
 * @param <V> the value type
 */
abstract class MemoryStore<K extends Comparable<? super K>, V> implements KeyedStore<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryStore.class);
    static final int MAX_PAGE = 100_000;

    protected final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    protected final TreeMap<K, V> byId = new TreeMap<>();
    private final CopyOnWriteArrayList<ChangeListener<V>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a value to the secondary indexes. Called under the write lock. */
    protected abstract void index(V value);

    /** Removes a value from the secondary indexes. Called under the write lock. */
    protected abstract void unindex(V value);

    @Override
    public Optional<V> find(K id) {
        checkId(id);
        return read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<V> findAll(Collection<K> ids) {
        if (ids == null) {
            throw new InvalidValueException("ids", "is required");
        }
        List<K> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        unique.forEach(this::checkId);
        return read(() -> {
            List<V> out = new ArrayList<>(unique.size());
            for (K id : unique) {
                V v = byId.get(id);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    @Override
    public List<V> scan(@Nullable K after, int limit) {
        checkLimit(limit);
        return read(() -> {
            SortedMap<K, V> tail = after == null ? byId : byId.tailMap(after, false);
            // not tail.size(): on a sub-map it walks every entry, which made a full scan quadratic
            List<V> out = new ArrayList<>(Math.min(limit, 1024));
            for (V v : tail.values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(v);
            }
            return out;
        });
    }

    @Override
    public long count() {
        return read(byId::size);
    }

    @Override
    public boolean delete(K id) {
        checkId(id);
        return write(() -> {
                    V old = byId.remove(id);
                    if (old == null) {
                        return List.of();
                    }
                    unindex(old);
                    return List.of(ChangeEvent.of(old, null));
                })
                > 0;
    }

    @Override
    public Subscription subscribe(ChangeListener<V> listener) {
        if (listener == null) {
            throw new InvalidValueException("listener", "is required");
        }
        listeners.add(listener);
        // remove this registration once: closing twice must not remove another registration of the same listener
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                listeners.remove(listener);
            }
        };
    }

    /**
     * Puts a value by id and indexes it. Called under the write lock.
     *
     * @return the change, or null if the value equals the stored one (nothing changed)
     */
    protected final @Nullable ChangeEvent<V> put(K id, V value) {
        V old = byId.get(id);
        if (value.equals(old)) {
            return null;
        }
        byId.put(id, value);
        if (old != null) {
            unindex(old);
        }
        index(value);
        return ChangeEvent.of(old, value);
    }

    /** Adds a change to a list unless it is null (no change). */
    static <V> void addChange(List<ChangeEvent<V>> changes, @Nullable ChangeEvent<V> change) {
        if (change != null) {
            changes.add(change);
        }
    }

    protected final <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a write under the write lock, then notifies listeners of its changes under the read lock.
     *
     * @return the number of changes
     */
    protected final int write(Supplier<List<ChangeEvent<V>>> body) {
        if (lock.getReadHoldCount() > 0) {
            // a listener (or a read) of this thread holds the read lock: waiting for the write lock would hang
            throw new StoreException("a change listener must not write to the store it listens to ("
                    + getClass().getSimpleName() + "); hand the work to a queue");
        }
        lock.writeLock().lock();
        List<ChangeEvent<V>> changes;
        try {
            changes = List.copyOf(body.get());
            lock.readLock().lock();
        } finally {
            lock.writeLock().unlock();
        }
        try {
            if (!changes.isEmpty()) {
                for (ChangeListener<V> l : listeners) {
                    try {
                        l.onChanges(changes);
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "A change listener of {} failed; the write stands",
                                getClass().getSimpleName(),
                                e);
                    }
                }
            }
            return changes.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    protected void checkId(@Nullable K id) {
        if (id == null) {
            throw new InvalidValueException("id", "is required");
        }
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidValueException("limit", "must be 1.." + MAX_PAGE + ", was " + limit);
        }
    }

    static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** Checks that no id occurs twice in a batch. */
    static <K, V> Map<K, V> uniqueIds(Collection<V> values, java.util.function.Function<V, K> idOf, String what) {
        required(values, what);
        Map<K, V> seen = new java.util.LinkedHashMap<>(values.size() * 2);
        int i = 0;
        for (V v : values) {
            required(v, what + "[" + i + "]");
            K id = idOf.apply(v);
            if (seen.putIfAbsent(id, v) != null) {
                throw new io.crmkit.core.spi.DuplicateKeyException(
                        what + "[" + i + "]: id " + id + " occurs twice in one batch; nothing was written");
            }
            i++;
        }
        return seen;
    }
}
