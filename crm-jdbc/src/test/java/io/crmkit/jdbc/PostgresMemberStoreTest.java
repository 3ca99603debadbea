package io.crmkit.jdbc;

import io.crmkit.core.spi.MemberStore;
import io.crmkit.testkit.MemberStoreContract;

/** The member store on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresMemberStoreTest extends MemberStoreContract {
    @Override
    protected MemberStore newStore() {
        return Db.fresh("contract_member").members();
    }
}
