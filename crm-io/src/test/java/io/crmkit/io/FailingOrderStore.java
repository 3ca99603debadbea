package io.crmkit.io;

import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.StoreException;
import io.crmkit.core.spi.Subscription;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** An order store that fails on its n-th write, to test resuming; otherwise the delegate. */
final class FailingOrderStore implements OrderStore {
    private final OrderStore delegate;
    private final int failOnWrite;
    int writes;

    FailingOrderStore(OrderStore delegate, int failOnWrite) {
        this.delegate = delegate;
        this.failOnWrite = failOnWrite;
    }

    @Override
    public void upsertAll(Collection<Order> orders) {
        writes++;
        if (writes == failOnWrite) {
            throw new StoreException("the database went away");
        }
        delegate.upsertAll(orders);
    }

    @Override
    public List<Order> findByMember(MemberId memberId, TimeRange range) {
        return delegate.findByMember(memberId, range);
    }

    @Override
    public List<Order> findPlaced(TimeRange range, @Nullable Order after, int limit) {
        return delegate.findPlaced(range, after, limit);
    }

    @Override
    public Optional<Order> find(OrderId id) {
        return delegate.find(id);
    }

    @Override
    public List<Order> findAll(Collection<OrderId> ids) {
        return delegate.findAll(ids);
    }

    @Override
    public List<Order> scan(@Nullable OrderId after, int limit) {
        return delegate.scan(after, limit);
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public boolean delete(OrderId id) {
        return delegate.delete(id);
    }

    @Override
    public Subscription subscribe(ChangeListener<Order> listener) {
        return delegate.subscribe(listener);
    }
}
