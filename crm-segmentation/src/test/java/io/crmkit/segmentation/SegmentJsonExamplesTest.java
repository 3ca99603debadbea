package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.anyOf;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Money;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.segmentation.Condition.InteractionFilter;
import io.crmkit.segmentation.Condition.Item;
import io.crmkit.segmentation.Condition.OrderFilter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples of {@code docs/segment-json.md} are golden texts: each is read, compared with the
 * value built here in Java, and written back to exactly the same text. Every error example in the
 * document fails with exactly the message shown there.
 */
class SegmentJsonExamplesTest {
    static final Path DOC = Path.of("..", "docs", "segment-json.md");
    static final Currency TWD = Currency.getInstance("TWD");

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR = Pattern.compile(
            "<!-- error: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);

    /** What each example of the document must read as. */
    static Map<String, Object> expected() {
        Map<String, Object> m = new LinkedHashMap<>();
        Condition lapsed = allOf(
                spend(Window.lastDays(365)).atLeast(Money.of(10_000, TWD)),
                daysSinceLastPurchase().moreThan(90),
                Where.tagged("do-not-contact").not(),
                Where.reachableBy(ContactChannel.LINE));
        Segment lapsedVip = new Segment(SegmentId.of("lapsed-vip"), "Lapsed VIPs", "", lapsed);
        m.put("segment", lapsedVip);
        m.put(
                "catalog",
                List.of(
                        lapsedVip,
                        new Segment(
                                SegmentId.of("lapsed-vip-line"),
                                "沉睡 VIP（LINE）",
                                "Lapsed VIPs we can reach on LINE, for the win-back journey.",
                                allOf(
                                        Where.inSegment(SegmentId.of("lapsed-vip")),
                                        Where.optedIn(ContactChannel.LINE)))));
        m.put("all", new Condition.All());
        m.put("none", new Condition.None());
        m.put("and", allOf(Where.tagged("vip"), Where.reachableBy(ContactChannel.EMAIL)));
        m.put("or", anyOf(Where.city("台北市"), Where.city("新北市")));
        m.put("not", new Condition.Not(Where.tagged("do-not-contact")));
        m.put(
                "compare-money",
                new Condition.Compare(
                        Measure.NET_SPEND, Window.lastDays(365), Bound.atLeast(1_000_000), java.util.Optional.of(TWD)));
        m.put("compare-days", daysSinceLastPurchase().moreThan(90));
        m.put(
                "compare-dates",
                Where.orderCount(Window.between(LocalDate.of(2025, 11, 11), LocalDate.of(2025, 11, 12)))
                        .between(1, 3));
        m.put(
                "compare-aov-jpy",
                Where.aov(Window.allTime())
                        .between(
                                Money.of(3_000, Currency.getInstance("JPY")),
                                Money.of(5_000, Currency.getInstance("JPY"))));
        m.put("profile", Where.city("台北市", "新北市"));
        m.put("profile-gender", Where.gender(io.crmkit.core.Gender.FEMALE));
        m.put(
                "attribute-between",
                Where.attribute(AttributeKey.ofInteger("employees")).between(10, 50));
        m.put("attribute-in", Where.attribute(AttributeKey.ofString("industry")).in("餐飲", "零售"));
        m.put("attribute-exists", Where.hasAttribute(AttributeKey.ofBoolean("b2b")));
        m.put(
                "attribute-decimal",
                Where.attribute(AttributeKey.ofDecimal("annual-revenue"))
                        .between(new BigDecimal("1000000.00"), new BigDecimal("5E+6")));
        m.put(
                "attribute-date",
                Where.attribute(AttributeKey.ofDate("contract-end"))
                        .between(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        m.put(
                "attribute-instant",
                Where.attribute(AttributeKey.ofInstant("last-login")).equalTo(Instant.parse("2025-11-11T04:00:00Z")));
        m.put(
                "orders",
                Where.orders(
                                OrderFilter.any()
                                        .withItem(Item.category(Category.of("美妝 > 保養")))
                                        .withAnyCoupon()
                                        .withCoupon("DOUBLE11")
                                        .withPaymentMethod(PaymentMethod.LINE_PAY)
                                        .withShippingMethod(ShippingMethod.CONVENIENCE_STORE_PICKUP)
                                        .withPickupStore(StoreId.of("7-11 台北松江門市"))
                                        .withChannel(SalesChannel.WEB)
                                        .withStore(StoreId.of("S001")),
                                Window.lastDays(90))
                        .between(2, 5));
        m.put("orders-any", anyOrders());
        m.put(
                "spend-on",
                Where.spentOn(Item.product(ProductId.of("P1")), Window.lastDays(180))
                        .atLeast(Money.of(1_000, TWD)));
        m.put(
                "spend-on-sku",
                Where.spentOn(Item.sku("SKU-RED-M"), Window.allTime()).lessThan(Money.parse("99.99", TWD)));
        m.put(
                "interactions",
                Where.interactions(
                                InteractionFilter.of(InteractionType.MESSAGE_OPENED)
                                        .withCampaign(CampaignId.of("c1"))
                                        .withChannel(ContactChannel.EMAIL),
                                Window.lastDays(30))
                        .atLeast(1));
        m.put(
                "interactions-survey",
                Where.surveyScoreAtLeast(4, Window.lastDays(90)).atLeast(1));
        m.put("interactions-page", Where.viewedPageFor(30, Window.lastDays(7)).atLeast(3));
        m.put("tagged", Where.tagged("vip"));
        m.put("reachable", Where.reachableBy(ContactChannel.LINE));
        m.put("opted-in", Where.optedIn(ContactChannel.EMAIL));
        m.put("in-segment", Where.inSegment(SegmentId.of("lapsed-vip")));
        m.put("custom", Where.custom("crm.store-vip", Map.of("store", "S1")));
        return m;
    }

    private static Condition anyOrders() {
        return Where.orders(OrderFilter.any(), Window.lastDays(30)).atLeast(1);
    }

    static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    static Map<String, String> examples(String doc) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            assertThat(found.put(m.group(1), m.group(2)))
                    .as("example %s appears once", m.group(1))
                    .isNull();
        }
        return found;
    }

    @Test
    void everyExampleIsInTheDocumentAndEveryDocumentedExampleIsChecked() throws IOException {
        assertThat(examples(doc()).keySet())
                .containsExactlyInAnyOrderElementsOf(expected().keySet());
    }

    @Test
    void everyConditionTypeHasAnExample() throws IOException {
        Set<String> types = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\"type\": \"([a-zA-Z]+)\"").matcher(doc());
        while (m.find()) {
            types.add(m.group(1));
        }
        assertThat(types)
                .contains(
                        "all",
                        "none",
                        "and",
                        "or",
                        "not",
                        "compare",
                        "profile",
                        "attribute",
                        "orders",
                        "spendOn",
                        "interactions",
                        "tagged",
                        "reachable",
                        "optedIn",
                        "inSegment",
                        "custom");
    }

    @TestFactory
    Stream<DynamicTest> examplesReadAsDocumentedAndWriteBackToTheSameText() throws IOException {
        Map<String, Object> expected = expected();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : examples(doc()).entrySet()) {
            String name = e.getKey();
            String json = e.getValue();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Object want = expected.get(name);
                if (want instanceof Segment s) {
                    assertThat(SegmentJson.fromJson(json)).isEqualTo(s);
                    assertThat(SegmentJson.toJson(s)).isEqualTo(json);
                } else if (want instanceof List<?> segments) {
                    SegmentCatalog c = SegmentJson.catalogFromJson(json);
                    assertThat(new ArrayList<>(c.segments())).isEqualTo(segments);
                    assertThat(SegmentJson.toJson(c)).isEqualTo(json);
                } else {
                    assertThat(SegmentJson.conditionFromJson(json)).isEqualTo(want);
                    assertThat(SegmentJson.toJson((Condition) want)).isEqualTo(json);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> errorExamplesFailWithTheDocumentedMessage() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Matcher m = ERROR.matcher(doc());
        while (m.find()) {
            String json = m.group(2);
            String message = m.group(3);
            tests.add(DynamicTest.dynamicTest(
                    m.group(1),
                    () -> assertThatThrownBy(() -> read(json))
                            .isInstanceOf(SegmentJsonException.class)
                            .hasMessage(message)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    private static Object read(String json) {
        if (json.contains("\"crmkit\": \"catalog/")) {
            return SegmentJson.catalogFromJson(json);
        }
        if (json.contains("\"crmkit\"")) {
            return SegmentJson.fromJson(json);
        }
        return SegmentJson.conditionFromJson(json);
    }

    /** Prints the examples, for writing the document. */
    public static void main(String[] args) {
        for (Map.Entry<String, Object> e : expected().entrySet()) {
            System.out.println("<!-- example: " + e.getKey() + " -->");
            System.out.println("```json");
            Object v = e.getValue();
            if (v instanceof Segment s) {
                System.out.print(SegmentJson.toJson(s));
            } else if (v instanceof List<?> l) {
                SegmentCatalog.Builder b = SegmentCatalog.builder();
                l.forEach(x -> b.segment((Segment) x));
                System.out.print(SegmentJson.toJson(b.build()));
            } else {
                System.out.print(SegmentJson.toJson((Condition) v));
            }
            System.out.println("```");
            System.out.println();
        }
    }
}
