package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.testkit.CouponStoreContract;

class InMemoryCouponStoreTest extends CouponStoreContract {
    @Override
    protected CouponStore newStore() {
        return InMemoryStores.coupons();
    }
}
