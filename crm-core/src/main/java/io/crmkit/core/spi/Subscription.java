package io.crmkit.core.spi;

/** A registered {@link ChangeListener}; close it to stop hearing changes. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {
    /** Removes the listener. */
    @Override
    void close();
}
