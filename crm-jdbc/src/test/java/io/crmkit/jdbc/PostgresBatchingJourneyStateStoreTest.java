package io.crmkit.jdbc;

import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.testkit.BatchingJourneyStateStoreContract;

/** The journey state store on a real PostgreSQL keeps crm-testkit's batch contract (a fresh schema per test). */
class PostgresBatchingJourneyStateStoreTest extends BatchingJourneyStateStoreContract {
    @Override
    protected BatchingJourneyStateStore newStore() {
        return Db.fresh("contract_batch_journey").journeys();
    }
}
