package io.crmkit.io.internal;

import io.crmkit.core.Category;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
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
import io.crmkit.io.ImportKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * WooCommerce orders as WebToffee's "Order Export & Import" writes them: one row per order, the
 * lines packed into {@code line_item_1}, {@code line_item_2}, ... as {@code
 * name:Formal shoe|product_id:13|sku:A12|quantity:1|total:8.00|tax:1.44}. Amounts are what the
 * customer paid: a line is its {@code total} (after coupons) plus its {@code tax}, shipping is
 * {@code shipping_total} plus {@code shipping_tax_total}; fees are not part of the crmkit model.
 * Coupons come from {@code coupon_items}, refunds from {@code refund_items}. A guest order
 * ({@code customer_id} 0) finds its member by e-mail.
 */
final class WooMapper implements EntityMapper {
    private static final List<String> DATES = List.of("dd-MM-yyyy HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "iso");
    private static final Map<String, OrderStatus> STATUS = Map.of(
            "completed", OrderStatus.COMPLETED,
            "processing", OrderStatus.PAID,
            "on-hold", OrderStatus.PLACED,
            "pending", OrderStatus.PLACED,
            "cancelled", OrderStatus.CANCELLED,
            "failed", OrderStatus.CANCELLED,
            "refunded", OrderStatus.COMPLETED);

    private final Header header;
    private final Defaults defaults;
    private final Dates dates;
    private final int orderId;
    private final int[] lineColumns;

    WooMapper(Header header, Defaults defaults, String file) {
        this.header = header;
        this.defaults = defaults;
        this.dates = new Dates(DATES, defaults.zone());
        this.orderId = CdnowMapper.need(header, "order_id", file);
        CdnowMapper.need(header, "order_date", file);
        List<Integer> lines = new ArrayList<>();
        for (int i = 1; header.has("line_item_" + i); i++) {
            lines.add(header.indexOf("line_item_" + i));
        }
        this.lineColumns = lines.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public ImportKind kind() {
        return ImportKind.ORDERS;
    }

    @Override
    public @Nullable String groupKey(Row row) {
        return Values.clean(Header.cell(row, orderId));
    }

    private String cell(Row r, String column) {
        return Values.clean(Header.cell(r, header.indexOf(column)));
    }

    private CellException at(Row r, String column, CellException e) {
        return e.at(column, Header.cell(r, header.indexOf(column)), r.line);
    }

    private Money money(Row r, String column, Currency cur) {
        String v = cell(r, column);
        if (v.isEmpty()) {
            return Money.zero(cur);
        }
        try {
            return Values.money(v, cur, '.');
        } catch (CellException e) {
            throw at(r, column, e);
        }
    }

    /** Splits {@code key:value|key:value}; a value may contain ':'. */
    static Map<String, String> packed(String cell) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : cell.split("\\|")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                out.put(
                        part.substring(0, colon).strip(),
                        part.substring(colon + 1).strip());
            }
        }
        return out;
    }

    @Override
    public Mapped map(List<Row> group) {
        Row r = group.get(0);
        if (group.size() > 1) {
            throw new CellException(
                    "order " + cell(r, "order_id") + " has " + group.size()
                            + " rows; this export has one row per order",
                    null,
                    null,
                    group.get(1).line);
        }
        String id;
        try {
            id = Values.id(cell(r, "order_id"));
        } catch (CellException e) {
            throw at(r, "order_id", e);
        }
        Instant placed;
        try {
            placed = dates.instant(cell(r, "order_date"));
        } catch (CellException e) {
            throw at(r, "order_date", e);
        }
        Currency cur = defaults.currency();
        if (!cell(r, "order_currency").isEmpty()) {
            try {
                cur = Values.currency(cell(r, "order_currency"));
            } catch (CellException e) {
                throw at(r, "order_currency", e);
            }
        }
        MemberDraft d = new MemberDraft();
        String customer = cell(r, "customer_id");
        if (!customer.isEmpty() && !customer.equals("0")) {
            try {
                d.externalIds.add(ExternalId.of("WOOCOMMERCE", Values.id(customer)));
            } catch (CellException e) {
                throw at(r, "customer_id", e);
            }
        }
        String emailColumn = cell(r, "customer_email").isEmpty() ? "billing_email" : "customer_email";
        if (!cell(r, emailColumn).isEmpty()) {
            try {
                Email e = Values.email(cell(r, emailColumn));
                d.email = e;
            } catch (CellException e) {
                throw at(r, emailColumn, e);
            }
        }
        if (!cell(r, "billing_phone").isEmpty()) {
            try {
                d.phone = Values.phone(cell(r, "billing_phone"), cell(r, "billing_country"), defaults.callingCode());
            } catch (CellException e) {
                throw at(r, "billing_phone", e);
            }
        }
        d.name = GenericMapper.joinName(
                emptyToNull(cell(r, "billing_first_name")), emptyToNull(cell(r, "billing_last_name")));
        d.city = emptyToNull(cell(r, "billing_city"));
        d.joinedAt = placed;
        if (d.anonymous()) {
            throw new CellException(
                    "the order names no customer (customer_id, customer_email, billing_email and billing_phone are"
                            + " empty); a crmkit order belongs to a member",
                    null,
                    null,
                    r.line);
        }
        Order.Builder b =
                Order.builder(OrderId.of(id), GenericMapper.PENDING, placed).channel(SalesChannel.WEB);
        String status = cell(r, "status").toLowerCase(Locale.ROOT);
        if (!status.isEmpty()) {
            OrderStatus s = STATUS.get(status.startsWith("wc-") ? status.substring(3) : status);
            if (s == null) {
                throw at(
                        r,
                        "status",
                        new CellException(Values.quote(status) + " is not a WooCommerce order status ("
                                + String.join(", ", STATUS.keySet()) + ")"));
            }
            b.status(s);
        }
        String pay = cell(r, "payment_method");
        if (!pay.isEmpty()) {
            b.paymentMethod(
                    pay.equalsIgnoreCase("cod") ? PaymentMethod.CASH_ON_DELIVERY : PaymentMethod.of(Values.code(pay)));
        }
        String ship = cell(r, "shipping_method");
        if (!ship.isEmpty()) {
            b.shippingMethod(ShippingMethod.of(Values.code(ship)));
        }
        b.shippingFee(money(r, "shipping_total", cur).plus(money(r, "shipping_tax_total", cur)));
        String coupons = cell(r, "coupon_items");
        if (!coupons.isEmpty()) {
            for (String item : coupons.split(";")) {
                String code = packed(item).get("code");
                if (code != null && !code.isEmpty()) {
                    b.coupon(code);
                }
            }
        }
        for (int c : lineColumns) {
            String cellText = Values.clean(Header.cell(r, c));
            if (cellText.isEmpty()) {
                continue;
            }
            try {
                b.line(line(packed(cellText), cur));
            } catch (CellException e) {
                throw e.at(header.name(c), cellText, r.line);
            }
        }
        String refunds = cell(r, "refund_items");
        if (!refunds.isEmpty()) {
            for (String item : refunds.split(";")) {
                Map<String, String> f = packed(item);
                try {
                    String amount = f.getOrDefault("amount", "");
                    Money m = Values.money(amount, cur, '.');
                    Instant at = f.containsKey("date") ? dates.instant(f.get("date")) : placed;
                    b.refund(new Refund(at, m, f.getOrDefault("reason", "")));
                } catch (CellException e) {
                    throw at(r, "refund_items", e);
                } catch (InvalidValueException e) {
                    throw at(r, "refund_items", new CellException(Values.reason(e)));
                }
            }
        }
        Mapped m = new Mapped();
        m.rows = 1;
        try {
            m.order = b.build();
        } catch (InvalidValueException e) {
            throw new CellException(String.valueOf(e.getMessage()), null, null, r.line);
        }
        m.member = d;
        return m;
    }

    private static OrderLine line(Map<String, String> f, Currency cur) {
        String name = f.getOrDefault("name", "");
        String productId = f.getOrDefault("product_id", "");
        String sku = f.get("sku");
        String pid = !productId.isEmpty() ? productId : sku != null && !sku.isEmpty() ? sku : name;
        if (pid.isEmpty()) {
            throw new CellException("the line names no product (name, product_id and sku are empty)");
        }
        long q = Values.integer(f.getOrDefault("quantity", "1"));
        if (q < 1 || q > Integer.MAX_VALUE) {
            throw new CellException("quantity " + q + " is not positive");
        }
        Money total = f.containsKey("total") ? Values.money(f.get("total"), cur, '.') : Money.zero(cur);
        Money tax = f.containsKey("tax") && !f.get("tax").isEmpty()
                ? Values.money(f.get("tax"), cur, '.')
                : Money.zero(cur);
        Money paid = total.plus(tax);
        if (paid.isNegative()) {
            throw new CellException("the line total " + paid + " is negative");
        }
        long up = Math.floorDiv(paid.minorUnits() + q - 1, q);
        try {
            OrderLine l = OrderLine.of(
                    ProductId.of(Values.id(pid)),
                    name.isEmpty() ? pid : name,
                    Category.of(GenericMapper.DEFAULT_CATEGORY),
                    (int) q,
                    Money.ofMinor(up, cur));
            if (up * q > paid.minorUnits()) {
                l = l.withDiscount(Money.ofMinor(up * q - paid.minorUnits(), cur));
            }
            if (sku != null && !sku.isEmpty()) {
                l = l.withSku(sku);
            }
            return l;
        } catch (InvalidValueException e) {
            throw new CellException(Values.reason(e));
        }
    }

    private static @Nullable String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
