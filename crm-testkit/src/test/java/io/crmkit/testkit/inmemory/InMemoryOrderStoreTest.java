package io.crmkit.testkit.inmemory;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.testkit.OrderStoreContract;

class InMemoryOrderStoreTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return Crm.inMemory(BrandSettings.ofDefaults()).orders();
    }
}
