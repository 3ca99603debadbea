package io.crmkit.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
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
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reference reader of the canonical CSV format, written from docs/canonical-csv.md, used to prove
 * that the writer loses nothing. (The production reader belongs to crm-io.)
 */
final class CanonicalCsvDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalCsvDecoder() {}

    static List<Map<String, String>> rows(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    static List<String> header(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(file.toFile())) {
            return it.next();
        }
    }

    /** Splits a list cell on unescaped separators; the parts keep their escapes. */
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

    /** @return the items of a list cell, each split into unescaped fields */
    static List<List<String>> items(String cell) {
        List<List<String>> out = new ArrayList<>();
        if (cell.isEmpty()) {
            return out;
        }
        for (String item : split(cell, ';')) {
            List<String> fields = new ArrayList<>();
            for (String f : split(item, '|')) {
                fields.add(unescape(f));
            }
            out.add(fields);
        }
        return out;
    }

    private static Optional<String> opt(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    static Attributes attributes(String json) throws IOException {
        Attributes a = Attributes.empty();
        if (json.isEmpty()) {
            return a;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = JSON.readTree(json).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            AttributeKey.Type type =
                    AttributeKey.Type.valueOf(e.getValue().get("type").asText());
            JsonNode v = e.getValue().get("value");
            Object value = switch (type) {
                case STRING -> v.asText();
                case INTEGER -> v.intValue();
                case LONG -> v.longValue();
                case DECIMAL -> new BigDecimal(v.asText());
                case BOOLEAN -> v.booleanValue();
                case DATE -> LocalDate.parse(v.asText());
                case INSTANT -> Instant.parse(v.asText());
            };
            a = a.withUnchecked(AttributeKey.of(e.getKey(), type), value);
        }
        return a;
    }

    static Member member(Map<String, String> r) throws IOException {
        Member.Builder b = Member.builder(MemberId.of(r.get("member_id")), Instant.parse(r.get("joined_at")));
        b.name(opt(r, "name").orElse(null));
        b.gender(Gender.valueOf(r.get("gender")));
        b.birthday(opt(r, "birthday").map(LocalDate::parse).orElse(null));
        b.region(opt(r, "region").orElse(null));
        b.city(opt(r, "city").orElse(null));
        b.sourceChannel(opt(r, "source_channel").map(SalesChannel::of).orElse(null));
        b.email(opt(r, "email").map(Email::parse).orElse(null));
        b.phone(opt(r, "phone").map(PhoneNumber::new).orElse(null));
        b.lineId(opt(r, "line_id").orElse(null));
        b.facebookId(opt(r, "facebook_id").orElse(null));
        b.preferredChannel(
                opt(r, "preferred_channel").map(ContactChannel::valueOf).orElse(null));
        for (ContactChannel ch : ContactChannel.values()) {
            for (List<String> f : items(r.get("consent_" + ch.name().toLowerCase(java.util.Locale.ROOT)))) {
                b.consent(new Consent(ch, f.get(0).equals("in"), Instant.parse(f.get(1)), f.get(2)));
            }
        }
        for (List<String> f : items(r.get("tags"))) {
            b.tag(new Tag(f.get(0), Tag.Source.valueOf(f.get(1)), f.get(2), Instant.parse(f.get(3))));
        }
        if (!r.get("external_ids").isEmpty()) {
            for (String item : split(r.get("external_ids"), ';')) {
                int colon = item.indexOf(':');
                b.externalId(new ExternalId(item.substring(0, colon), unescape(item.substring(colon + 1))));
            }
        }
        for (List<String> f : items(r.get("notes"))) {
            b.note(new Note(f.get(2), f.get(1), Instant.parse(f.get(0))));
        }
        b.attributes(attributes(r.get("attributes")));
        return b.build();
    }

    static Product product(Map<String, String> r) {
        Optional<String> currency = opt(r, "currency");
        return new Product(
                ProductId.of(r.get("product_id")),
                r.get("name"),
                Category.of(r.get("category")),
                opt(r, "list_price").map(p -> Money.parse(p, Currency.getInstance(currency.orElseThrow()))),
                opt(r, "unit_cost").map(p -> Money.parse(p, Currency.getInstance(currency.orElseThrow()))));
    }

    /** Groups the rows of orders.csv (consecutive rows of one order) into orders. */
    static List<Order> orders(List<Map<String, String>> rows) {
        List<Order> out = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            Map<String, String> first = rows.get(i);
            int count = Integer.parseInt(first.get("line_count"));
            Currency cur = Currency.getInstance(first.get("currency"));
            Order.Builder b = Order.builder(
                            OrderId.of(first.get("order_id")),
                            MemberId.of(first.get("member_id")),
                            Instant.parse(first.get("placed_at")))
                    .status(OrderStatus.valueOf(first.get("status")))
                    .channel(SalesChannel.of(first.get("channel")))
                    .store(opt(first, "store_id").map(StoreId::of).orElse(null))
                    .pickupStore(opt(first, "pickup_store_id").map(StoreId::of).orElse(null))
                    .paymentMethod(
                            opt(first, "payment_method").map(PaymentMethod::of).orElse(null))
                    .shippingMethod(opt(first, "shipping_method")
                            .map(ShippingMethod::of)
                            .orElse(null))
                    .deliveredAt(opt(first, "delivered_at").map(Instant::parse).orElse(null))
                    .shippingFee(Money.parse(first.get("shipping_fee"), cur))
                    .orderDiscount(Money.parse(first.get("order_discount"), cur));
            for (List<String> f : items(first.get("coupon_codes"))) {
                b.coupon(f.get(0));
            }
            for (List<String> f : items(first.get("refunds"))) {
                b.refund(new Refund(Instant.parse(f.get(0)), Money.parse(f.get(1), cur), f.get(2)));
            }
            for (int k = 0; k < count; k++) {
                Map<String, String> r = rows.get(i + k);
                if (!r.get("order_id").equals(first.get("order_id")) || Integer.parseInt(r.get("line_no")) != k + 1) {
                    throw new IllegalStateException("order rows not contiguous at " + r);
                }
                OrderLine l = OrderLine.of(
                                ProductId.of(r.get("product_id")),
                                r.get("product_name"),
                                Category.of(r.get("category")),
                                Integer.parseInt(r.get("quantity")),
                                Money.parse(r.get("unit_price"), cur))
                        .withSku(opt(r, "sku").orElse(null))
                        .withUnitCost(opt(r, "unit_cost")
                                .map(c -> Money.parse(c, cur))
                                .orElse(null))
                        .withDiscount(Money.parse(r.get("line_discount"), cur));
                if (!CanonicalCsvDecoderChecks.money(l.netAmount()).equals(r.get("line_amount"))) {
                    throw new IllegalStateException("line_amount does not match " + r);
                }
                b.line(l);
            }
            Order o = b.build();
            if (!CanonicalCsvDecoderChecks.money(o.total()).equals(first.get("order_total"))) {
                throw new IllegalStateException("order_total does not match " + first);
            }
            out.add(o);
            i += count;
        }
        return out;
    }

    static Interaction interaction(Map<String, String> r) throws IOException {
        Attributes props = attributes(r.get("properties"));
        Optional<String> score = opt(r, "score");
        if (score.isPresent()) {
            props = props.with(Interaction.SCORE, Integer.parseInt(score.get()));
        }
        Optional<String> duration = opt(r, "duration_seconds");
        if (duration.isPresent()) {
            props = props.with(Interaction.DURATION_SECONDS, Long.parseLong(duration.get()));
        }
        Optional<String> url = opt(r, "url");
        if (url.isPresent()) {
            props = props.with(Interaction.URL, url.get());
        }
        Optional<String> product = opt(r, "product_id");
        if (product.isPresent()) {
            props = props.with(Interaction.PRODUCT_ID, product.get());
        }
        return new Interaction(
                InteractionId.of(r.get("interaction_id")),
                MemberId.of(r.get("member_id")),
                Instant.parse(r.get("at")),
                InteractionType.valueOf(r.get("type")),
                opt(r, "channel").map(ContactChannel::valueOf),
                opt(r, "campaign_id").map(CampaignId::of),
                opt(r, "message_id"),
                props);
    }

    /** Small helpers shared with the tests. */
    static final class CanonicalCsvDecoderChecks {
        private CanonicalCsvDecoderChecks() {}

        static String money(Money m) {
            return m.toBigDecimal().toPlainString();
        }
    }
}
