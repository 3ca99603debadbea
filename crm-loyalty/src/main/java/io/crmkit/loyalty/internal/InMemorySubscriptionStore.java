package io.crmkit.loyalty.internal;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Subscription;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore.ApplyResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The thread-safe in-memory subscription store. */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private final TreeMap<String, Subscription> subscriptions = new TreeMap<>();
    private final Map<String, Subscription> byKey = new HashMap<>();
    private final Map<MemberId, java.util.TreeSet<String>> byMember = new HashMap<>();

    @Override
    public synchronized Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public synchronized List<Subscription> of(MemberId member) {
        return subscriptions.values().stream()
                .filter(s -> s.member().equals(member))
                .toList();
    }

    @Override
    public synchronized Stream<Subscription> all() {
        return List.copyOf(subscriptions.values()).stream();
    }

    @Override
    public synchronized Optional<Subscription> findByKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public synchronized ApplyResult apply(String key, Subscription after) {
        if (byKey.containsKey(key)) {
            return ApplyResult.DUPLICATE_KEY;
        }
        Subscription current = subscriptions.get(after.id());
        long expected = after.version() - 1;
        if (current == null ? expected != 0 : current.version() != expected) {
            return ApplyResult.STALE_VERSION;
        }
        if (current != null && !current.member().equals(after.member())) {
            byMember.get(current.member()).remove(after.id());
        }
        byMember.computeIfAbsent(after.member(), m -> new java.util.TreeSet<>()).add(after.id());
        subscriptions.put(after.id(), after);
        byKey.put(key, after);
        return ApplyResult.APPLIED;
    }
}
