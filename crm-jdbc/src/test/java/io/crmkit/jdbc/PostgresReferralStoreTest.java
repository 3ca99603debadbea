package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.ReferralStore;
import io.crmkit.testkit.ReferralStoreContract;

/** crm-loyalty's ReferralStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresReferralStoreTest extends ReferralStoreContract {
    @Override
    protected ReferralStore newStore() {
        return Db.fresh("contract_referral").referrals();
    }
}
