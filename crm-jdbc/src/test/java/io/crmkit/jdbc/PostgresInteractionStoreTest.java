package io.crmkit.jdbc;

import io.crmkit.core.spi.InteractionStore;
import io.crmkit.testkit.InteractionStoreContract;

/** The interaction store on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresInteractionStoreTest extends InteractionStoreContract {
    @Override
    protected InteractionStore newStore() {
        return Db.fresh("contract_interaction").interactions();
    }
}
