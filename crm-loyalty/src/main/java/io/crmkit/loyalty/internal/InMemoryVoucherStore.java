package io.crmkit.loyalty.internal;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Voucher;
import io.crmkit.loyalty.VoucherEvent;
import io.crmkit.loyalty.VoucherId;
import io.crmkit.loyalty.spi.VoucherStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The thread-safe in-memory voucher store (one lock; voucher changes are rare and short). */
public final class InMemoryVoucherStore implements VoucherStore {
    private final Map<VoucherId, Voucher> vouchers = new TreeMap<>();
    private final Map<VoucherId, List<VoucherEvent>> events = new HashMap<>();
    private final Map<String, VoucherEvent> byKey = new HashMap<>();
    private final Map<MemberId, java.util.TreeSet<VoucherId>> byHolder = new HashMap<>();

    @Override
    public synchronized Optional<Voucher> find(VoucherId id) {
        return Optional.ofNullable(vouchers.get(id));
    }

    @Override
    public synchronized List<Voucher> heldBy(MemberId member) {
        return byHolder.getOrDefault(member, new java.util.TreeSet<>()).stream()
                .map(vouchers::get)
                .toList();
    }

    @Override
    public synchronized Optional<VoucherEvent> findEvent(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public synchronized List<VoucherEvent> events(VoucherId id) {
        return List.copyOf(events.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized ApplyResult apply(VoucherEvent event) {
        if (byKey.containsKey(event.key())) {
            return ApplyResult.DUPLICATE_KEY;
        }
        Voucher after = event.after();
        Voucher current = vouchers.get(after.id());
        long expected = after.version() - 1;
        if (current == null ? expected != 0 : current.version() != expected) {
            return ApplyResult.STALE_VERSION;
        }
        if (current != null && !current.holder().equals(after.holder())) {
            byHolder.get(current.holder()).remove(after.id());
        }
        byHolder.computeIfAbsent(after.holder(), m -> new java.util.TreeSet<>()).add(after.id());
        vouchers.put(after.id(), after);
        events.computeIfAbsent(after.id(), i -> new ArrayList<>()).add(event);
        byKey.put(event.key(), event);
        return ApplyResult.APPLIED;
    }
}
