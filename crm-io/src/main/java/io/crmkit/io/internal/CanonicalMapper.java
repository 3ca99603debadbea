package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.CrmException;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import io.crmkit.io.ImportKind;
import io.crmkit.io.InputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the crmkit canonical CSV format (docs/canonical-csv.md), all four files, and its JSON Lines
 * form (the same names as keys). Values are not trimmed; the derived {@code line_amount} and
 * {@code order_total} are recomputed and a mismatch is rejected, as are orders whose rows disagree
 * on order-level columns, whose {@code line_no} is not 1, 2, ... or whose row count is not {@code
 * line_count}.
 */
public final class CanonicalMapper implements EntityMapper {
    static final List<String> MEMBER = List.of(
            "member_id",
            "joined_at",
            "name",
            "gender",
            "birthday",
            "region",
            "city",
            "source_channel",
            "email",
            "phone",
            "line_id",
            "facebook_id",
            "preferred_channel",
            "consent_email",
            "consent_sms",
            "consent_line",
            "consent_facebook",
            "consent_app_push",
            "consent_phone_call",
            "tags",
            "external_ids",
            "notes",
            "attributes");
    static final List<String> ORDER = List.of(
            "order_id",
            "member_id",
            "placed_at",
            "status",
            "channel",
            "store_id",
            "pickup_store_id",
            "payment_method",
            "shipping_method",
            "delivered_at",
            "coupon_codes",
            "currency",
            "shipping_fee",
            "order_discount",
            "order_total",
            "refunds",
            "line_count",
            "line_no",
            "product_id",
            "sku",
            "product_name",
            "category",
            "quantity",
            "unit_price",
            "unit_cost",
            "line_discount",
            "line_amount");
    static final List<String> PRODUCT =
            List.of("product_id", "name", "category", "currency", "list_price", "unit_cost");
    static final List<String> INTERACTION = List.of(
            "interaction_id",
            "member_id",
            "at",
            "type",
            "channel",
            "campaign_id",
            "message_id",
            "score",
            "duration_seconds",
            "url",
            "product_id",
            "properties");
    /** The order-level columns, which must be equal on every row of an order. */
    static final int ORDER_LEVEL = 17;

    private static final JsonFactory JSON = new JsonFactory();
    private static final ContactChannel[] CONSENTS = {
        ContactChannel.EMAIL,
        ContactChannel.SMS,
        ContactChannel.LINE,
        ContactChannel.FACEBOOK,
        ContactChannel.APP_PUSH,
        ContactChannel.PHONE_CALL
    };

    private final ImportKind kind;
    private final Header header;
    private final int[] col;
    private final List<String> names;
    private final Map<String, Currency> currencies = new HashMap<>();
    private final Map<String, Category> categories = new HashMap<>();

    CanonicalMapper(ImportKind kind, Header header, String file) {
        this.kind = kind;
        this.header = header;
        this.names = switch (kind) {
            case MEMBERS -> MEMBER;
            case ORDERS -> ORDER;
            case PRODUCTS -> PRODUCT;
            case INTERACTIONS -> INTERACTION;
        };
        this.col = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            col[i] = header.indexOf(names.get(i));
            if (col[i] < 0) {
                missing.add(names.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(
                    file,
                    1,
                    null,
                    "the canonical " + kind.name().toLowerCase(Locale.ROOT) + " file lacks the columns " + missing);
        }
    }

    @Override
    public ImportKind kind() {
        return kind;
    }

    @Override
    public @Nullable String groupKey(Row row) {
        return kind == ImportKind.ORDERS ? Header.cell(row, col[0]) : null;
    }

    // ------------------------------------------------------------------ cells

    private String cell(Row r, int i) {
        return Header.cell(r, col[i]);
    }

    private CellException bad(Row r, int i, String reason) {
        return new CellException(reason, names.get(i), cell(r, i), r.line);
    }

    private @Nullable String opt(Row r, int i) {
        String v = cell(r, i);
        return v.isEmpty() ? null : v;
    }

    private String req(Row r, int i) {
        String v = cell(r, i);
        if (v.isEmpty()) {
            throw bad(r, i, "is empty; " + names.get(i) + " is required");
        }
        return v;
    }

    private Instant instant(Row r, int i) {
        try {
            return Values.isoInstant(req(r, i));
        } catch (DateTimeException e) {
            throw bad(r, i, Values.quote(cell(r, i)) + " is not an ISO-8601 instant in UTC");
        }
    }

    private static Instant instant(String s, String what) {
        try {
            return Values.isoInstant(s);
        } catch (DateTimeException e) {
            throw new CellException(what + " " + Values.quote(s) + " is not an ISO-8601 instant in UTC");
        }
    }

    private Currency currency(Row r, int i) {
        String c = req(r, i);
        Currency cur = currencies.get(c);
        if (cur == null) {
            try {
                cur = Currency.getInstance(c);
            } catch (IllegalArgumentException e) {
                throw bad(r, i, Values.quote(c) + " is not an ISO 4217 currency code");
            }
            currencies.put(c, cur);
        }
        return cur;
    }

    private Money money(Row r, int i, Currency cur) {
        return money(req(r, i), cur, r, i);
    }

    private Money money(String s, Currency cur, Row r, int i) {
        long fast = Values.plainMinor(s, cur);
        if (fast != Long.MIN_VALUE && s.indexOf('.') == s.length() - 1 - cur.getDefaultFractionDigits()) {
            return Money.ofMinor(fast, cur);
        }
        try {
            return Money.parse(s, cur);
        } catch (CrmException e) {
            throw bad(r, i, Values.quote(s) + " is not an amount in " + cur.getCurrencyCode());
        }
    }

    private Category category(Row r, int i) {
        String c = req(r, i);
        Category cat = categories.get(c);
        if (cat == null) {
            try {
                cat = Category.of(c);
            } catch (CrmException e) {
                throw bad(r, i, String.valueOf(e.getMessage()));
            }
            if (categories.size() > 100_000) {
                categories.clear();
            }
            categories.put(c, cat);
        }
        return cat;
    }

    private static int integer(String s) {
        long v = Values.integer(s);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE || s.indexOf('.') >= 0) {
            throw new CellException(Values.quote(s) + " is not a whole number");
        }
        return (int) v;
    }

    /** Splits a list cell on unescaped separators; parts keep their escapes. */
    static List<String> split(String cell, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                cur.append(c).append(cell.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                c = field.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** @return the items of a list cell, each split into unescaped fields, each of the given arity */
    static List<List<String>> items(String cell, int arity, String what) {
        List<List<String>> out = new ArrayList<>();
        if (cell.isEmpty()) {
            return out;
        }
        for (String item : split(cell, ';')) {
            List<String> fields = new ArrayList<>();
            for (String f : split(item, '|')) {
                fields.add(unescape(f));
            }
            if (arity > 0 && fields.size() != arity) {
                throw new CellException("a " + what + " item has " + fields.size() + " fields separated by |, not "
                        + arity + ": " + Values.quote(item));
            }
            out.add(fields);
        }
        return out;
    }

    static Attributes attributes(String json) {
        Attributes a = Attributes.empty();
        if (json.isEmpty()) {
            return a;
        }
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CellException("is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new CellException("attribute " + Values.quote(name) + " is not {\"type\":…,\"value\":…}");
                }
                String type = null;
                String text = null;
                JsonToken valueToken = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    JsonToken t = p.nextToken();
                    if (k.equals("type") && t == JsonToken.VALUE_STRING) {
                        type = p.getText();
                    } else if (k.equals("value") && t.isScalarValue()) {
                        valueToken = t;
                        text = p.getText();
                    } else {
                        throw new CellException(
                                "attribute " + Values.quote(name) + " has an unexpected " + Values.quote(k));
                    }
                }
                if (type == null || text == null) {
                    throw new CellException("attribute " + Values.quote(name) + " lacks its type or value");
                }
                AttributeKey.Type ty;
                try {
                    ty = AttributeKey.Type.valueOf(type);
                } catch (IllegalArgumentException e) {
                    throw new CellException(
                            "attribute " + Values.quote(name) + " has the unknown type " + Values.quote(type));
                }
                Object value;
                try {
                    value = switch (ty) {
                        case STRING -> text;
                        case INTEGER -> Integer.parseInt(text);
                        case LONG -> Long.parseLong(text);
                        case DECIMAL -> new BigDecimal(text);
                        case BOOLEAN -> {
                            if (valueToken != JsonToken.VALUE_TRUE && valueToken != JsonToken.VALUE_FALSE) {
                                throw new CellException("attribute " + Values.quote(name) + " is not true or false");
                            }
                            yield Boolean.parseBoolean(text);
                        }
                        case DATE -> LocalDate.parse(text);
                        case INSTANT -> Instant.parse(text);
                    };
                } catch (NumberFormatException | DateTimeException e) {
                    throw new CellException("attribute " + Values.quote(name) + ": " + Values.quote(text) + " is not a "
                            + ty.name().toLowerCase(Locale.ROOT));
                }
                a = a.withUnchecked(AttributeKey.of(name, ty), value);
            }
            return a;
        } catch (IOException e) {
            throw new CellException("is not valid JSON");
        }
    }

    // ------------------------------------------------------------------ entities

    @Override
    public Mapped map(List<Row> group) {
        Mapped m = new Mapped();
        m.rows = group.size();
        Row r = group.get(0);
        try {
            switch (kind) {
                case MEMBERS -> {
                    MemberDraft d = new MemberDraft();
                    d.whole = member(r);
                    m.member = d;
                }
                case ORDERS -> m.order = order(group);
                case PRODUCTS -> m.product = product(r);
                case INTERACTIONS -> m.interaction = interaction(r);
            }
        } catch (CellException e) {
            throw e.line() == 0 ? e.at(null, null, r.line) : e;
        } catch (CrmException e) {
            throw new CellException(String.valueOf(e.getMessage()), null, null, r.line);
        }
        return m;
    }

    private <T> T in(Row r, int i, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (CellException e) {
            throw e.at(names.get(i), cell(r, i), r.line);
        } catch (CrmException | IllegalArgumentException | DateTimeException e) {
            throw bad(r, i, String.valueOf(e.getMessage()));
        }
    }

    private Member member(Row r) {
        Member.Builder b = Member.builder(in(r, 0, () -> MemberId.of(req(r, 0))), instant(r, 1));
        b.name(opt(r, 2));
        b.gender(in(r, 3, () -> Gender.valueOf(req(r, 3))));
        b.birthday(in(r, 4, () -> opt(r, 4) == null ? null : LocalDate.parse(cell(r, 4))));
        b.region(opt(r, 5));
        b.city(opt(r, 6));
        b.sourceChannel(in(r, 7, () -> opt(r, 7) == null ? null : SalesChannel.of(cell(r, 7))));
        b.email(in(r, 8, () -> opt(r, 8) == null ? null : Email.parse(cell(r, 8))));
        b.phone(in(r, 9, () -> opt(r, 9) == null ? null : new PhoneNumber(cell(r, 9))));
        b.lineId(opt(r, 10));
        b.facebookId(opt(r, 11));
        b.preferredChannel(in(r, 12, () -> opt(r, 12) == null ? null : ContactChannel.valueOf(cell(r, 12))));
        for (int k = 0; k < CONSENTS.length; k++) {
            int i = 13 + k;
            ContactChannel ch = CONSENTS[k];
            in(r, i, () -> {
                for (List<String> f : items(cell(r, i), 3, "consent")) {
                    if (!f.get(0).equals("in") && !f.get(0).equals("out")) {
                        throw new CellException("a consent starts with in or out, not " + Values.quote(f.get(0)));
                    }
                    b.consent(new Consent(ch, f.get(0).equals("in"), instant(f.get(1), "consent time"), f.get(2)));
                }
                return null;
            });
        }
        in(r, 19, () -> {
            for (List<String> f : items(cell(r, 19), 4, "tag")) {
                b.tag(new Tag(f.get(0), Tag.Source.valueOf(f.get(1)), f.get(2), instant(f.get(3), "tag time")));
            }
            return null;
        });
        in(r, 20, () -> {
            if (!cell(r, 20).isEmpty()) {
                for (String item : split(cell(r, 20), ';')) {
                    int colon = item.indexOf(':');
                    if (colon <= 0) {
                        throw new CellException("an external id is SYSTEM:value, not " + Values.quote(item));
                    }
                    b.externalId(new ExternalId(item.substring(0, colon), unescape(item.substring(colon + 1))));
                }
            }
            return null;
        });
        in(r, 21, () -> {
            for (List<String> f : items(cell(r, 21), 3, "note")) {
                b.note(new Note(f.get(2), f.get(1), instant(f.get(0), "note time")));
            }
            return null;
        });
        b.attributes(in(r, 22, () -> attributes(cell(r, 22))));
        return b.build();
    }

    private Product product(Row r) {
        String c = opt(r, 3);
        Currency cur = c == null ? null : currency(r, 3);
        Optional<Money> list = opt(r, 4) == null ? Optional.empty() : Optional.of(money(r, 4, need(cur, r, 3)));
        Optional<Money> cost = opt(r, 5) == null ? Optional.empty() : Optional.of(money(r, 5, need(cur, r, 3)));
        return new Product(
                in(r, 0, () -> ProductId.of(req(r, 0))), in(r, 1, () -> req(r, 1)), category(r, 2), list, cost);
    }

    private Currency need(@Nullable Currency c, Row r, int i) {
        if (c == null) {
            throw bad(r, i, "is empty, but the row has an amount");
        }
        return c;
    }

    private Interaction interaction(Row r) {
        Attributes props = in(r, 11, () -> attributes(cell(r, 11)));
        if (opt(r, 7) != null) {
            Attributes p = props;
            props = in(r, 7, () -> p.with(Interaction.SCORE, integer(cell(r, 7))));
        }
        if (opt(r, 8) != null) {
            Attributes p = props;
            props = in(r, 8, () -> p.with(Interaction.DURATION_SECONDS, Values.integer(cell(r, 8))));
        }
        if (opt(r, 9) != null) {
            props = props.with(Interaction.URL, cell(r, 9));
        }
        if (opt(r, 10) != null) {
            props = props.with(Interaction.PRODUCT_ID, cell(r, 10));
        }
        return new Interaction(
                in(r, 0, () -> InteractionId.of(req(r, 0))),
                in(r, 1, () -> MemberId.of(req(r, 1))),
                instant(r, 2),
                in(r, 3, () -> InteractionType.valueOf(req(r, 3))),
                in(r, 4, () -> Optional.ofNullable(opt(r, 4)).map(ContactChannel::valueOf)),
                in(r, 5, () -> Optional.ofNullable(opt(r, 5)).map(CampaignId::of)),
                Optional.ofNullable(opt(r, 6)),
                props);
    }

    private Order order(List<Row> rows) {
        Row first = rows.get(0);
        for (int k = 1; k < rows.size(); k++) {
            Row r = rows.get(k);
            for (int i = 1; i < ORDER_LEVEL; i++) {
                if (!cell(r, i).equals(cell(first, i))) {
                    throw bad(
                            r,
                            i,
                            "differs from the order's first row (line " + first.line + "): "
                                    + Values.quote(cell(first, i)));
                }
            }
        }
        int count = in(first, 16, () -> integer(req(first, 16)));
        if (count != rows.size()) {
            throw bad(first, 16, "says " + count + " lines, but the order has " + rows.size() + " consecutive rows");
        }
        Currency cur = currency(first, 11);
        Order.Builder b = Order.builder(
                        in(first, 0, () -> OrderId.of(req(first, 0))),
                        in(first, 1, () -> MemberId.of(req(first, 1))),
                        instant(first, 2))
                .status(in(first, 3, () -> OrderStatus.valueOf(req(first, 3))))
                .channel(in(first, 4, () -> SalesChannel.of(req(first, 4))))
                .store(in(first, 5, () -> opt(first, 5) == null ? null : StoreId.of(cell(first, 5))))
                .pickupStore(in(first, 6, () -> opt(first, 6) == null ? null : StoreId.of(cell(first, 6))))
                .paymentMethod(in(first, 7, () -> opt(first, 7) == null ? null : PaymentMethod.of(cell(first, 7))))
                .shippingMethod(in(first, 8, () -> opt(first, 8) == null ? null : ShippingMethod.of(cell(first, 8))))
                .deliveredAt(opt(first, 9) == null ? null : instant(first, 9))
                .shippingFee(money(first, 12, cur))
                .orderDiscount(money(first, 13, cur));
        in(first, 10, () -> {
            for (List<String> f : items(cell(first, 10), 1, "coupon")) {
                b.coupon(f.get(0));
            }
            return null;
        });
        in(first, 15, () -> {
            for (List<String> f : items(cell(first, 15), 3, "refund")) {
                b.refund(new Refund(instant(f.get(0), "refund time"), money(f.get(1), cur, first, 15), f.get(2)));
            }
            return null;
        });
        for (int k = 0; k < rows.size(); k++) {
            Row r = rows.get(k);
            int no = in(r, 17, () -> integer(req(r, 17)));
            if (no != k + 1) {
                throw bad(r, 17, "is " + no + " but this is row " + (k + 1) + " of the order");
            }
            int qty = in(r, 22, () -> integer(req(r, 22)));
            Money unit = money(r, 23, cur);
            Category category = category(r, 21);
            String name = req(r, 20);
            OrderLine l = in(r, 18, () -> OrderLine.of(ProductId.of(req(r, 18)), name, category, qty, unit));
            if (opt(r, 19) != null) {
                l = l.withSku(cell(r, 19));
            }
            if (opt(r, 24) != null) {
                l = l.withUnitCost(money(r, 24, cur));
            }
            Money discount = money(r, 25, cur);
            if (!discount.isZero()) {
                OrderLine base = l;
                l = in(r, 25, () -> base.withDiscount(discount));
            }
            if (!l.netAmount().equals(money(r, 26, cur))) {
                throw bad(
                        r,
                        26,
                        "is not unit_price × quantity − line_discount = "
                                + l.netAmount().toBigDecimal());
            }
            b.line(l);
        }
        Order o = b.build();
        if (!o.total().equals(money(first, 14, cur))) {
            throw bad(
                    first,
                    14,
                    "is not the sum of line_amount − order_discount + shipping_fee = "
                            + o.total().toBigDecimal());
        }
        return o;
    }
}
