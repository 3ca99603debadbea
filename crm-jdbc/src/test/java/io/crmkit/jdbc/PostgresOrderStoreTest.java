package io.crmkit.jdbc;

import io.crmkit.core.spi.OrderStore;
import io.crmkit.testkit.OrderStoreContract;

/** The order store on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresOrderStoreTest extends OrderStoreContract {
    @Override
    protected OrderStore newStore() {
        return Db.fresh("contract_order").orders();
    }
}
