package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.testkit.MembershipStoreContract;

class InMemoryMembershipStoreTest extends MembershipStoreContract {
    @Override
    protected MembershipStore newStore() {
        return InMemoryStores.memberships();
    }
}
