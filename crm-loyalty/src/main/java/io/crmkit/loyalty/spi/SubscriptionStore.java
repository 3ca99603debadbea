package io.crmkit.loyalty.spi;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where product subscriptions live: the current state of each with a version; a change is a
 * compare-and-set of the version that also records its idempotency key, atomically.
 *
 * <pre>{@code
 * SubscriptionService s = SubscriptionService.builder(brand).store(myStore).build();
 * }</pre>
 */
public interface SubscriptionStore {
    /**
     * @param id a subscription id
     * @return its current state
     */
    Optional<Subscription> find(String id);

    /**
     * @param member a member
     * @return the member's subscriptions, in id order
     */
    List<Subscription> of(MemberId member);

    /** @return every subscription, in id order */
    Stream<Subscription> all();

    /**
     * @param key an idempotency key
     * @return the subscription state the change with that key stored
     */
    Optional<Subscription> findByKey(String key);

    /**
     * Stores the new state if the key is new and the stored version is one less (absent for version
     * 1); atomically.
     *
     * @param key the change's idempotency key
     * @param after the new state
     * @return the same outcomes as {@link VoucherStore#apply}
     */
    VoucherStore.ApplyResult apply(String key, Subscription after);
}
