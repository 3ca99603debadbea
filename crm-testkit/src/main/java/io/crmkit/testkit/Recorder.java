package io.crmkit.testkit;

import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeListener;
import java.util.ArrayList;
import java.util.List;

/** A change listener that keeps every call it hears, and the thread it heard it on. */
final class Recorder<V> implements ChangeListener<V> {
    private final List<List<ChangeEvent<V>>> calls = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized void onChanges(List<ChangeEvent<V>> changes) {
        calls.add(List.copyOf(changes));
        threads.add(Thread.currentThread());
    }

    /** The calls heard so far, oldest first. */
    synchronized List<List<ChangeEvent<V>>> calls() {
        return List.copyOf(calls);
    }

    /** The threads the calls came on, oldest first. */
    synchronized List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** The only call heard; fails unless exactly one was. */
    synchronized List<ChangeEvent<V>> onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError(
                    "expected exactly one listener call but there were " + calls.size() + ": " + calls);
        }
        return calls.get(0);
    }
}
