package io.crmkit.jdbc.internal;

import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one store: each subscription is its own entry, so one listener may subscribe twice. */
final class Listeners<V> {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String store;
    private final CopyOnWriteArrayList<Entry<V>> entries = new CopyOnWriteArrayList<>();

    Listeners(String store) {
        this.store = store;
    }

    private record Entry<V>(ChangeListener<V> listener) {
        // identity equality: two subscriptions of one listener are two entries
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    Subscription add(ChangeListener<V> listener) {
        Entry<V> e = new Entry<>(Pg.required(listener, "listener"));
        entries.add(e);
        return () -> entries.remove(e);
    }

    void tell(List<ChangeEvent<V>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ChangeEvent<V>> view = List.copyOf(changes);
        for (Entry<V> e : entries) {
            try {
                e.listener().onChanges(view);
            } catch (RuntimeException ex) {
                LOG.warn("a listener of the {} store failed; the write stands", store, ex);
            }
        }
    }
}
