package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.ReferralStore;
import io.crmkit.testkit.ReferralStoreContract;

class InMemoryReferralStoreTest extends ReferralStoreContract {
    @Override
    protected ReferralStore newStore() {
        return InMemoryStores.referrals();
    }
}
