package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.testkit.MembershipStoreContract;

/** crm-loyalty's MembershipStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresMembershipStoreTest extends MembershipStoreContract {
    @Override
    protected MembershipStore newStore() {
        return Db.fresh("contract_membership").memberships();
    }
}
