package io.crmkit.loyalty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Money;
import io.crmkit.loyalty.internal.JsonTree;
import io.crmkit.loyalty.internal.JsonTree.Node;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON forms of {@link PointsRules} ({@code "crmkit": "points-rules/1"}) and {@link
 * CouponCampaign} ({@code "crmkit": "coupon-campaign/1"}), so a host platform can store what its
 * marketers set up. {@code fromJson(toJson(x))} equals {@code x}; a bad document fails with {@link
 * LoyaltyJsonException} naming the JSON path, line, column and reason. Format: docs/loyalty.md.
 *
 * <pre>{@code
 * String json = LoyaltyJson.toJson(rules);
 * PointsRules again = LoyaltyJson.rulesFromJson(json);
 * CouponCampaign c = LoyaltyJson.campaignFromJson(text);
 * }</pre>
 */
public final class LoyaltyJson {
    /** The format version of points rules. */
    public static final String RULES_FORMAT = "points-rules/1";
    /** The format version of coupon campaigns. */
    public static final String CAMPAIGN_FORMAT = "coupon-campaign/1";

    private static final JsonFactory FACTORY = new JsonFactory();

    private LoyaltyJson() {}

    /**
     * @param rules points rules
     * @return their JSON form
     */
    public static String toJson(PointsRules rules) {
        return write(g -> {
            g.writeStringField("crmkit", RULES_FORMAT);
            g.writeStringField("currency", rules.currency().getCurrencyCode());
            g.writeObjectFieldStart("perAmount");
            g.writeStringField("amount", rules.perAmount().toBigDecimal().toPlainString());
            g.writeNumberField("points", rules.pointsPerAmount());
            g.writeEndObject();
            g.writeObjectFieldStart("activities");
            for (Map.Entry<String, Long> a : new java.util.TreeMap<>(rules.activities()).entrySet()) {
                g.writeNumberField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("campaignMultipliers");
            for (PointsRules.CampaignMultiplier c : rules.campaignMultipliers()) {
                g.writeStartObject();
                g.writeStringField("name", c.name());
                g.writeStringField("from", c.from().toString());
                g.writeStringField("until", c.until().toString());
                g.writeStringField("factor", c.factor().toPlainString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("pendingDays", rules.pendingDays());
            g.writeObjectFieldStart("expiry");
            ExpiryPolicy expiry = rules.expiry();
            if (expiry instanceof ExpiryPolicy.AfterMonths a) {
                g.writeStringField("kind", "afterMonths");
                g.writeNumberField("months", a.months());
            } else if (expiry instanceof ExpiryPolicy.FixedDates fd) {
                g.writeStringField("kind", "fixedDates");
                g.writeNumberField("minMonths", fd.minMonths());
                g.writeArrayFieldStart("dates");
                for (MonthDay d : fd.dates()) {
                    g.writeString(d.toString().substring(2)); // "--12-31" → "12-31"
                }
                g.writeEndArray();
            } else {
                g.writeStringField("kind", "never");
            }
            g.writeEndObject();
            g.writeStringField("negativeBalance", rules.negativeBalance().name());
            g.writeStringField("tierMultiplierKey", rules.tierMultiplierKey());
            if (rules.pointValue().isPresent()) {
                g.writeStringField(
                        "pointValue", rules.pointValue().get().toBigDecimal().toPlainString());
            }
        });
    }

    /**
     * @param json a {@code points-rules/1} document
     * @return the rules
     * @throws LoyaltyJsonException if the document is not valid, naming where and why
     */
    public static PointsRules rulesFromJson(String json) {
        Node root = JsonTree.parse(json);
        Map<String, Node> f = root.object(Set.of(
                "crmkit",
                "currency",
                "perAmount",
                "activities",
                "campaignMultipliers",
                "pendingDays",
                "expiry",
                "negativeBalance",
                "tierMultiplierKey",
                "pointValue"));
        version(root, f, RULES_FORMAT);
        Node cur = required(root, f, "currency");
        Currency currency = cur.as(() -> Currency.getInstance(cur.text()));
        PointsRules.Builder b = PointsRules.builder(currency);
        if (f.containsKey("perAmount")) {
            Node pa = f.get("perAmount");
            Map<String, Node> p = pa.object(Set.of("amount", "points"));
            Node amount = required(pa, p, "amount");
            Node points = required(pa, p, "points");
            Money m = amount.as(() -> Money.of(new BigDecimal(amount.text()), currency));
            long n = points.integer(0, 1_000_000);
            pa.as(() -> b.perAmount(m, n));
        }
        if (f.containsKey("activities")) {
            for (Map.Entry<String, Node> a :
                    f.get("activities").object(new AnySet()).entrySet()) {
                long n = a.getValue().integer(1, 1_000_000_000L);
                a.getValue().as(() -> b.activity(a.getKey(), n));
            }
        }
        if (f.containsKey("campaignMultipliers")) {
            for (Node c : f.get("campaignMultipliers").array()) {
                Map<String, Node> m = c.object(Set.of("name", "from", "until", "factor"));
                String name = required(c, m, "name").text();
                Node from = required(c, m, "from");
                Node until = required(c, m, "until");
                Node factor = required(c, m, "factor");
                Instant fi = from.as(() -> Instant.parse(from.text()));
                Instant ui = until.as(() -> Instant.parse(until.text()));
                BigDecimal fa = factor.as(() -> new BigDecimal(factor.text()));
                c.as(() -> b.campaignMultiplier(name, fi, ui, fa));
            }
        }
        if (f.containsKey("pendingDays")) {
            b.pendingDays((int) f.get("pendingDays").integer(0, 365));
        }
        if (f.containsKey("expiry")) {
            Node e = f.get("expiry");
            Map<String, Node> m = e.object(Set.of("kind", "months", "minMonths", "dates"));
            String kind = required(e, m, "kind").text();
            ExpiryPolicy policy = switch (kind) {
                case "never" -> ExpiryPolicy.never();
                case "afterMonths" ->
                    ExpiryPolicy.afterMonths((int) required(e, m, "months").integer(1, 1200));
                case "fixedDates" -> {
                    int min = (int) required(e, m, "minMonths").integer(0, 1200);
                    List<Node> ds = required(e, m, "dates").array();
                    MonthDay[] dates = new MonthDay[ds.size()];
                    for (int i = 0; i < dates.length; i++) {
                        Node d = ds.get(i);
                        dates[i] = d.as(() -> MonthDay.parse("--" + d.text()));
                    }
                    yield e.as(() -> ExpiryPolicy.fixedDates(min, dates));
                }
                default -> throw m.get("kind").error("\"" + kind + "\" is not never, afterMonths or fixedDates");
            };
            b.expiry(policy);
        }
        if (f.containsKey("negativeBalance")) {
            Node n = f.get("negativeBalance");
            b.negativeBalance(n.as(() -> NegativeBalancePolicy.valueOf(n.text())));
        }
        if (f.containsKey("tierMultiplierKey")) {
            Node k = f.get("tierMultiplierKey");
            k.as(() -> b.tierMultiplierKey(k.text()));
        }
        if (f.containsKey("pointValue")) {
            Node v = f.get("pointValue");
            v.as(() -> b.pointValue(Money.of(new BigDecimal(v.text()), currency)));
        }
        return b.build();
    }

    /**
     * @param campaign a coupon campaign
     * @return its JSON form
     */
    public static String toJson(CouponCampaign campaign) {
        return write(g -> {
            g.writeStringField("crmkit", CAMPAIGN_FORMAT);
            g.writeStringField("id", campaign.id().value());
            g.writeStringField("name", campaign.name());
            if (campaign.sharedCode().isPresent()) {
                g.writeStringField("sharedCode", campaign.sharedCode().get());
            } else {
                g.writeNumberField("codeLength", campaign.codeLength());
            }
            g.writeStringField("validFrom", campaign.validFrom().toString());
            g.writeStringField("validUntil", campaign.validUntil().toString());
            if (campaign.validFor().isPresent()) {
                g.writeStringField("validFor", campaign.validFor().get().toString());
            }
            g.writeNumberField("perMember", campaign.perMember());
            g.writeNumberField("budget", campaign.budget());
        });
    }

    /**
     * @param json a {@code coupon-campaign/1} document
     * @return the campaign
     * @throws LoyaltyJsonException if the document is not valid, naming where and why
     */
    public static CouponCampaign campaignFromJson(String json) {
        Node root = JsonTree.parse(json);
        Map<String, Node> f = root.object(Set.of(
                "crmkit",
                "id",
                "name",
                "sharedCode",
                "codeLength",
                "validFrom",
                "validUntil",
                "validFor",
                "perMember",
                "budget"));
        version(root, f, CAMPAIGN_FORMAT);
        Node id = required(root, f, "id");
        String name = required(root, f, "name").text();
        CouponCampaign.Builder b = id.as(() -> CouponCampaign.builder(CampaignId.of(id.text()), name));
        if (f.containsKey("sharedCode") && f.containsKey("codeLength")) {
            throw f.get("codeLength").error("give sharedCode or codeLength, not both");
        }
        if (f.containsKey("sharedCode")) {
            b.sharedCode(f.get("sharedCode").text());
        }
        if (f.containsKey("codeLength")) {
            b.uniqueCodes((int) f.get("codeLength").integer(8, 24));
        }
        Node from = required(root, f, "validFrom");
        Node until = required(root, f, "validUntil");
        b.valid(from.as(() -> Instant.parse(from.text())), until.as(() -> Instant.parse(until.text())));
        if (f.containsKey("validFor")) {
            Node v = f.get("validFor");
            b.validFor(v.as(() -> Duration.parse(v.text())));
        }
        if (f.containsKey("perMember")) {
            b.perMember((int) f.get("perMember").integer(1, Integer.MAX_VALUE));
        }
        if (f.containsKey("budget")) {
            b.budget(f.get("budget").integer(1, Long.MAX_VALUE));
        }
        CouponCampaign.Builder done = b;
        return root.as(done::build);
    }

    private static void version(Node root, Map<String, Node> f, String expected) {
        String v = required(root, f, "crmkit").text();
        if (!v.equals(expected)) {
            throw f.get("crmkit").error("\"" + v + "\" is not \"" + expected + "\"");
        }
    }

    private static Node required(Node parent, Map<String, Node> fields, String name) {
        Node n = fields.get(name);
        if (n == null) {
            throw parent.error("the field \"" + name + "\" is required");
        }
        if (n.value() == null) {
            throw n.error("must not be null");
        }
        return n;
    }

    /** Any field name (activity names are the brand's). */
    private static final class AnySet extends java.util.AbstractSet<String> {
        @Override
        public boolean contains(Object o) {
            return true;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
