package io.crmkit.jdbc;

import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.testkit.CouponStoreContract;

/** crm-loyalty's CouponStore on a real PostgreSQL passes the whole crm-testkit contract. */
class PostgresCouponStoreTest extends CouponStoreContract {
    @Override
    protected CouponStore newStore() {
        return Db.fresh("contract_coupon").coupons();
    }
}
