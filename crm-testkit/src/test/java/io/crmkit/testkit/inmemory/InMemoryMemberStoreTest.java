package io.crmkit.testkit.inmemory;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.testkit.MemberStoreContract;

class InMemoryMemberStoreTest extends MemberStoreContract {
    @Override
    protected MemberStore newStore() {
        return Crm.inMemory(BrandSettings.ofDefaults()).members();
    }
}
