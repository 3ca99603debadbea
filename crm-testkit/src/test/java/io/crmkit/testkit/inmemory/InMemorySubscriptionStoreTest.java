package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.testkit.SubscriptionStoreContract;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return InMemoryStores.subscriptions();
    }
}
