package io.crmkit.core.spi;

import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.TimeRange;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Stores orders. An order is replaced whole when written again with the same id (a status change,
 * a refund); the store does not check that the member exists.
 *
 * <pre>{@code
 * crm.orders().upsertAll(List.of(order));
 * List<Order> history = crm.orders().findByMember(MemberId.of("M1"));
 * try (Stream<Order> nov = crm.orders().streamPlaced(TimeRange.of(nov1, dec1))) { ... }
 * }</pre>
 */
public interface OrderStore extends KeyedStore<OrderId, Order> {
    /**
     * Inserts or replaces orders atomically.
     *
     * @param orders the orders; each id at most once
     * @throws DuplicateKeyException if an id is repeated in the batch
     */
    void upsertAll(Collection<Order> orders);

    /**
     * @param memberId a member
     * @return the member's orders, oldest first (ties by id)
     */
    default List<Order> findByMember(MemberId memberId) {
        return findByMember(memberId, TimeRange.all());
    }

    /**
     * @param memberId a member
     * @param range when the orders were placed
     * @return the member's orders placed in the range, oldest first (ties by id)
     */
    List<Order> findByMember(MemberId memberId, TimeRange range);

    /**
     * One page of the orders placed in a range, ordered by placement time then id.
     *
     * @param range when the orders were placed
     * @param after the last order of the previous page, or null for the first page
     * @param limit the most orders to return, 1 to 100,000
     * @return up to {@code limit} orders; empty when done
     */
    List<Order> findPlaced(TimeRange range, @Nullable Order after, int limit);

    /**
     * The orders placed in a range, ordered by placement time then id, read lazily page by page.
     *
     * @param range when the orders were placed
     * @return the orders
     */
    default Stream<Order> streamPlaced(TimeRange range) {
        return Paging.stream(after -> findPlaced(range, after, STREAM_PAGE_SIZE), STREAM_PAGE_SIZE);
    }

    @Override
    default OrderId idOf(Order value) {
        return value.id();
    }
}
