package io.crmkit.jdbc.internal;

import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.OrderStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderStore} on PostgreSQL: an order is a row of {@code orders} with its rows of {@code
 * order_line} and {@code order_refund}; a write replaces all three in one transaction, skipping orders
 * equal to what is stored.
 */
public final class PgOrderStore extends PgStore<Order> implements OrderStore {
    static final String COLUMNS = "order_id, member_id, placed_at, placed_nanos, status, channel, store_id,"
            + " pickup_store_id, payment_method, shipping_method, delivered_at, delivered_nanos, currency,"
            + " shipping_fee, order_discount, total, coupon_codes";
    private static final String ORDER_BY = " ORDER BY placed_at, placed_nanos, order_id";
    private static final int ATTEMPTS = 5;

    /**
     * @param dataSource the host's data source
     * @param schema the schema of the tables
     */
    public PgOrderStore(DataSource dataSource, String schema) {
        super(dataSource, schema, "order");
    }

    /** An order row before its lines and refunds are attached. */
    private static final class Draft {
        final Order.Builder builder;
        final Currency currency;
        final List<OrderLine> lines = new ArrayList<>(2);

        Draft(Order.Builder builder, Currency currency) {
            this.builder = builder;
            this.currency = currency;
        }
    }

    private List<Order> query(Connection c, String where, List<Object> params) throws SQLException {
        Map<String, Draft> drafts = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + t("orders") + " " + where)) {
            Pg.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Currency cur = Currency.getInstance(rs.getString(13));
                    Order.Builder b = Order.builder(OrderId.of(id), MemberId.of(rs.getString(2)), Pg.getInstant(rs, 3))
                            .status(OrderStatus.valueOf(rs.getString(5)))
                            .channel(new SalesChannel(rs.getString(6)));
                    String s = rs.getString(7);
                    b.store(s == null ? null : StoreId.of(s));
                    s = rs.getString(8);
                    b.pickupStore(s == null ? null : StoreId.of(s));
                    s = rs.getString(9);
                    b.paymentMethod(s == null ? null : new PaymentMethod(s));
                    s = rs.getString(10);
                    b.shippingMethod(s == null ? null : new ShippingMethod(s));
                    b.deliveredAt(Pg.getInstantOrNull(rs, 11));
                    b.shippingFee(Money.ofMinor(rs.getLong(14), cur));
                    b.orderDiscount(Money.ofMinor(rs.getLong(15), cur));
                    Array coupons = rs.getArray(17);
                    for (String code : (String[]) coupons.getArray()) {
                        b.coupon(code);
                    }
                    drafts.put(id, new Draft(b, cur));
                }
            }
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        String[] ids = drafts.keySet().toArray(new String[0]);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_id, product_id, sku, name, category, quantity, unit_price, unit_cost, discount FROM "
                        + t("order_line") + " WHERE order_id = ANY(?) ORDER BY order_id, line_no")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Draft d = drafts.get(rs.getString(1));
                    OrderLine l = OrderLine.of(
                                    ProductId.of(rs.getString(2)),
                                    rs.getString(4),
                                    new Category(rs.getString(5)),
                                    rs.getInt(6),
                                    Money.ofMinor(rs.getLong(7), d.currency))
                            .withSku(rs.getString(3));
                    Long cost = Pg.getLongOrNull(rs, 8);
                    if (cost != null) {
                        l = l.withUnitCost(Money.ofMinor(cost, d.currency));
                    }
                    d.lines.add(l.withDiscount(Money.ofMinor(rs.getLong(9), d.currency)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT order_id, at, at_nanos, amount, reason FROM "
                + t("order_refund") + " WHERE order_id = ANY(?) ORDER BY order_id, refund_no")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Draft d = drafts.get(rs.getString(1));
                    d.builder.refund(new Refund(
                            Pg.getInstant(rs, 2), Money.ofMinor(rs.getLong(4), d.currency), rs.getString(5)));
                }
            }
        }
        List<Order> out = new ArrayList<>(drafts.size());
        for (Draft d : drafts.values()) {
            out.add(d.builder.lines(d.lines).build());
        }
        return out;
    }

    @Override
    public Optional<Order> find(OrderId id) {
        Pg.required(id, "id");
        return read(
                "orders.find",
                c -> query(c, "WHERE order_id = ?", List.of(id.value())).stream()
                        .findFirst());
    }

    @Override
    public List<Order> findAll(Collection<OrderId> ids) {
        List<OrderId> all = Pg.requiredAll(ids, "ids");
        if (all.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<OrderId> distinct = new LinkedHashSet<>(all);
        Map<OrderId, Order> found =
                byId(read("orders.findAll", c -> query(c, "WHERE order_id = ANY(?)", List.of((Object) ids(distinct)))));
        List<Order> out = new ArrayList<>();
        for (OrderId id : distinct) {
            Order o = found.get(id);
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    private static Map<OrderId, Order> byId(List<Order> orders) {
        Map<OrderId, Order> m = new HashMap<>();
        for (Order o : orders) {
            m.put(o.id(), o);
        }
        return m;
    }

    private static String[] ids(Collection<OrderId> ids) {
        return ids.stream().map(OrderId::value).toArray(String[]::new);
    }

    @Override
    public List<Order> scan(@Nullable OrderId after, int limit) {
        Pg.limit(limit);
        return read(
                "orders.scan",
                c -> after == null
                        ? query(c, "ORDER BY order_id LIMIT ?", List.of(limit))
                        : query(c, "WHERE order_id > ? ORDER BY order_id LIMIT ?", List.of(after.value(), limit)));
    }

    @Override
    public long count() {
        return countRows("orders");
    }

    @Override
    public boolean delete(OrderId id) {
        Pg.required(id, "id");
        return write("orders.delete", c -> {
            List<Order> before = query(c, "WHERE order_id = ? FOR UPDATE", List.of(id.value()));
            if (before.isEmpty()) {
                return new Written<>(false, List.of());
            }
            deleteRows(c, List.of(id.value()));
            return new Written<>(true, List.of(ChangeEvent.of(before.get(0), null)));
        });
    }

    @Override
    public void upsertAll(Collection<Order> orders) {
        List<Order> batch = Pg.requiredAll(orders, "orders");
        Set<OrderId> seen = new HashSet<>();
        for (Order o : batch) {
            if (!seen.add(o.id())) {
                throw new DuplicateKeyException("orders.upsertAll: order " + o.id() + " is in the batch twice");
            }
            Pg.storable(o.placedAt(), "order " + o.id() + " placedAt");
            o.deliveredAt().ifPresent(d -> Pg.storable(d, "order " + o.id() + " deliveredAt"));
            for (Refund r : o.refunds()) {
                Pg.storable(r.at(), "order " + o.id() + " refund at");
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                write("orders.upsertAll", c -> upsert(c, batch));
                return;
            } catch (DuplicateKeyException e) {
                // only a concurrent insert of one of these new orders: read again and replace it
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Written<Void, Order> upsert(Connection c, List<Order> batch) throws SQLException {
        Map<OrderId, Order> stored =
                byId(query(c, "WHERE order_id = ANY(?) ORDER BY order_id FOR UPDATE", List.of((Object)
                        ids(new TreeSet<>(batch.stream().map(Order::id).toList())))));
        List<Order> changed = new ArrayList<>();
        List<ChangeEvent<Order>> events = new ArrayList<>();
        for (Order o : batch) {
            Order before = stored.get(o.id());
            if (before == null || !before.equals(o)) {
                changed.add(o);
                events.add(ChangeEvent.of(before, o));
            }
        }
        if (changed.isEmpty()) {
            return new Written<>(null, List.of());
        }
        List<String> replaced = new ArrayList<>();
        for (Order o : changed) {
            if (stored.containsKey(o.id())) {
                replaced.add(o.id().value());
            }
        }
        if (!replaced.isEmpty()) {
            deleteRows(c, replaced);
        }
        insert(c, changed);
        return new Written<>(null, events);
    }

    /** Deletes orders with their lines and refunds. */
    private void deleteRows(Connection c, List<String> ids) throws SQLException {
        for (String table : List.of("order_line", "order_refund", "orders")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t(table) + " WHERE order_id = ANY(?)")) {
                ps.setArray(1, Pg.textArray(c, ids));
                ps.executeUpdate();
            }
        }
    }

    /** Inserts orders with their lines and refunds through batched statements. */
    void insert(Connection c, List<Order> orders) throws SQLException {
        try (PreparedStatement po = c.prepareStatement("INSERT INTO " + t("orders") + " (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement pl = c.prepareStatement("INSERT INTO " + t("order_line")
                        + " (order_id, line_no, member_id, product_id, sku, name, category, quantity, unit_price,"
                        + " unit_cost, discount, net_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement pr = c.prepareStatement(
                        "INSERT INTO " + t("order_refund")
                                + " (order_id, refund_no, member_id, at, at_nanos, amount, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int refunds = 0;
            for (Order o : orders) {
                String id = o.id().value();
                String member = o.memberId().value();
                po.setString(1, id);
                po.setString(2, member);
                Pg.setInstant(po, 3, o.placedAt());
                po.setString(5, o.status().name());
                po.setString(6, o.channel().code());
                Pg.setStringOrNull(po, 7, o.store().map(StoreId::value).orElse(null));
                Pg.setStringOrNull(po, 8, o.pickupStore().map(StoreId::value).orElse(null));
                Pg.setStringOrNull(
                        po, 9, o.paymentMethod().map(PaymentMethod::code).orElse(null));
                Pg.setStringOrNull(
                        po, 10, o.shippingMethod().map(ShippingMethod::code).orElse(null));
                Pg.setInstantOrNull(po, 11, o.deliveredAt().orElse(null));
                po.setString(13, o.currency().getCurrencyCode());
                po.setLong(14, o.shippingFee().minorUnits());
                po.setLong(15, o.orderDiscount().minorUnits());
                po.setLong(16, o.total().minorUnits());
                po.setArray(17, Pg.textArray(c, o.couponCodes()));
                po.addBatch();
                int n = 0;
                for (OrderLine l : o.lines()) {
                    pl.setString(1, id);
                    pl.setInt(2, n++);
                    pl.setString(3, member);
                    pl.setString(4, l.productId().value());
                    Pg.setStringOrNull(pl, 5, l.sku().orElse(null));
                    pl.setString(6, l.name());
                    pl.setString(7, l.category().path());
                    pl.setInt(8, l.quantity());
                    pl.setLong(9, l.unitPrice().minorUnits());
                    Pg.setLongOrNull(pl, 10, l.unitCost().map(Money::minorUnits).orElse(null));
                    pl.setLong(11, l.discount().minorUnits());
                    pl.setLong(12, l.netAmount().minorUnits());
                    pl.addBatch();
                }
                n = 0;
                for (Refund r : o.refunds()) {
                    pr.setString(1, id);
                    pr.setInt(2, n++);
                    pr.setString(3, member);
                    Pg.setInstant(pr, 4, r.at());
                    pr.setLong(6, r.amount().minorUnits());
                    pr.setString(7, r.reason());
                    pr.addBatch();
                    refunds++;
                }
            }
            po.executeBatch();
            pl.executeBatch();
            if (refunds > 0) {
                pr.executeBatch();
            }
        }
    }

    @Override
    public List<Order> findByMember(MemberId memberId, TimeRange range) {
        Pg.required(memberId, "memberId");
        Pg.required(range, "range");
        List<Object> params = new ArrayList<>();
        params.add(memberId.value());
        String in = Pg.inRange("placed_at", "placed_nanos", range, params);
        return read("orders.findByMember", c -> query(c, "WHERE member_id = ? AND " + in + ORDER_BY, params));
    }

    @Override
    public List<Order> findPlaced(TimeRange range, @Nullable Order after, int limit) {
        Pg.required(range, "range");
        Pg.limit(limit);
        List<Object> params = new ArrayList<>();
        StringBuilder where =
                new StringBuilder("WHERE ").append(Pg.inRange("placed_at", "placed_nanos", range, params));
        if (after != null) {
            where.append(" AND (placed_at, placed_nanos, order_id) > (?, ?, ?)");
            Instant at = after.placedAt();
            params.add(Pg.micros(at));
            params.add(Pg.nanos(at));
            params.add(after.id().value());
        }
        params.add(limit);
        return read("orders.findPlaced", c -> query(c, where + ORDER_BY + " LIMIT ?", params));
    }
}
