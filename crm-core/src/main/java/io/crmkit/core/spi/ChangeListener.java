package io.crmkit.core.spi;

import java.util.List;

/**
 * Hears the changes a store makes, so that later modules (live segments, journeys) react to them.
 *
 * <p>A store calls its listeners after each write is visible to readers, once per write call with
 * all the changes of that call, on the writing thread, in the order the writes happened. A listener
 * must be quick (hand work to a queue) and must not write to the same store. An exception thrown
 * by a listener is logged and does not undo the write or stop other listeners.
 *
 * <pre>{@code
 * Subscription s = crm.members().subscribe(changes -> changes.forEach(c -> queue.add(c.value().id())));
 * ...
 * s.close();
 * }</pre>
 *
 * @param <V> the stored type
 */
@FunctionalInterface
public interface ChangeListener<V> {
    /** @param changes the changes of one write call, in the order they were made; never empty */
    void onChanges(List<ChangeEvent<V>> changes);
}
