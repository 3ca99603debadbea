package io.crmkit.io.internal;

import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.io.Field;
import io.crmkit.io.ImportKind;
import io.crmkit.io.InputException;
import io.crmkit.io.Mapping;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Maps rows with a {@link Mapping}. */
public final class GenericMapper implements EntityMapper {
    /** The member id an order carries until the writer resolves its member. */
    public static final MemberId PENDING = MemberId.of("?");

    static final String DEFAULT_CATEGORY = "Uncategorized";

    private final Mapping mapping;
    private final Header header;
    private final Defaults defaults;
    private final Map<Field, Bound> bound = new EnumMap<>(Field.class);
    private final int groupIndex;
    private final int continuationIndex;
    private final String consentSource;

    /** A rule bound to the header. */
    final class Bound {
        final Field field;
        final int[] columns;
        final @Nullable String constant;
        final @Nullable Dates dates;
        final Map<String, String> values;
        final char decimal;
        final int country;

        Bound(Field field, Mapping.Rule r) {
            this.field = field;
            this.columns = new int[r.columns().size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = header.indexOf(r.columns().get(i));
            }
            this.constant = r.constant();
            ZoneId z = defaults.zoneForced()
                    ? defaults.zone()
                    : r.zone() != null ? r.zone() : mapping.zone().orElse(defaults.zone());
            this.dates = field.type() == Field.Type.DATE || field.type() == Field.Type.INSTANT
                    ? new Dates(r.formats(), z)
                    : null;
            this.values = r.values();
            this.decimal = r.decimalSeparator();
            this.country = r.countryColumn() == null ? -1 : header.indexOf(r.countryColumn());
        }

        boolean present() {
            if (constant != null) {
                return true;
            }
            for (int c : columns) {
                if (c >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** @return the index of the column the value comes from, -1 for a constant or none */
        int source(Row row) {
            for (int c : columns) {
                if (c >= 0 && !Values.clean(Header.cell(row, c)).isEmpty()) {
                    return c;
                }
            }
            return -1;
        }

        /** @return the cell after the value map, "" if empty */
        String raw(Row row) {
            if (constant != null) {
                return constant;
            }
            int c = source(row);
            if (c < 0) {
                return "";
            }
            String v = Header.cell(row, c);
            if (!values.isEmpty()) {
                String m = values.get(Values.clean(v).toLowerCase(Locale.ROOT));
                if (m != null) {
                    return m;
                }
            }
            return v;
        }

        CellException fail(Row row, CellException e) {
            int c = source(row);
            return e.at(
                    c < 0 ? header.name(columns.length > 0 ? columns[0] : -1) : header.name(c),
                    c < 0 ? constant : Header.cell(row, c),
                    row.line);
        }
    }

    public GenericMapper(Mapping mapping, Header header, Defaults defaults, String file) {
        this.mapping = mapping;
        this.header = header;
        this.defaults = defaults;
        for (Map.Entry<Field, Mapping.Rule> e : mapping.fields().entrySet()) {
            Bound b = new Bound(e.getKey(), e.getValue());
            if (b.present()) {
                bound.put(e.getKey(), b);
            }
        }
        List<Field> needed = new ArrayList<>();
        if (mapping.kind() == ImportKind.ORDERS) {
            needed.addAll(List.of(Field.ORDER_ID, Field.ORDER_PLACED_AT, Field.LINE_QUANTITY));
        } else if (mapping.kind() == ImportKind.PRODUCTS) {
            needed.addAll(List.of(Field.PRODUCT_ID, Field.PRODUCT_NAME));
        } else if (mapping.kind() == ImportKind.INTERACTIONS) {
            needed.addAll(List.of(Field.INTERACTION_ID, Field.INTERACTION_AT, Field.INTERACTION_TYPE));
        }
        for (Field f : needed) {
            if (!bound.containsKey(f)) {
                throw new InputException(
                        file,
                        1,
                        null,
                        "no column " + mapping.fields().get(f).columns() + " for " + f.key()
                                + " in the header; the header has " + header.names());
            }
        }
        if (mapping.kind() == ImportKind.ORDERS
                && !bound.containsKey(Field.LINE_UNIT_PRICE)
                && !bound.containsKey(Field.LINE_AMOUNT)) {
            throw new InputException(file, 1, null, "no column for line.unitPrice or line.amount in the header");
        }
        if (mapping.kind() != ImportKind.PRODUCTS
                && !bound.containsKey(Field.MEMBER_ID)
                && !bound.containsKey(Field.MEMBER_EXTERNAL_ID)
                && !bound.containsKey(Field.MEMBER_EMAIL)
                && !bound.containsKey(Field.MEMBER_PHONE)) {
            throw new InputException(
                    file,
                    1,
                    null,
                    "no column identifies the member (member.id, member.externalId,"
                            + " member.email or member.phone) in the header");
        }
        String g = mapping.groupBy().orElse(null);
        if (g != null) {
            groupIndex = header.indexOf(g);
            if (groupIndex < 0) {
                throw new InputException(file, 1, g, "the group column is not in the header");
            }
        } else if (mapping.kind() == ImportKind.ORDERS) {
            groupIndex = -2; // the order id
        } else {
            groupIndex = -1;
        }
        String cont = mapping.continuationWhenEmpty().orElse(null);
        continuationIndex = cont == null ? -1 : header.indexOf(cont);
        consentSource = "import:" + mapping.source().toLowerCase(Locale.ROOT);
    }

    @Override
    public ImportKind kind() {
        return mapping.kind();
    }

    @Override
    public @Nullable String groupKey(Row row) {
        if (mapping.kind() == ImportKind.MEMBERS) {
            if (continuationIndex >= 0
                    && Values.clean(Header.cell(row, continuationIndex)).isEmpty()) {
                return CONTINUES;
            }
            return null;
        }
        if (groupIndex >= 0) {
            return Values.clean(Header.cell(row, groupIndex));
        }
        Bound b = bound.get(Field.ORDER_ID);
        return b == null ? null : Values.clean(b.raw(row));
    }

    // ------------------------------------------------------------------ typed reads

    private @Nullable String text(Field f, Row row) {
        Bound b = bound.get(f);
        if (b == null) {
            return null;
        }
        String raw = b.raw(row);
        if (raw.isEmpty()) {
            return null;
        }
        try {
            String t = f.type() == Field.Type.ID ? Values.id(raw) : Values.text(raw);
            return t.isEmpty() ? null : t;
        } catch (CellException e) {
            throw b.fail(row, e);
        }
    }

    private String requiredText(Field f, Row row) {
        String t = text(f, row);
        if (t == null) {
            Bound b = bound.get(f);
            throw new CellException(
                    "is empty; " + f.key() + " is required",
                    b == null || b.columns.length == 0 ? f.key() : header.name(b.columns[0]),
                    "",
                    row.line);
        }
        return t;
    }

    private @Nullable Instant instant(Field f, Row row) {
        Bound b = bound.get(f);
        if (b == null) {
            return null;
        }
        String raw = b.raw(row);
        if (Values.clean(raw).isEmpty()) {
            return null;
        }
        try {
            return b.dates.instant(raw);
        } catch (CellException e) {
            throw b.fail(row, e);
        }
    }

    private @Nullable Money money(Field f, Row row, Currency currency) {
        Bound b = bound.get(f);
        if (b == null) {
            return null;
        }
        String raw = b.raw(row);
        if (Values.clean(raw).isEmpty()) {
            return null;
        }
        try {
            return Values.money(raw, currency, b.decimal);
        } catch (CellException e) {
            throw b.fail(row, e);
        }
    }

    private <T> @Nullable T parsed(Field f, Row row, java.util.function.Function<String, T> parse) {
        Bound b = bound.get(f);
        if (b == null) {
            return null;
        }
        String raw = b.raw(row);
        if (Values.clean(raw).isEmpty()) {
            return null;
        }
        try {
            return parse.apply(raw);
        } catch (CellException e) {
            throw b.fail(row, e);
        } catch (InvalidValueException e) {
            throw b.fail(row, new CellException(Values.quote(raw) + ": " + Values.reason(e)));
        }
    }

    // ------------------------------------------------------------------ mapping

    @Override
    public Mapped map(List<Row> group) {
        Row first = group.get(0);
        Mapped out = new Mapped();
        out.rows = group.size();
        if (mapping.kind() == ImportKind.PRODUCTS) {
            out.product = product(first);
            return out;
        }
        if (mapping.kind() == ImportKind.INTERACTIONS) {
            Instant at = instant(Field.INTERACTION_AT, first);
            if (at == null) {
                throw bound.get(Field.INTERACTION_AT)
                        .fail(first, new CellException("is empty; interaction.at is required"));
            }
            MemberDraft d = member(first, at);
            if (d.anonymous()) {
                throw new CellException(
                        "the row names no member (" + identityColumns() + " are empty)", null, null, first.line);
            }
            out.interaction = interaction(first, at, d);
            out.member = d;
            return out;
        }
        if (mapping.kind() == ImportKind.MEMBERS) {
            MemberDraft d = member(first, null);
            for (int i = 1; i < group.size(); i++) {
                continuation(d, group.get(i));
            }
            if (d.anonymous()) {
                throw new CellException(
                        "the row identifies no member: member id, external id, e-mail and phone are" + " all empty",
                        null,
                        null,
                        first.line);
            }
            out.member = d;
            return out;
        }
        Instant placedAt = instant(Field.ORDER_PLACED_AT, first);
        if (placedAt == null) {
            throw new CellException(
                    "is empty; order.placedAt is required",
                    header.name(bound.get(Field.ORDER_PLACED_AT).columns[0]),
                    "",
                    first.line);
        }
        MemberDraft d = member(first, placedAt);
        if (d.anonymous()) {
            throw new CellException(
                    "the order names no customer (" + identityColumns()
                            + " are empty); a crmkit order belongs to a member",
                    null,
                    null,
                    first.line);
        }
        String orderId = requiredText(Field.ORDER_ID, first);
        Currency currency = parsedOr(
                Field.ORDER_CURRENCY,
                first,
                Values::currency,
                mapping.currency().orElse(defaults.currency()));
        Order.Builder ob = Order.builder(io.crmkit.core.OrderId.of(orderId), d.id != null ? d.id : PENDING, placedAt);
        String status = text(Field.ORDER_STATUS, first);
        if (status != null) {
            String code = Values.code(status);
            try {
                ob.status(OrderStatus.valueOf(code));
            } catch (IllegalArgumentException e) {
                throw bound.get(Field.ORDER_STATUS)
                        .fail(
                                first,
                                new CellException(Values.quote(status)
                                        + " is not an order status (PLACED, PAID, FULFILLED, COMPLETED, CANCELLED); map it with"
                                        + " \"values\""));
            }
        } else {
            ob.status(OrderStatus.COMPLETED);
        }
        if (instant(Field.ORDER_CANCELLED_AT, first) != null) {
            ob.status(OrderStatus.CANCELLED);
        }
        SalesChannel channel = parsed(Field.ORDER_CHANNEL, first, s -> SalesChannel.of(Values.code(s)));
        ob.channel(channel != null ? channel : SalesChannel.WEB);
        Money fee = money(Field.ORDER_SHIPPING_FEE, first, currency);
        if (fee != null) {
            ob.shippingFee(fee);
        }
        Money discount = money(Field.ORDER_DISCOUNT, first, currency);
        if (discount != null) {
            ob.orderDiscount(discount);
        }
        ob.paymentMethod(parsed(Field.ORDER_PAYMENT_METHOD, first, s -> PaymentMethod.of(Values.code(s))));
        ob.shippingMethod(parsed(Field.ORDER_SHIPPING_METHOD, first, s -> ShippingMethod.of(Values.code(s))));
        String store = text(Field.ORDER_STORE, first);
        if (store != null) {
            ob.store(StoreId.of(store));
        }
        String pickup = text(Field.ORDER_PICKUP_STORE, first);
        if (pickup != null) {
            ob.pickupStore(StoreId.of(pickup));
        }
        String coupons = text(Field.ORDER_COUPONS, first);
        if (coupons != null) {
            for (String c : coupons.split(",")) {
                if (!c.isBlank()) {
                    ob.coupon(c.strip());
                }
            }
        }
        for (Row r : group) {
            ob.line(line(r, currency));
        }
        try {
            out.order = ob.build();
        } catch (InvalidValueException e) {
            throw new CellException(String.valueOf(e.getMessage()), null, null, first.line);
        }
        out.member = d;
        return out;
    }

    private io.crmkit.core.Product product(Row r) {
        String id = requiredText(Field.PRODUCT_ID, r);
        String name = requiredText(Field.PRODUCT_NAME, r);
        String category = text(Field.PRODUCT_CATEGORY, r);
        Currency currency = parsedOr(
                Field.PRODUCT_CURRENCY, r, Values::currency, mapping.currency().orElse(defaults.currency()));
        Money list = money(Field.PRODUCT_LIST_PRICE, r, currency);
        Money cost = money(Field.PRODUCT_UNIT_COST, r, currency);
        try {
            return new io.crmkit.core.Product(
                    io.crmkit.core.ProductId.of(id),
                    name,
                    Category.of(category != null ? category : DEFAULT_CATEGORY),
                    java.util.Optional.ofNullable(list),
                    java.util.Optional.ofNullable(cost));
        } catch (InvalidValueException e) {
            throw new CellException(String.valueOf(e.getMessage()), null, null, r.line);
        }
    }

    private io.crmkit.core.Interaction interaction(Row r, Instant at, MemberDraft d) {
        String id = requiredText(Field.INTERACTION_ID, r);
        io.crmkit.core.InteractionType type = parsed(
                Field.INTERACTION_TYPE, r, s -> enumValue(io.crmkit.core.InteractionType.class, Values.code(s), s));
        io.crmkit.core.ContactChannel channel = parsed(
                Field.INTERACTION_CHANNEL, r, s -> enumValue(io.crmkit.core.ContactChannel.class, Values.code(s), s));
        String campaign = text(Field.INTERACTION_CAMPAIGN, r);
        String message = text(Field.INTERACTION_MESSAGE, r);
        try {
            io.crmkit.core.Interaction.Builder b = io.crmkit.core.Interaction.builder(
                    io.crmkit.core.InteractionId.of(id), d.id != null ? d.id : PENDING, at, type);
            if (channel != null) {
                b.channel(channel);
            }
            if (campaign != null) {
                b.campaign(io.crmkit.core.CampaignId.of(campaign));
            }
            if (message != null) {
                b.message(message);
            }
            return b.build();
        } catch (InvalidValueException e) {
            throw new CellException(String.valueOf(e.getMessage()), null, null, r.line);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String code, String raw) {
        try {
            return Enum.valueOf(type, code);
        } catch (IllegalArgumentException e) {
            StringBuilder b = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                b.append(b.length() == 0 ? "" : ", ").append(v.name());
            }
            throw new CellException(Values.quote(raw) + " is not one of " + b + "; map it with \"values\"");
        }
    }

    private String identityColumns() {
        List<String> names = new ArrayList<>();
        for (Field f : List.of(Field.MEMBER_ID, Field.MEMBER_EXTERNAL_ID, Field.MEMBER_EMAIL, Field.MEMBER_PHONE)) {
            Bound b = bound.get(f);
            if (b != null) {
                for (int c : b.columns) {
                    if (c >= 0) {
                        names.add(header.name(c));
                    }
                }
            }
        }
        return String.join(", ", names);
    }

    private <T> T parsedOr(Field f, Row row, java.util.function.Function<String, T> parse, T fallback) {
        T v = parsed(f, row, parse);
        return v == null ? fallback : v;
    }

    private OrderLine line(Row r, Currency currency) {
        String productId = text(Field.LINE_PRODUCT_ID, r);
        String sku = text(Field.LINE_SKU, r);
        String name = text(Field.LINE_NAME, r);
        String pid = productId != null ? productId : sku != null ? sku : name;
        if (pid == null) {
            throw new CellException(
                    "the line names no product (product id, SKU and name are empty)", null, null, r.line);
        }
        if (pid.length() > 200) {
            pid = pid.substring(0, 200).strip();
        }
        String category = text(Field.LINE_CATEGORY, r);
        Long qty = parsed(Field.LINE_QUANTITY, r, Values::integer);
        if (qty == null) {
            throw bound.get(Field.LINE_QUANTITY).fail(r, new CellException("is empty; line.quantity is required"));
        }
        if (qty < 1 || qty > Integer.MAX_VALUE) {
            throw bound.get(Field.LINE_QUANTITY).fail(r, new CellException(qty + " is not a positive quantity"));
        }
        int q = (int) (long) qty;
        Money unit = money(Field.LINE_UNIT_PRICE, r, currency);
        Money lineDiscount = money(Field.LINE_DISCOUNT, r, currency);
        Money amount = money(Field.LINE_AMOUNT, r, currency);
        if (unit == null) {
            if (amount == null) {
                throw new CellException("the line has neither a unit price nor an amount", null, null, r.line);
            }
            if (amount.isNegative()) {
                throw bound.get(Field.LINE_AMOUNT).fail(r, new CellException(amount + " is negative"));
            }
            long minor = amount.minorUnits();
            long up = Math.floorDiv(minor + q - 1, q);
            unit = Money.ofMinor(up, currency);
            lineDiscount = Money.ofMinor(up * q - minor, currency);
        }
        try {
            OrderLine l = OrderLine.of(
                    ProductId.of(pid),
                    name != null ? name : pid,
                    Category.of(category != null ? category : DEFAULT_CATEGORY),
                    q,
                    unit);
            if (sku != null) {
                l = l.withSku(sku);
            }
            if (lineDiscount != null && !lineDiscount.isZero()) {
                l = l.withDiscount(lineDiscount);
            }
            Money cost = money(Field.LINE_UNIT_COST, r, currency);
            if (cost != null) {
                l = l.withUnitCost(cost);
            }
            return l;
        } catch (InvalidValueException e) {
            throw new CellException("line: " + e.getMessage(), null, null, r.line);
        }
    }

    private MemberDraft member(Row row, @Nullable Instant at) {
        MemberDraft d = new MemberDraft();
        String id = text(Field.MEMBER_ID, row);
        if (id != null) {
            d.id = parsed(Field.MEMBER_ID, row, s -> MemberId.of(Values.id(s)));
        }
        String ext = text(Field.MEMBER_EXTERNAL_ID, row);
        if (ext != null) {
            d.externalIds.add(
                    parsed(Field.MEMBER_EXTERNAL_ID, row, s -> ExternalId.of(mapping.source(), Values.id(s))));
        }
        d.email = parsed(Field.MEMBER_EMAIL, row, Values::email);
        Bound phone = bound.get(Field.MEMBER_PHONE);
        if (phone != null) {
            String cc = mapping.callingCode().orElse(defaults.callingCode());
            String country = phone.country >= 0 ? Header.cell(row, phone.country) : null;
            d.phone = parsed(Field.MEMBER_PHONE, row, s -> Values.phone(s, country, cc));
        }
        String name = text(Field.MEMBER_NAME, row);
        if (name == null) {
            String firstName = text(Field.MEMBER_FIRST_NAME, row);
            String last = text(Field.MEMBER_LAST_NAME, row);
            name = joinName(firstName, last);
        }
        d.name = name;
        d.gender = parsed(Field.MEMBER_GENDER, row, Values::gender);
        Bound bd = bound.get(Field.MEMBER_BIRTHDAY);
        d.birthday = bd == null ? null : parsed(Field.MEMBER_BIRTHDAY, row, bd.dates::date);
        Instant joined = instant(Field.MEMBER_JOINED_AT, row);
        d.joinedAt = joined != null ? joined : at != null ? at : defaults.now();
        d.city = text(Field.MEMBER_CITY, row);
        d.region = text(Field.MEMBER_REGION, row);
        d.lineId = text(Field.MEMBER_LINE_ID, row);
        Instant consentAt = at != null ? at : d.joinedAt;
        Boolean emailOptIn = parsed(Field.MEMBER_EMAIL_OPT_IN, row, Values::bool);
        if (emailOptIn != null) {
            d.consents.add(new Consent(ContactChannel.EMAIL, emailOptIn, consentAt, consentSource));
        }
        Boolean smsOptIn = parsed(Field.MEMBER_SMS_OPT_IN, row, Values::bool);
        if (smsOptIn != null) {
            d.consents.add(new Consent(ContactChannel.SMS, smsOptIn, consentAt, consentSource));
        }
        String tags = text(Field.MEMBER_TAGS, row);
        if (tags != null) {
            for (String t : tags.split(",")) {
                String s = t.strip();
                if (!s.isEmpty() && !d.tags.contains(s)) {
                    d.tags.add(s);
                }
            }
        }
        return d;
    }

    /** A continuation row (Magento's address rows): fills what the member has not got yet. */
    private void continuation(MemberDraft d, Row row) {
        MemberDraft c = member(row, d.joinedAt);
        if (d.city == null) {
            d.city = c.city;
        }
        if (d.region == null) {
            d.region = c.region;
        }
        if (d.phone == null) {
            d.phone = c.phone;
        }
        if (d.name == null) {
            d.name = c.name;
        }
    }

    /** Joins given and family names; Chinese, Japanese and Korean names are family name first, no space. */
    static @Nullable String joinName(@Nullable String first, @Nullable String last) {
        if (first == null) {
            return last;
        }
        if (last == null) {
            return first;
        }
        if (isCjk(first) && isCjk(last)) {
            return last + first;
        }
        return first + " " + last;
    }

    private static boolean isCjk(String s) {
        for (int i = 0; i < s.length(); i++) {
            Character.UnicodeScript sc = Character.UnicodeScript.of(s.charAt(i));
            if (sc != Character.UnicodeScript.HAN
                    && sc != Character.UnicodeScript.HIRAGANA
                    && sc != Character.UnicodeScript.KATAKANA
                    && sc != Character.UnicodeScript.HANGUL) {
                return false;
            }
        }
        return true;
    }
}
