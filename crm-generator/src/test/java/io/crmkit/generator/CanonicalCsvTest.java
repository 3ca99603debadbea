package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCsvTest {
    private static final Currency TWD = Currency.getInstance("TWD");
    private static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerEntityWithHeadersAndOneRowPerOrderLine() throws IOException {
        ShopGenerator g =
                ShopGenerator.of(GeneratorConfig.custom().members(300).seed(5).build());
        List<GeneratedMember> shop = g.members().collect(Collectors.toList());
        try (CanonicalCsv csv = CanonicalCsv.create(dir)) {
            csv.writeProducts(g.products());
            shop.forEach(csv::write);
            assertThat(csv.memberRows()).isEqualTo(300);
            assertThat(csv.productRows()).isEqualTo(300);
            assertThat(csv.orderCount())
                    .isEqualTo(shop.stream().mapToLong(m -> m.orders().size()).sum());
            assertThat(csv.orderRows())
                    .isEqualTo(shop.stream()
                            .flatMap(m -> m.orders().stream())
                            .mapToLong(o -> o.lines().size())
                            .sum());
            assertThat(csv.interactionRows())
                    .isEqualTo(shop.stream()
                            .mapToLong(m -> m.interactions().size())
                            .sum());
        }
        assertThat(CanonicalCsvDecoder.header(dir.resolve("members.csv"))).isEqualTo(CanonicalCsv.MEMBER_COLUMNS);
        assertThat(CanonicalCsvDecoder.header(dir.resolve("orders.csv"))).isEqualTo(CanonicalCsv.ORDER_COLUMNS);
        assertThat(CanonicalCsvDecoder.header(dir.resolve("products.csv"))).isEqualTo(CanonicalCsv.PRODUCT_COLUMNS);
        assertThat(CanonicalCsvDecoder.header(dir.resolve("interactions.csv")))
                .isEqualTo(CanonicalCsv.INTERACTION_COLUMNS);

        List<Map<String, String>> members = CanonicalCsvDecoder.rows(dir.resolve("members.csv"));
        List<Map<String, String>> orders = CanonicalCsvDecoder.rows(dir.resolve("orders.csv"));
        List<Map<String, String>> products = CanonicalCsvDecoder.rows(dir.resolve("products.csv"));
        assertThat(members).hasSize(300);
        assertThat(products).hasSize(300);

        Member first = shop.get(0).member();
        Map<String, String> row = members.get(0);
        assertThat(row.get("member_id")).isEqualTo("M00000001");
        assertThat(row.get("joined_at")).isEqualTo(first.joinedAt().toString());
        assertThat(row.get("name")).isEqualTo(first.name().orElse(""));
        assertThat(row.get("gender")).isEqualTo(first.gender().name());
        assertThat(row.get("phone"))
                .isEqualTo(first.phone().map(PhoneNumber::e164).orElse(""));

        Order o = shop.stream()
                .flatMap(m -> m.orders().stream())
                .filter(x -> x.lines().size() >= 2)
                .findFirst()
                .orElseThrow();
        List<Map<String, String>> orderRows = orders.stream()
                .filter(r -> r.get("order_id").equals(o.id().value()))
                .collect(Collectors.toList());
        assertThat(orderRows).hasSize(o.lines().size());
        for (int i = 0; i < orderRows.size(); i++) {
            Map<String, String> r = orderRows.get(i);
            assertThat(r.get("line_no")).isEqualTo(Integer.toString(i + 1));
            assertThat(r.get("line_count")).isEqualTo(Integer.toString(o.lines().size()));
            assertThat(r.get("order_total")).isEqualTo(o.total().toBigDecimal().toPlainString());
            assertThat(r.get("placed_at")).isEqualTo(o.placedAt().toString());
            assertThat(r.get("currency")).isEqualTo("TWD");
            assertThat(r.get("product_id"))
                    .isEqualTo(o.lines().get(i).productId().value());
            assertThat(r.get("unit_price")).matches("\\d+\\.\\d\\d");
        }
        // order-level fields repeat identically on every row of the order
        assertThat(orderRows.stream().map(r -> r.get("refunds") + r.get("coupon_codes") + r.get("status")))
                .containsOnly(orderRows.get(0).get("refunds")
                        + orderRows.get(0).get("coupon_codes")
                        + orderRows.get(0).get("status"));
        Product p = g.products().get(0);
        assertThat(products.get(0))
                .containsEntry("product_id", p.id().value())
                .containsEntry("name", p.name())
                .containsEntry("category", p.category().path())
                .containsEntry("currency", "TWD")
                .containsEntry(
                        "list_price", p.listPrice().orElseThrow().toBigDecimal().toPlainString());
    }

    @Test
    void aGeneratedShopSurvivesARoundTrip() throws IOException {
        ShopGenerator g =
                ShopGenerator.of(GeneratorConfig.custom().members(400).seed(99).build());
        List<GeneratedMember> shop = g.members().collect(Collectors.toList());
        try (CanonicalCsv csv = CanonicalCsv.create(dir)) {
            csv.writeProducts(g.products());
            shop.forEach(csv::write);
        }
        List<Member> members = new ArrayList<>();
        for (Map<String, String> r : CanonicalCsvDecoder.rows(dir.resolve("members.csv"))) {
            members.add(CanonicalCsvDecoder.member(r));
        }
        List<Interaction> interactions = new ArrayList<>();
        for (Map<String, String> r : CanonicalCsvDecoder.rows(dir.resolve("interactions.csv"))) {
            interactions.add(CanonicalCsvDecoder.interaction(r));
        }
        List<Order> orders = CanonicalCsvDecoder.orders(CanonicalCsvDecoder.rows(dir.resolve("orders.csv")));
        List<Product> products = CanonicalCsvDecoder.rows(dir.resolve("products.csv")).stream()
                .map(CanonicalCsvDecoder::product)
                .collect(Collectors.toList());

        assertThat(members).isEqualTo(shop.stream().map(GeneratedMember::member).collect(Collectors.toList()));
        assertThat(orders)
                .isEqualTo(shop.stream().flatMap(m -> m.orders().stream()).collect(Collectors.toList()));
        assertThat(interactions)
                .isEqualTo(shop.stream().flatMap(m -> m.interactions().stream()).collect(Collectors.toList()));
        assertThat(products).isEqualTo(g.products());
    }

    @Test
    void specialCharactersAreEscapedAndSurviveARoundTrip() throws IOException {
        AttributeKey<String> motto = AttributeKey.ofString("motto");
        AttributeKey<BigDecimal> budget = AttributeKey.ofDecimal("budget");
        Member m = Member.builder(MemberId.of("M,1"), T0)
                .name("林\"小美\", 測試\n第二行")
                .gender(Gender.FEMALE)
                .birthday(LocalDate.of(1999, 5, 20))
                .city("新北市")
                .region("北部")
                .email(Email.parse("Mei.Lin@Example.com"))
                .phone(PhoneNumber.parse("0912-345-678", "886"))
                .lineId("U,\"line\"")
                .sourceChannel(SalesChannel.LINE)
                .preferredChannel(ContactChannel.LINE)
                .consent(Consent.optIn(ContactChannel.EMAIL, T0, "form;v2|beta\\x"))
                .consent(Consent.optOut(ContactChannel.SMS, T0.plusSeconds(5), "客服, 電話"))
                .tag(Tag.manual("a;b|c\\d 標籤", "agent:小美", T0))
                .tag(Tag.rule("vip", "rule:spend-20k", T0))
                .externalId(ExternalId.of("shopify", "x;y|z\\w:v"))
                .externalId(ExternalId.of("POS", "C001"))
                .note(new Note("第一行, \"引號\"\n第二行; a|b \\ c", "agent:amy", T0))
                .note(new Note("second", "agent:kevin", T0.plusSeconds(60)))
                .attribute(motto, "say \"hi\",\nthen; go|\\")
                .attribute(budget, new BigDecimal("1234.50"))
                .attribute(AttributeKey.ofDate("since"), LocalDate.of(2020, 1, 2))
                .attribute(AttributeKey.ofInstant("seen"), T0)
                .attribute(AttributeKey.ofBoolean("b2b"), true)
                .attribute(AttributeKey.ofLong("revenue"), 12_345_678_901L)
                .attribute(AttributeKey.ofInteger("employees"), 120)
                .build();
        Product p = new Product(
                ProductId.of("P\"1\""),
                "可可粉, 500g \"特價\"",
                Category.of("食品飲料 > 飲品, 沖泡"),
                Optional.of(Money.of(180, TWD)),
                Optional.empty());
        Order o = Order.builder(OrderId.of("O,1"), m.id(), T0.plusSeconds(3600))
                .channel(SalesChannel.WEB)
                .pickupStore(StoreId.of("7-11 台北市信義店, \"B1\""))
                .coupon("A;B")
                .coupon("C|D")
                .line(OrderLine.of(p, 2, Money.of(180, TWD)).withSku("SKU;1"))
                .line(OrderLine.of(ProductId.of("P2"), "第二項\n換行", Category.of("居家生活"), 1, Money.parse("99.5", TWD))
                        .withDiscount(Money.parse("9.5", TWD)))
                .orderDiscount(Money.of(50, TWD))
                .shippingFee(Money.of(60, TWD))
                .deliveredAt(T0.plusSeconds(86_400))
                .refund(new Refund(T0.plusSeconds(90_000), Money.parse("10.25", TWD), "破損; 退|款 \\ \"部分\""))
                .refund(new Refund(T0.plusSeconds(90_001), Money.of(1, TWD), ""))
                .build();
        Interaction i = new Interaction(
                InteractionId.of("I\"1"),
                m.id(),
                T0.plusSeconds(7200),
                InteractionType.MESSAGE_CLICKED,
                Optional.of(ContactChannel.EMAIL),
                Optional.of(CampaignId.of("雙11, 預熱")),
                Optional.of("msg;1|x"),
                Attributes.empty()
                        .with(Interaction.URL, "https://shop.example.com.tw/p?a=1,b=\"2\"")
                        .with(Interaction.SCORE, 5)
                        .with(AttributeKey.ofString("utm_source"), "line;oa")
                        .with(AttributeKey.ofString("score_text"), "很好\n👍"));
        try (CanonicalCsv csv = CanonicalCsv.create(dir)) {
            csv.write(p);
            csv.write(m);
            csv.write(o);
            csv.write(i);
        }
        String raw = Files.readString(dir.resolve("members.csv"), StandardCharsets.UTF_8);
        assertThat(raw).contains("\"林\"\"小美\"\", 測試\n第二行\"");
        assertThat(raw).doesNotContain("\r");

        Map<String, String> mr =
                CanonicalCsvDecoder.rows(dir.resolve("members.csv")).get(0);
        assertThat(mr.get("member_id")).isEqualTo("M,1");
        assertThat(mr.get("name")).isEqualTo("林\"小美\", 測試\n第二行");
        assertThat(mr.get("email")).isEqualTo("mei.lin@example.com");
        assertThat(mr.get("phone")).isEqualTo("+886912345678");
        assertThat(mr.get("consent_email")).isEqualTo("in|2025-03-01T02:00:00Z|form\\;v2\\|beta\\\\x");
        assertThat(mr.get("consent_sms")).isEqualTo("out|2025-03-01T02:00:05Z|客服, 電話");
        assertThat(mr.get("consent_line")).isEmpty();
        assertThat(mr.get("tags"))
                .isEqualTo("a\\;b\\|c\\\\d 標籤|MANUAL|agent:小美|2025-03-01T02:00:00Z;"
                        + "vip|RULE|rule:spend-20k|2025-03-01T02:00:00Z");
        assertThat(mr.get("external_ids")).isEqualTo("SHOPIFY:x\\;y\\|z\\\\w:v;POS:C001");
        assertThat(mr.get("attributes"))
                .startsWith("{\"motto\":{\"type\":\"STRING\",\"value\":\"say \\\"hi\\\",\\nthen; go|\\\\\"},")
                .contains("\"budget\":{\"type\":\"DECIMAL\",\"value\":\"1234.5\"}")
                .contains("\"revenue\":{\"type\":\"LONG\",\"value\":12345678901}");
        assertThat(CanonicalCsvDecoder.member(mr)).isEqualTo(m);

        List<Map<String, String>> or = CanonicalCsvDecoder.rows(dir.resolve("orders.csv"));
        assertThat(or).hasSize(2);
        assertThat(or.get(0).get("coupon_codes")).isEqualTo("A\\;B;C\\|D");
        assertThat(or.get(0).get("refunds"))
                .isEqualTo("2025-03-02T03:00:00Z|10.25|破損\\; 退\\|款 \\\\ \"部分\";2025-03-02T03:00:01Z|1.00|");
        assertThat(or.get(0).get("pickup_store_id")).isEqualTo("7-11 台北市信義店, \"B1\"");
        assertThat(or.get(1).get("product_name")).isEqualTo("第二項\n換行");
        assertThat(or.get(1).get("unit_price")).isEqualTo("99.50");
        assertThat(or.get(1).get("line_amount")).isEqualTo("90.00");
        assertThat(or.get(0).get("unit_cost")).isEmpty();
        assertThat(or.get(1).get("order_total")).isEqualTo("460.00");
        assertThat(CanonicalCsvDecoder.orders(or)).containsExactly(o);

        Map<String, String> pr =
                CanonicalCsvDecoder.rows(dir.resolve("products.csv")).get(0);
        assertThat(pr.get("name")).isEqualTo("可可粉, 500g \"特價\"");
        assertThat(pr.get("unit_cost")).isEmpty();
        assertThat(CanonicalCsvDecoder.product(pr)).isEqualTo(p);

        Map<String, String> ir =
                CanonicalCsvDecoder.rows(dir.resolve("interactions.csv")).get(0);
        assertThat(ir.get("score")).isEqualTo("5");
        assertThat(ir.get("url")).isEqualTo("https://shop.example.com.tw/p?a=1,b=\"2\"");
        assertThat(ir.get("properties"))
                .isEqualTo("{\"utm_source\":{\"type\":\"STRING\",\"value\":\"line;oa\"},"
                        + "\"score_text\":{\"type\":\"STRING\",\"value\":\"很好\\n👍\"}}");
        assertThat(CanonicalCsvDecoder.interaction(ir)).isEqualTo(i);
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        try (CanonicalCsv csv = CanonicalCsv.create(dir)) {
            csv.write(new Product(ProductId.of("P1"), "x", Category.of("A"), Optional.empty(), Optional.empty()));
        }
        assertThatThrownBy(() -> CanonicalCsv.create(dir))
                .isInstanceOf(CanonicalCsvException.class)
                .hasMessageContaining("members.csv already exists");
        assertThat(CanonicalCsvDecoder.rows(dir.resolve("products.csv"))).hasSize(1);
        try (CanonicalCsv csv = CanonicalCsv.overwrite(dir)) {
            assertThat(csv.directory()).isEqualTo(dir);
        }
        assertThat(CanonicalCsvDecoder.rows(dir.resolve("products.csv"))).isEmpty();
        assertThat(Files.readString(dir.resolve("products.csv")))
                .isEqualTo("product_id,name,category,currency,list_price,unit_cost\n");
    }

    @Test
    void createsMissingDirectories() {
        Path nested = dir.resolve("a/b");
        try (CanonicalCsv csv = CanonicalCsv.create(nested)) {
            assertThat(csv.memberRows()).isZero();
        }
        assertThat(nested.resolve("interactions.csv")).exists();
    }
}
