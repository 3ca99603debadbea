/**
 * Contract tests for crmkit storage adapters: abstract JUnit 5 classes that an adapter's test
 * extends by supplying a fresh, empty store. Passing {@link io.crmkit.testkit.MemberStoreContract},
 * {@link io.crmkit.testkit.OrderStoreContract}, {@link io.crmkit.testkit.ProductStoreContract} and
 * {@link io.crmkit.testkit.InteractionStoreContract} means a store keeps every promise of the
 * {@link io.crmkit.core.spi} javadoc that the in-memory store keeps. {@link io.crmkit.testkit.TestData}
 * builds valid members, orders, products and interactions for an adapter's own tests. The loyalty
 * stores of {@link io.crmkit.loyalty.spi} have theirs: {@link
 * io.crmkit.testkit.PointsLedgerStoreContract}, {@link io.crmkit.testkit.CouponStoreContract}, {@link
 * io.crmkit.testkit.VoucherStoreContract}, {@link io.crmkit.testkit.MembershipStoreContract}, {@link
 * io.crmkit.testkit.SubscriptionStoreContract} and {@link io.crmkit.testkit.ReferralStoreContract}.
 *
 * <pre>{@code
 * class PostgresMemberStoreTest extends MemberStoreContract {
 *     @Override
 *     protected MemberStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().members();
 *     }
 * }
 * }</pre>
 */
@NullMarked
package io.crmkit.testkit;

import org.jspecify.annotations.NullMarked;
