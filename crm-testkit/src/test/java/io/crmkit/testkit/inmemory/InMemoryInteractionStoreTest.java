package io.crmkit.testkit.inmemory;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.testkit.InteractionStoreContract;

class InMemoryInteractionStoreTest extends InteractionStoreContract {
    @Override
    protected InteractionStore newStore() {
        return Crm.inMemory(BrandSettings.ofDefaults()).interactions();
    }
}
