package io.crmkit.testkit.inmemory;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.spi.ProductStore;
import io.crmkit.testkit.ProductStoreContract;

class InMemoryProductStoreTest extends ProductStoreContract {
    @Override
    protected ProductStore newStore() {
        return Crm.inMemory(BrandSettings.ofDefaults()).products();
    }
}
