package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.VoucherStore;
import io.crmkit.testkit.VoucherStoreContract;

/** crm-loyalty's VoucherStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresVoucherStoreTest extends VoucherStoreContract {
    @Override
    protected VoucherStore newStore() {
        return Db.fresh("contract_voucher").vouchers();
    }
}
