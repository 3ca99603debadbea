package io.crmkit.testkit.inmemory;

import io.crmkit.automation.internal.BatchingInMemoryJourneyStateStore;
import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.testkit.BatchingJourneyStateStoreContract;

/** The embedded journey state store, seen as a batching store, keeps the batch contract. */
class BatchingInMemoryJourneyStateStoreTest extends BatchingJourneyStateStoreContract {
    @Override
    protected BatchingJourneyStateStore newStore() {
        return new BatchingInMemoryJourneyStateStore(new InMemoryJourneyStateStore());
    }
}
