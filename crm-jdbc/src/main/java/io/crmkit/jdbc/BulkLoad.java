package io.crmkit.jdbc;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.Refund;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.Copy;
import io.crmkit.jdbc.internal.Pg;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A bulk load through PostgreSQL's {@code COPY ... FROM STDIN}: rows are streamed in batches of
 * {@value #BATCH} values, all in one transaction, so a failed load (a duplicate id, a value
 * PostgreSQL cannot hold) leaves the tables as they were. Loaded values must be new: a bulk load
 * inserts and does not replace. Members are loaded with version 1, whatever version they carry.
 *
 * <pre>{@code
 * try (BulkLoad load = stores.bulkLoad()) {
 *     load.members(members.iterator());
 *     long lines = load.orders(orders.iterator());
 *     load.commit();
 * }
 * }</pre>
 */
public final class BulkLoad implements AutoCloseable {
    /** How many values go into one COPY batch. */
    public static final int BATCH = 20_000;

    private final String schema;
    private final Connection connection;
    private final CopyManager copy;
    private boolean done;

    BulkLoad(DataSource dataSource, String schema) {
        this.schema = schema;
        try {
            this.connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            throw new StoreException("bulk load: no PostgreSQL connection: " + e.getMessage(), e);
        }
    }

    /**
     * @param orders new orders, with their lines and refunds
     * @return how many order lines were loaded
     * @throws StoreException if PostgreSQL refused a batch (the load is then rolled back)
     */
    public long orders(Iterator<Order> orders) {
        check();
        long lines = 0;
        Copy o = new Copy();
        Copy l = new Copy();
        Copy r = new Copy();
        int n = 0;
        while (orders.hasNext()) {
            Order order = orders.next();
            lines += order.lines().size();
            row(order, o, l, r);
            if (++n == BATCH) {
                flushOrders(o, l, r);
                n = 0;
            }
        }
        flushOrders(o, l, r);
        return lines;
    }

    private void flushOrders(Copy o, Copy l, Copy r) {
        copy(
                "orders",
                "order_id, member_id, placed_at, placed_nanos, status, channel, store_id, pickup_store_id,"
                        + " payment_method, shipping_method, delivered_at, delivered_nanos, currency, shipping_fee,"
                        + " order_discount, total, coupon_codes",
                o);
        copy(
                "order_line",
                "order_id, line_no, member_id, product_id, sku, name, category, quantity, unit_price,"
                        + " unit_cost, discount, net_amount",
                l);
        copy("order_refund", "order_id, refund_no, member_id, at, at_nanos, amount, reason", r);
    }

    private static void row(Order order, Copy o, Copy l, Copy r) {
        String id = order.id().value();
        String member = order.memberId().value();
        o.text(id).text(member).instant(Pg.storable(order.placedAt(), "order " + id + " placedAt"));
        o.text(order.status().name()).text(order.channel().code());
        o.text(order.store().map(StoreId::value).orElse(null));
        o.text(order.pickupStore().map(StoreId::value).orElse(null));
        o.text(order.paymentMethod().map(PaymentMethod::code).orElse(null));
        o.text(order.shippingMethod().map(ShippingMethod::code).orElse(null));
        Instant delivered = order.deliveredAt().orElse(null);
        if (delivered == null) {
            o.text(null).text(null);
        } else {
            o.instant(Pg.storable(delivered, "order " + id + " deliveredAt"));
        }
        o.text(order.currency().getCurrencyCode());
        o.number(order.shippingFee().minorUnits()).number(order.orderDiscount().minorUnits());
        o.number(order.total().minorUnits()).array(order.couponCodes()).end();
        int n = 0;
        for (OrderLine line : order.lines()) {
            l.text(id).number(n++).text(member).text(line.productId().value());
            l.text(line.sku().orElse(null))
                    .text(line.name())
                    .text(line.category().path());
            l.number(line.quantity()).number(line.unitPrice().minorUnits());
            Long cost = line.unitCost().map(Money::minorUnits).orElse(null);
            if (cost == null) {
                l.text(null);
            } else {
                l.number(cost);
            }
            l.number(line.discount().minorUnits())
                    .number(line.netAmount().minorUnits())
                    .end();
        }
        n = 0;
        for (Refund refund : order.refunds()) {
            r.text(id).number(n++).text(member).instant(Pg.storable(refund.at(), "order " + id + " refund at"));
            r.number(refund.amount().minorUnits()).text(refund.reason()).end();
        }
    }

    /**
     * @param members new members (stored with version 1)
     * @return how many were loaded
     * @throws StoreException if PostgreSQL refused a batch (a duplicate id or external id)
     */
    public long members(Iterator<Member> members) {
        check();
        Copy m = new Copy();
        Copy x = new Copy();
        Copy t = new Copy();
        Copy c = new Copy();
        Copy a = new Copy();
        long count = 0;
        int n = 0;
        while (members.hasNext()) {
            Member member = members.next().withVersion(1);
            count++;
            String id = member.id().value();
            m.text(id)
                    .number(1)
                    .text(member.name().orElse(null))
                    .text(member.gender().name());
            m.text(member.birthday().map(Object::toString).orElse(null));
            m.instant(Pg.storable(member.joinedAt(), "member " + id + " joinedAt"));
            m.text(member.region().orElse(null)).text(member.city().orElse(null));
            m.text(member.sourceChannel().map(s -> s.code()).orElse(null));
            m.text(member.email().map(e -> e.value()).orElse(null));
            m.text(member.phone().map(p -> p.e164()).orElse(null));
            m.text(member.lineId().orElse(null)).text(member.facebookId().orElse(null));
            m.text(member.preferredChannel().map(Enum::name).orElse(null));
            m.text(io.crmkit.jdbc.internal.MemberRows.doc(member)).end();
            for (ExternalId e : member.externalIds()) {
                x.text(e.system()).text(e.value()).text(id).end();
            }
            for (Tag tag : member.tags()) {
                t.text(id).text(tag.name()).end();
            }
            for (var consent : member.consents().values()) {
                c.text(id)
                        .text(consent.channel().name())
                        .text(consent.optedIn() ? "t" : "f")
                        .end();
            }
            for (Map.Entry<AttributeKey<?>, Object> e :
                    member.attributes().asMap().entrySet()) {
                Object v = e.getValue();
                a.text(id).text(e.getKey().name()).text(e.getKey().type().name());
                a.text(v instanceof String s ? s : null);
                var num = io.crmkit.jdbc.internal.MemberRows.number(v);
                a.text(num == null ? null : num.toPlainString());
                a.text(v instanceof java.time.LocalDate d ? d.toString() : null);
                a.text(v instanceof Boolean b ? (b ? "t" : "f") : null).end();
            }
            if (++n == BATCH) {
                flushMembers(m, x, t, c, a);
                n = 0;
            }
        }
        flushMembers(m, x, t, c, a);
        return count;
    }

    private void flushMembers(Copy m, Copy x, Copy t, Copy c, Copy a) {
        copy("member", io.crmkit.jdbc.internal.MemberRows.COLUMNS, m);
        copy("member_external_id", "system, value, member_id", x);
        copy("member_tag", "member_id, name", t);
        copy("member_consent", "member_id, channel, opted_in", c);
        copy("member_attribute", "member_id, name, type, v_text, v_num, v_date, v_bool", a);
    }

    private void copy(String table, String columns, Copy rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            copy.copyIn("COPY " + schema + "." + table + " (" + columns + ") FROM STDIN", rows.reader());
            rows.clear();
        } catch (SQLException | java.io.IOException e) {
            rollbackQuietly();
            throw new StoreException("bulk load into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes everything loaded visible.
     *
     * @throws StoreException if the commit failed
     */
    public void commit() {
        check();
        try {
            connection.commit();
            done = true;
        } catch (SQLException e) {
            throw new StoreException("bulk load: the commit failed: " + e.getMessage(), e);
        }
    }

    private void check() {
        if (done) {
            throw new IllegalStateException("this bulk load was committed or rolled back; open a new one");
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is closed below anyway
        }
        done = true;
    }

    /** Rolls back what was not committed and gives the connection back. */
    @Override
    public void close() {
        try {
            if (!done) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("bulk load: closing failed: " + e.getMessage(), e);
        }
    }
}
