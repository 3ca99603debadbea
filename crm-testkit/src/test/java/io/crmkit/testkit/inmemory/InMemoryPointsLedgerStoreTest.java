package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import io.crmkit.testkit.PointsLedgerStoreContract;

class InMemoryPointsLedgerStoreTest extends PointsLedgerStoreContract {
    @Override
    protected PointsLedgerStore newStore() {
        return InMemoryStores.pointsLedger();
    }
}
