package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.testkit.SubscriptionStoreContract;

/** crm-loyalty's SubscriptionStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return Db.fresh("contract_subscription").subscriptions();
    }
}
