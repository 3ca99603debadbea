package io.crmkit.testkit.inmemory;

import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.testkit.JourneyStateStoreContract;

/** The embedded journey state store keeps the contract. */
class InMemoryJourneyStateStoreTest extends JourneyStateStoreContract {
    @Override
    protected JourneyStateStore newStore() {
        return JourneyStateStore.inMemory();
    }
}
