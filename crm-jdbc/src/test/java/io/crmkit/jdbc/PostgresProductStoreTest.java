package io.crmkit.jdbc;

import io.crmkit.core.spi.ProductStore;
import io.crmkit.testkit.ProductStoreContract;

/** The product store on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresProductStoreTest extends ProductStoreContract {
    @Override
    protected ProductStore newStore() {
        return Db.fresh("contract_product").products();
    }
}
