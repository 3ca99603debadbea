package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.PointsLedgerStore;
import io.crmkit.testkit.PointsLedgerStoreContract;

/** crm-loyalty's PointsLedgerStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresPointsLedgerStoreTest extends PointsLedgerStoreContract {
    @Override
    protected PointsLedgerStore newStore() {
        return Db.fresh("contract_ledger").pointsLedger();
    }
}
