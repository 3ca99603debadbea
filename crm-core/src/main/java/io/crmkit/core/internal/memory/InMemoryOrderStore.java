package io.crmkit.core.internal.memory;

import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.OrderStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The in-memory {@link OrderStore}: thread-safe, indexed by member and by placement time. */
public final class InMemoryOrderStore extends MemoryStore<OrderId, Order> implements OrderStore {
    static final Comparator<Order> BY_TIME =
            Comparator.comparing(Order::placedAt).thenComparing(Order::id);

    private final Buckets<MemberId, Order> byMember = new Buckets<>(BY_TIME);
    private final TimeIndex<OrderId, Order> byTime = new TimeIndex<>(Order::placedAt, Order::id);

    /** An empty store. */
    public InMemoryOrderStore() {}

    @Override
    protected void index(Order o) {
        byMember.add(o.memberId(), o);
        byTime.add(o);
    }

    @Override
    protected void unindex(Order o) {
        byMember.remove(o.memberId(), o);
        byTime.remove(o);
    }

    @Override
    public void upsertAll(Collection<Order> orders) {
        Map<OrderId, Order> batch = uniqueIds(orders, Order::id, "orders");
        write(() -> {
            List<ChangeEvent<Order>> changes = new ArrayList<>(batch.size());
            for (Order o : batch.values()) {
                addChange(changes, put(o.id(), o));
            }
            return changes;
        });
    }

    @Override
    public List<Order> findByMember(MemberId memberId, TimeRange range) {
        required(memberId, "memberId");
        required(range, "range");
        return read(() -> byMember.get(memberId, o -> range.contains(o.placedAt())));
    }

    @Override
    public List<Order> findPlaced(TimeRange range, @Nullable Order after, int limit) {
        required(range, "range");
        checkLimit(limit);
        return read(() -> byTime.page(range, after, limit));
    }
}
