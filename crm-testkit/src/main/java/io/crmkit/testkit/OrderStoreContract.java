package io.crmkit.testkit;

import static io.crmkit.testkit.StoreAssertions.assertSameOrder;
import static io.crmkit.testkit.TestData.at;
import static io.crmkit.testkit.TestData.fullOrder;
import static io.crmkit.testkit.TestData.memberId;
import static io.crmkit.testkit.TestData.order;
import static io.crmkit.testkit.TestData.orderId;
import static io.crmkit.testkit.TestData.twd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeEvent.Kind;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.KeyedStore;
import io.crmkit.core.spi.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link OrderStore}: everything an order carries survives a round trip; a write
 * replaces the whole order, moving it between members and in time; a member's orders come oldest
 * first within half-open time ranges; {@link OrderStore#findPlaced} pages by placement time then
 * id, through ties; and everything {@link KeyedStoreContract} checks.
 *
 * <pre>{@code
 * class PostgresOrderStoreTest extends OrderStoreContract {
 *     @Override
 *     protected OrderStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().orders();
 *     }
 * }
 * }</pre>
 */
public abstract class OrderStoreContract extends KeyedStoreContract<OrderId, Order, OrderStore> {
    private static final Comparator<Order> BY_TIME_THEN_ID =
            Comparator.comparing(Order::placedAt).thenComparing(Order::id);

    /** For subclasses: an adapter's test class. */
    protected OrderStoreContract() {}

    @Override
    protected final OrderId id(int n) {
        return orderId(n);
    }

    @Override
    protected final Order sample(int n) {
        return order(orderId(n), memberId(n % 7), at(n % 13));
    }

    @Override
    protected final List<Order> write(List<Order> values) {
        store().upsertAll(values);
        return values;
    }

    private List<OrderId> idsOfOrders(List<Order> orders) {
        return orders.stream().map(Order::id).collect(Collectors.toList());
    }

    /** Reads a range through findPlaced with the given page size, checking every page. */
    private List<Order> placedPages(TimeRange range, int limit) {
        return Paging.readAll(
                "findPlaced", (last, l) -> store().findPlaced(range, last, l), limit, BY_TIME_THEN_ID, 1_000_000);
    }

    private List<OrderId> streamedPlaced(TimeRange range, int max) {
        return idsOfOrders(Paging.take(store().streamPlaced(range), max));
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void everythingAnOrderCarriesSurvivesEveryReadPath() {
        Order full = fullOrder(orderId(1), memberId(1), at(60).plusNanos(123_456_000));
        Recorder<Order> heard = new Recorder<>();
        store().subscribe(heard);
        store().upsertAll(List.of(full));
        assertSameOrder(store().find(full.id()).orElseThrow(), full, "find()");
        assertSameOrder(store().findAll(List.of(full.id())).get(0), full, "findAll()");
        assertSameOrder(store().scan(null, 10).get(0), full, "scan()");
        assertSameOrder(store().stream().findFirst().orElseThrow(), full, "stream()");
        assertSameOrder(store().findByMember(memberId(1)).get(0), full, "findByMember()");
        assertSameOrder(store().findPlaced(TimeRange.all(), null, 10).get(0), full, "findPlaced()");
        try (Stream<Order> s = store().streamPlaced(TimeRange.all())) {
            assertSameOrder(s.findFirst().orElseThrow(), full, "streamPlaced()");
        }
        assertSameOrder(heard.onlyCall().get(0).value(), full, "the listener's event");
        Order found = store().find(full.id()).orElseThrow();
        assertThat(found.total()).isEqualTo(full.total());
        assertThat(found.refunded(Instant.MAX)).isEqualTo(full.refunded(Instant.MAX));
    }

    @Test
    void aMinimalOrderKeepsItsAbsentFieldsAbsent() {
        Order minimal = order(orderId(1), memberId(1), at(0));
        store().upsertAll(List.of(minimal));
        Order found = store().find(orderId(1)).orElseThrow();
        assertSameOrder(found, minimal, "find()");
        assertThat(found.store()).isEmpty();
        assertThat(found.pickupStore()).isEmpty();
        assertThat(found.deliveredAt()).isEmpty();
        assertThat(found.couponCodes()).isEmpty();
        assertThat(found.refunds()).isEmpty();
        assertThat(found.lines().get(0).sku()).isEmpty();
        assertThat(found.lines().get(0).unitCost()).isEmpty();
    }

    @Test
    void ordersKeepTheirCurrency() {
        Currency usd = Currency.getInstance("USD");
        Currency jpy = Currency.getInstance("JPY");
        Order dollars = Order.builder(orderId(1), memberId(1), at(0))
                .line(OrderLine.of(ProductId.of("P1"), "Book", Category.of("Books"), 1, Money.parse("19.99", usd))
                        .withUnitCost(Money.parse("7.05", usd)))
                .shippingFee(Money.parse("4.50", usd))
                .build();
        Order yen = Order.builder(orderId(2), memberId(1), at(1))
                .line(OrderLine.of(ProductId.of("P2"), "Tea", Category.of("Food"), 3, Money.of(1200, jpy))
                        .withDiscount(Money.of(300, jpy)))
                .refund(new Refund(at(2), Money.of(500, jpy), "late"))
                .build();
        store().upsertAll(List.of(dollars, yen));
        assertSameOrder(store().find(orderId(1)).orElseThrow(), dollars, "find() of a USD order");
        assertSameOrder(store().find(orderId(2)).orElseThrow(), yen, "find() of a JPY order");
        assertThat(store().find(orderId(2)).orElseThrow().total()).isEqualTo(Money.of(3300, jpy));
    }

    // ---------------------------------------------------------------- upsert

    @Test
    void writingAnOrderAgainReplacesItWhole() {
        Order first = fullOrder(orderId(1), memberId(1), at(10));
        store().upsertAll(List.of(first));
        Order second = Order.builder(orderId(1), memberId(1), at(10))
                .status(OrderStatus.CANCELLED)
                .line(OrderLine.of(ProductId.of("P9"), "Other", Category.of("Other"), 1, twd(10)))
                .build();
        Recorder<Order> heard = new Recorder<>();
        store().subscribe(heard);
        store().upsertAll(List.of(second));
        assertSameOrder(store().find(orderId(1)).orElseThrow(), second, "find() after the replacement");
        assertThat(store().count()).isEqualTo(1);
        assertThat(store().findByMember(memberId(1))).containsExactly(second);
        assertThat(heard.onlyCall())
                .containsExactly(new ChangeEvent<>(Kind.UPDATED, Optional.of(first), Optional.of(second)));
    }

    @Test
    void writingAnEqualOrderAgainIsNotAChange() {
        Order first = fullOrder(orderId(1), memberId(1), at(10));
        Order other = order(orderId(2), memberId(1), at(11));
        store().upsertAll(List.of(first, other));
        Recorder<Order> heard = new Recorder<>();
        store().subscribe(heard);
        store().upsertAll(List.of(first.toBuilder().build()));
        assertThat(heard.calls())
                .as("re-importing the same order fires nothing")
                .isEmpty();
        Order changed = other.toBuilder().status(OrderStatus.CANCELLED).build();
        store().upsertAll(List.of(first, changed));
        assertThat(heard.onlyCall())
                .as("only the order that changed")
                .containsExactly(new ChangeEvent<>(Kind.UPDATED, Optional.of(other), Optional.of(changed)));
        assertThat(store().findByMember(memberId(1))).containsExactly(first, changed);
    }

    @Test
    void aBatchMayInsertAndReplaceTogether() {
        Order one = order(orderId(1), memberId(1), at(1));
        store().upsertAll(List.of(one));
        Order oneRefunded =
                one.toBuilder().refund(new Refund(at(5), twd(40), "partial")).build();
        Order two = order(orderId(2), memberId(1), at(2));
        Recorder<Order> heard = new Recorder<>();
        store().subscribe(heard);
        store().upsertAll(List.of(oneRefunded, two));
        assertThat(heard.onlyCall()).containsExactly(ChangeEvent.of(one, oneRefunded), ChangeEvent.of(null, two));
        assertThat(store().findByMember(memberId(1))).containsExactly(oneRefunded, two);
    }

    @Test
    void reassigningAnOrderMovesItBetweenTheMembersLists() {
        Order o = order(orderId(1), memberId(1), at(1));
        store().upsertAll(List.of(o, order(orderId(2), memberId(1), at(2))));
        Order moved = o.toBuilder().memberId(memberId(2)).build();
        store().upsertAll(List.of(moved));
        assertThat(idsOfOrders(store().findByMember(memberId(1)))).containsExactly(orderId(2));
        assertThat(store().findByMember(memberId(2))).containsExactly(moved);
        assertThat(idsOfOrders(store().findPlaced(TimeRange.all(), null, 10))).containsExactly(orderId(1), orderId(2));
    }

    @Test
    void changingWhenAnOrderWasPlacedMovesItInTime() {
        Order o = order(orderId(1), memberId(1), at(10));
        store().upsertAll(List.of(o, order(orderId(2), memberId(1), at(20))));
        Order later = Order.builder(orderId(1), memberId(1), at(30))
                .line(o.lines().get(0))
                .build();
        store().upsertAll(List.of(later));
        assertThat(idsOfOrders(store().findByMember(memberId(1)))).containsExactly(orderId(2), orderId(1));
        assertThat(store().findByMember(memberId(1), TimeRange.of(at(0), at(15))))
                .isEmpty();
        assertThat(idsOfOrders(store().findPlaced(TimeRange.all(), null, 10))).containsExactly(orderId(2), orderId(1));
        assertThat(store().findPlaced(TimeRange.of(at(0), at(15)), null, 10)).isEmpty();
    }

    @Test
    void anIdRepeatedInOneBatchIsADuplicateKeyAndWritesNothing() {
        store().upsertAll(List.of(order(orderId(1), memberId(1), at(1))));
        Recorder<Order> heard = new Recorder<>();
        store().subscribe(heard);
        assertThatThrownBy(() -> store().upsertAll(List.of(
                        order(orderId(2), memberId(1), at(2)),
                        order(orderId(3), memberId(1), at(3)),
                        order(orderId(2), memberId(2), at(4)))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().count()).isEqualTo(1);
        assertThat(idsOfOrders(store().findByMember(memberId(1)))).containsExactly(orderId(1));
        assertThat(store().findByMember(memberId(2))).isEmpty();
        assertThat(heard.calls()).isEmpty();
    }

    @Test
    void theStoreDoesNotCheckThatTheMemberExists() {
        Order o = order(orderId(1), memberId(999), at(1));
        store().upsertAll(List.of(o));
        assertThat(store().findByMember(memberId(999))).containsExactly(o);
    }

    @Test
    void aDeletedOrderLeavesTheMembersListAndTheTimeIndex() {
        store().upsertAll(List.of(order(orderId(1), memberId(1), at(1)), order(orderId(2), memberId(1), at(2))));
        store().delete(orderId(1));
        assertThat(idsOfOrders(store().findByMember(memberId(1)))).containsExactly(orderId(2));
        assertThat(idsOfOrders(store().findPlaced(TimeRange.all(), null, 10))).containsExactly(orderId(2));
        assertThat(streamedPlaced(TimeRange.all(), 10)).containsExactly(orderId(2));
    }

    // ---------------------------------------------------------------- by member

    @Test
    void aMembersOrdersComeOldestFirstWithTiesById() {
        store().upsertAll(List.of(
                order(orderId(5), memberId(1), at(3)),
                order(orderId(9), memberId(1), at(1)),
                order(orderId(4), memberId(1), at(2)),
                order(orderId(2), memberId(1), at(1)),
                order(orderId(3), memberId(2), at(1)),
                order(orderId(1), memberId(1), at(2))));
        assertThat(idsOfOrders(store().findByMember(memberId(1))))
                .containsExactly(orderId(2), orderId(9), orderId(1), orderId(4), orderId(5));
        assertThat(idsOfOrders(store().findByMember(memberId(1), TimeRange.all())))
                .containsExactly(orderId(2), orderId(9), orderId(1), orderId(4), orderId(5));
        assertThat(idsOfOrders(store().findByMember(memberId(2)))).containsExactly(orderId(3));
        assertThat(store().findByMember(memberId(3))).isEmpty();
    }

    @Test
    void aMembersOrdersInARangeIncludeItsStartAndExcludeItsEnd() {
        store().upsertAll(List.of(
                order(orderId(1), memberId(1), at(1)),
                order(orderId(2), memberId(1), at(2)),
                order(orderId(3), memberId(1), at(3)),
                order(orderId(4), memberId(1), at(3).minusNanos(1_000))));
        assertThat(idsOfOrders(store().findByMember(memberId(1), TimeRange.of(at(2), at(3)))))
                .containsExactly(orderId(2), orderId(4));
        assertThat(idsOfOrders(store().findByMember(memberId(1), TimeRange.since(at(3)))))
                .containsExactly(orderId(3));
        assertThat(idsOfOrders(store().findByMember(memberId(1), TimeRange.until(at(2)))))
                .containsExactly(orderId(1));
        assertThat(store().findByMember(memberId(1), TimeRange.of(at(2), at(2))))
                .as("an empty range")
                .isEmpty();
    }

    // ---------------------------------------------------------------- findPlaced and streamPlaced

    @Test
    void findPlacedPagesByTimeThenIdThroughTies() {
        List<Order> orders = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            orders.add(order(orderId(n), memberId(n % 4), at((n * 7) % 5))); // five instants, five orders each
        }
        Collections.shuffle(orders, new Random(3));
        store().upsertAll(orders);
        List<Order> expected = orders.stream().sorted(BY_TIME_THEN_ID).collect(Collectors.toList());
        for (int limit : new int[] {1, 3, 5, 7, 25, 100}) {
            assertThat(placedPages(TimeRange.all(), limit))
                    .as("pages of %d", limit)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void findPlacedIncludesTheRangeStartAndExcludesItsEnd() {
        store().upsertAll(List.of(
                order(orderId(1), memberId(1), at(1)),
                order(orderId(2), memberId(2), at(2)),
                order(orderId(3), memberId(3), at(2)),
                order(orderId(4), memberId(1), at(3)),
                order(orderId(5), memberId(1), at(4))));
        assertThat(idsOfOrders(placedPages(TimeRange.of(at(2), at(4)), 2)))
                .containsExactly(orderId(2), orderId(3), orderId(4));
        assertThat(store().findPlaced(TimeRange.of(at(2), at(2)), null, 10)).isEmpty();
        assertThat(idsOfOrders(store().findPlaced(TimeRange.since(at(4)), null, 10)))
                .containsExactly(orderId(5));
    }

    @Test
    void findPlacedAfterAnOrderBeforeTheRangeStartsAtTheRange() {
        store().upsertAll(List.of(
                order(orderId(1), memberId(1), at(1)),
                order(orderId(2), memberId(1), at(5)),
                order(orderId(3), memberId(1), at(6))));
        Order before = store().find(orderId(1)).orElseThrow();
        assertThat(idsOfOrders(store().findPlaced(TimeRange.of(at(5), at(10)), before, 10)))
                .containsExactly(orderId(2), orderId(3));
        Order after = store().find(orderId(3)).orElseThrow();
        assertThat(store().findPlaced(TimeRange.of(at(0), at(5)), after, 10))
                .as("after an order past the range")
                .isEmpty();
    }

    @Test
    void findPlacedContinuesAfterAnOrderThatWasDeletedSince() {
        List<Order> orders = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            orders.add(order(orderId(n), memberId(1), at(n / 2)));
        }
        store().upsertAll(orders);
        List<Order> first = store().findPlaced(TimeRange.all(), null, 3);
        assertThat(idsOfOrders(first)).containsExactly(orderId(0), orderId(1), orderId(2));
        store().delete(orderId(2));
        store().delete(orderId(3));
        List<Order> second = store().findPlaced(TimeRange.all(), first.get(2), 3);
        assertThat(idsOfOrders(second)).containsExactly(orderId(4), orderId(5), orderId(6));
    }

    @Test
    void findPlacedLimitMustBeFrom1To100000() {
        store().upsertAll(List.of(order(orderId(1), memberId(1), at(1))));
        for (int bad : new int[] {0, -1, 100_001}) {
            assertThatThrownBy(() -> store().findPlaced(TimeRange.all(), null, bad))
                    .as("findPlaced limit %d", bad)
                    .isInstanceOf(io.crmkit.core.InvalidValueException.class);
        }
        assertThat(store().findPlaced(TimeRange.all(), null, 100_000)).hasSize(1);
    }

    @Test
    void streamPlacedReadsEveryOrderInTimeThenIdOrderAcrossPagesAndTies() {
        int n = 2 * KeyedStore.STREAM_PAGE_SIZE + 345;
        List<Order> orders = IntStream.range(0, n)
                .mapToObj(i -> order(orderId(i), memberId(i % 50), at((i * 31L) % 7)))
                .collect(Collectors.toList());
        store().upsertAll(orders);
        List<OrderId> expected =
                orders.stream().sorted(BY_TIME_THEN_ID).map(Order::id).collect(Collectors.toList());
        assertThat(streamedPlaced(TimeRange.all(), n)).containsExactlyElementsOf(expected);
        List<OrderId> inRange = orders.stream()
                .filter(o -> TimeRange.of(at(2), at(5)).contains(o.placedAt()))
                .sorted(BY_TIME_THEN_ID)
                .map(Order::id)
                .collect(Collectors.toList());
        assertThat(inRange).hasSizeGreaterThan(KeyedStore.STREAM_PAGE_SIZE);
        assertThat(streamedPlaced(TimeRange.of(at(2), at(5)), n)).containsExactlyElementsOf(inRange);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void nullArgumentsOfOrderMethodsAreInvalidValues() {
        Order o = order(orderId(1), memberId(1), at(1));
        store().upsertAll(List.of(o));
        @Nullable MemberId noMember = null;
        @Nullable TimeRange noRange = null;
        assertInvalid("upsertAll(null)", () -> store().upsertAll(null));
        assertInvalid(
                "upsertAll([order, null])",
                () -> store().upsertAll(Arrays.asList(order(orderId(2), memberId(1), at(2)), null)));
        assertInvalid("findByMember(null)", () -> store().findByMember(noMember));
        assertInvalid("findByMember(null, range)", () -> store().findByMember(noMember, TimeRange.all()));
        assertInvalid("findByMember(id, null)", () -> store().findByMember(memberId(1), noRange));
        assertInvalid("findPlaced(null, null, 10)", () -> store().findPlaced(noRange, null, 10));
        assertInvalid("streamPlaced(null)", () -> {
            try (Stream<Order> s = store().streamPlaced(noRange)) {
                s.count();
            }
        });
        assertThat(store().findAll(List.of(orderId(1), orderId(2)))).containsExactly(o);
    }
}
