package io.crmkit.testkit.inmemory;

import io.crmkit.loyalty.InMemoryStores;
import io.crmkit.loyalty.spi.VoucherStore;
import io.crmkit.testkit.VoucherStoreContract;

class InMemoryVoucherStoreTest extends VoucherStoreContract {
    @Override
    protected VoucherStore newStore() {
        return InMemoryStores.vouchers();
    }
}
