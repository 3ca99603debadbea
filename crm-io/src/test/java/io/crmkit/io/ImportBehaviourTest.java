package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.generator.CanonicalCsv;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting law, quarantine, strict / lenient / error limit, dry run, re-import, resume, encodings. */
class ImportBehaviourTest {
    static final Charset CP950 = Charset.forName("x-windows-950");

    @TempDir
    Path dir;

    static final String SHOPEE_HEADER = "訂單編號 (單),訂單狀態 (單),買家帳號 (單),訂單成立時間 (單),買家支付的運費 (單),"
            + "賣家折扣券折抵金額 (單),商品名稱 (品),商品原價 (品),商品活動價格 (品),主商品貨號,商品選項貨號,數量,"
            + "收件者姓名 (單),收件者電話 (單),取件門市店號 (單),寄送方式 (單),付款方式 (單)\n";
    static final String SHOPEE = SHOPEE_HEADER
            + "230501ABCD,已完成,meilin88,2023-05-01 14:30,60,0,修護面膜 10片入,399,349,BEA-01,BEA-01-10,2,林美玲,"
            + "09******78,7-11 台北信義店,7-ELEVEN,信用卡\n"
            + "230501ABCD,已完成,meilin88,2023-05-01 14:30,60,0,氣墊粉餅 03蜜桃,450,399,BEA-02,,1,林美玲,09******78,"
            + "7-11 台北信義店,7-ELEVEN,信用卡\n"
            + "230502EFGH,已取消,chen.w,2023-05-02 09:05,0,50,保溫杯 500ml,\"1,280\",990,HOM-7,,1,陳偉,09******11,,"
            + "宅配,貨到付款\n";

    static List<List<String>> csv(Path file) throws IOException {
        try (MappingIterator<List<String>> it = new CsvMapper()
                .readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }

    @Test
    void shopeeTaiwanInUtf8AndInBig5GiveTheSameResult() {
        for (Charset cs : List.of(StandardCharsets.UTF_8, CP950)) {
            Crm crm = Samples.crm();
            ImportResult r = Importer.into(crm)
                    .build()
                    .importFile(Samples.write(dir, "shopee-" + cs.name() + ".csv", SHOPEE.getBytes(cs)));
            assertThat(r.encoding()).isEqualTo(cs.name());
            assertThat(r.preset()).isEqualTo("shopee-tw-orders");
            assertThat(r.summaryJson())
                    .isEqualTo("{\"rowsRead\":3,\"accepted\":3,\"rejected\":0,\"members\":2,\"orders\":2}");
            Order o = crm.orders().find(OrderId.of("230501ABCD")).orElseThrow();
            assertThat(o.lines()).hasSize(2);
            assertThat(o.lines().get(0).name()).isEqualTo("修護面膜 10片入");
            assertThat(o.total().toBigDecimal()).isEqualByComparingTo("1157"); // 2 × 349 + 399 + 60
            assertThat(o.pickupStore().orElseThrow().value()).isEqualTo("7-11 台北信義店");
            Order cancelled = crm.orders().find(OrderId.of("230502EFGH")).orElseThrow();
            assertThat(cancelled.isCancelled()).isTrue();
            assertThat(cancelled.lines().get(0).unitPrice().toBigDecimal()).isEqualByComparingTo("990");
            assertThat(cancelled.orderDiscount().toBigDecimal()).isEqualByComparingTo("50");
            assertThat(crm.members()
                            .findByExternalId(io.crmkit.core.ExternalId.of("SHOPEE", "meilin88"))
                            .orElseThrow()
                            .name())
                    .contains("林美玲");
        }
    }

    @Test
    void big5CanAlsoBeGivenAndAWrongEncodingCostsTheRowsNotTheFile() {
        byte[] big5 = SHOPEE.getBytes(CP950);
        ImportResult asked = Importer.into(Samples.crm())
                .encoding(InputEncoding.BIG5)
                .build()
                .importFile(Samples.write(dir, "a.csv", big5));
        assertThat(asked.accepted()).isEqualTo(3);
        // read as UTF-8, the Chinese header is not recognised: no preset, and the message says which exist
        assertThatThrownBy(() -> Importer.into(Samples.crm())
                        .encoding(InputEncoding.UTF_8)
                        .build()
                        .importFile(Samples.write(dir, "b.csv", big5)))
                .isInstanceOf(PresetDetectionException.class)
                .hasMessageContaining("no preset")
                .hasMessageContaining("shopee-tw-orders");
        // with the preset given, every row is rejected for its bytes, and counted
        ImportResult wrong = Importer.into(Samples.crm())
                .encoding(InputEncoding.UTF_8)
                .mapping(Mapping.builder("shopee-utf8", ImportKind.ORDERS)
                        .field(Field.ORDER_ID, Mapping.column("order"))
                        .field(Field.ORDER_PLACED_AT, Mapping.column("at"))
                        .field(Field.MEMBER_EMAIL, Mapping.column("email"))
                        .field(Field.LINE_NAME, Mapping.column("item"))
                        .field(Field.LINE_QUANTITY, Mapping.column("qty"))
                        .field(Field.LINE_AMOUNT, Mapping.column("amount"))
                        .build())
                .build()
                .importFile(Samples.write(
                        dir,
                        "c.csv",
                        ("order,at,email,item,qty,amount\n1,2023-05-01,a@b.tw,面膜,1,10\n2,2023-05-01,a@b.tw,ok,1,10\n")
                                .getBytes(CP950)));
        assertThat(wrong.rowsRead()).isEqualTo(2);
        assertThat(wrong.rejected()).isEqualTo(1);
        assertThat(wrong.rejections().get(0).column()).isEqualTo("item");
        assertThat(wrong.rejections().get(0).reason()).contains("not valid UTF-8");
    }

    @Test
    void aDamagedByteDoesNotMakeAUtf8FileBig5() {
        byte[] utf8 = SHOPEE.getBytes(StandardCharsets.UTF_8);
        int at = SHOPEE.indexOf("氣墊");
        int offset = SHOPEE.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        utf8[offset] = (byte) 0xFF; // the first byte of 氣
        ImportResult r = Importer.into(Samples.crm()).build().importFile(Samples.write(dir, "damaged.csv", utf8));
        assertThat(r.encoding()).isEqualTo("UTF-8");
        assertThat(r.rowsRead()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(2); // the damaged row and its order's other row
        assertThat(r.rejections()).anySatisfy(x -> {
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.column()).isEqualTo("商品名稱 (品)");
            assertThat(x.reason()).contains("not valid UTF-8");
        });
    }

    @Test
    void byteOrderMarksAndLineEndings() {
        String text =
                "email,first name,joined\r\n\"mei@example.com\",\"Mei\r\nLin\",2024-01-02\r\nkai@example.com,Kai,2024-01-03\r\n";
        Mapping m = Mapping.builder("people", ImportKind.MEMBERS)
                .field(Field.MEMBER_EMAIL, "email")
                .field(Field.MEMBER_FIRST_NAME, "first name")
                .field(Field.MEMBER_JOINED_AT, "joined")
                .build();
        List<byte[]> encodings = List.of(
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)),
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
                concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
                text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : encodings) {
            Crm crm = Samples.crm();
            ImportResult r =
                    Importer.into(crm).mapping(m).build().importStream(new ByteArrayInputStream(bytes), "people.csv");
            assertThat(r.rowsRead()).isEqualTo(2); // records, not lines
            assertThat(r.accepted()).isEqualTo(2);
            assertThat(crm.members()
                            .findByEmail(Email.parse("mei@example.com"))
                            .get(0)
                            .name())
                    .hasValueSatisfying(n -> assertThat(n.replace("\r", "")).isEqualTo("Mei\nLin"));
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void everyRowIsAcceptedOrRejectedAndRejectedRowsGoToQuarantine() throws IOException {
        String good = new String(Samples.bytes("shopify_orders_export_devstore.csv"), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(good.lines().collect(Collectors.toList()));
        // line 17 (order #1008's first row): a bad quantity; line 33: cut short
        lines.set(16, lines.get(16).replace("-0400,1,Gift Card", "-0400,x,Gift Card"));
        lines.set(32, lines.get(32).substring(0, 40));
        Path file = Samples.write(
                dir, "orders_export.csv", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Path quarantine = dir.resolve("rejected.csv");
        ImportResult r =
                Importer.into(Samples.crm()).quarantine(quarantine).build().importFile(file);

        assertThat(r.accepted() + r.rejected()).isEqualTo(r.rowsRead()).isEqualTo(40);
        assertThat(r.rejected()).isEqualTo(22 + 4 + 1); // the sample's 22, #1008's 4 rows, #1014's 1 row
        Rejection qty =
                r.rejections().stream().filter(x -> x.line() == 17).findFirst().orElseThrow();
        assertThat(qty.column()).isEqualTo("Lineitem quantity");
        assertThat(qty.value()).isEqualTo("x");
        assertThat(qty.reason()).isEqualTo("\"x\" is not a whole number");
        assertThat(qty.toString())
                .endsWith("orders_export.csv line 17 column \"Lineitem quantity\": \"x\" is not a whole number");
        Rejection cut =
                r.rejections().stream().filter(x -> x.line() == 33).findFirst().orElseThrow();
        assertThat(cut.reason()).startsWith("has 4 cells but the header has 79");

        List<List<String>> q = csv(quarantine);
        assertThat(q).hasSize(1 + 27);
        assertThat(q.get(0)).hasSize(79).startsWith("Name", "Email");
        assertThat(q.stream()
                        .skip(1)
                        .filter(row -> row.size() > 16 && row.get(16).equals("x")))
                .hasSize(1);
    }

    @Test
    void strictModeStopsAtTheFirstBadRowNamingItsPlace() {
        assertThatThrownBy(() -> Importer.into(Samples.crm())
                        .mode(ImportMode.STRICT)
                        .build()
                        .importFile(Samples.copy("shopify_orders_export_devstore.csv", dir)))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.file()).endsWith("shopify_orders_export_devstore.csv");
                    assertThat(e.reason()).contains("names no customer");
                });
    }

    @Test
    void theErrorLimitStopsTheImport() {
        assertThatThrownBy(() -> Importer.into(Samples.crm())
                        .errorLimit(5)
                        .build()
                        .importFile(Samples.copy("shopify_orders_export_devstore.csv", dir)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("line 7")
                .hasMessageContaining("more than 5 rows rejected");
        ImportResult within = Importer.into(Samples.crm())
                .errorLimit(22)
                .build()
                .importFile(Samples.copy("shopify_orders_export_devstore.csv", dir));
        assertThat(within.rejected()).isEqualTo(22);
    }

    @Test
    void aDryRunWritesNothingAndPreviews() {
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .dryRun(true)
                .previewLimit(2)
                .build()
                .importFile(Samples.copy("shopify_orders_export_devstore.csv", dir));
        assertThat(r.dryRun()).isTrue();
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":40,\"accepted\":18,\"rejected\":22,\"members\":3,\"orders\":9}");
        assertThat(r.previewOrders()).extracting(o -> o.id().value()).containsExactly("#1004", "#1005");
        assertThat(r.previewOrders().get(0).memberId())
                .isEqualTo(r.previewMembers().get(0).id());
        assertThat(crm.members().count()).isZero();
        assertThat(crm.orders().count()).isZero();
    }

    @Test
    void reimportingAShopifyExportChangesNothing() {
        Crm crm = Samples.crm();
        Path file = Samples.copy("shopify_orders_export_devstore.csv", dir);
        Importer.into(crm).build().importFile(file);
        List<Order> before = crm.orders().stream().collect(Collectors.toList());
        ImportResult again = Importer.into(crm).build().importFile(file);
        assertThat(again.members()).isZero();
        assertThat(again.ordersChanged()).isZero();
        assertThat(again.orders()).isEqualTo(9);
        assertThat(crm.orders().stream().collect(Collectors.toList())).isEqualTo(before);
        assertThat(crm.members().count()).isEqualTo(3);
    }

    @Test
    void anImportThatFailsMidwayResumesFromItsCheckpointWithoutDuplicates() throws IOException {
        CanonicalShop shop = new CanonicalShop(dir.resolve("shop"), 200, 5);
        Path orders = shop.file(CanonicalCsv.ORDERS_FILE);
        Path checkpoint = dir.resolve("orders.checkpoint.json");
        Path quarantine = dir.resolve("orders.rejected.csv");
        // a broken row, to see that the quarantine does not repeat it after the resume
        List<String> lines = new ArrayList<>(Files.readAllLines(orders));
        lines.set(3, lines.get(3).replace(",TWD,", ",TWX,"));
        Files.write(orders, lines);

        Crm clean = Samples.crm();
        ImportResult expected = Importer.into(clean).batchRows(50).build().importFile(orders);

        Crm crm = Samples.crm();
        FailingOrderStore failing = new FailingOrderStore(crm.orders(), 4);
        Importer.Builder b = Importer.builder(Samples.brand())
                .members(crm.members())
                .batchRows(50)
                .checkpoint(checkpoint)
                .quarantine(quarantine);
        assertThatThrownBy(() -> b.orders(failing).build().importFile(orders))
                .isInstanceOf(ImportAbortedException.class)
                .hasMessageContaining("the database went away")
                .hasMessageContaining("resume from the checkpoint");
        assertThat(checkpoint).exists();
        long stored = crm.orders().count();
        assertThat(stored).isPositive().isLessThan(clean.orders().count());

        ImportResult resumed = b.orders(crm.orders()).build().importFile(orders);
        assertThat(resumed.resumedAfter()).isPositive();
        assertThat(resumed.rowsRead()).isEqualTo(expected.rowsRead());
        assertThat(resumed.accepted()).isEqualTo(expected.accepted());
        assertThat(resumed.rejected()).isEqualTo(expected.rejected()).isPositive();
        assertThat(resumed.orders()).isEqualTo(expected.orders());
        assertThat(crm.orders().stream().collect(Collectors.toList()))
                .isEqualTo(clean.orders().stream().collect(Collectors.toList()));
        assertThat(checkpoint).doesNotExist();
        assertThat(csv(quarantine)).hasSize(1 + (int) expected.rejected());
    }

    @Test
    void theRowsOfAnOrderMustBeConsecutive() {
        String file = "order,email,at,item,qty,price\n"
                + "A1,a@x.tw,2024-01-01,tea,1,10\n"
                + "B1,b@x.tw,2024-01-01,tea,1,10\n"
                + "A1,a@x.tw,2024-01-01,cake,1,20\n";
        Mapping m = Mapping.builder("simple", ImportKind.ORDERS)
                .field(Field.ORDER_ID, "order")
                .field(Field.MEMBER_EMAIL, "email")
                .field(Field.ORDER_PLACED_AT, "at")
                .field(Field.LINE_NAME, "item")
                .field(Field.LINE_QUANTITY, "qty")
                .field(Field.LINE_UNIT_PRICE, "price")
                .build();
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .mapping(m)
                .build()
                .importStream(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "split.csv");
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.reason()).isEqualTo("the rows of order A1 are not consecutive: it started at line 2 already");
        });
        assertThat(crm.orders().find(OrderId.of("A1")).orElseThrow().lines()).hasSize(1);
    }

    @Test
    void jsonLinesInTheCanonicalForm() {
        String jsonl =
                "{\"order_id\":\"O1\",\"member_id\":\"M1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"status\":\"PAID\","
                        + "\"channel\":\"WEB\",\"currency\":\"TWD\",\"shipping_fee\":\"0.00\",\"order_discount\":\"0.00\","
                        + "\"order_total\":\"10.00\",\"line_count\":1,\"line_no\":1,\"product_id\":\"P1\",\"product_name\":\"茶\","
                        + "\"category\":\"飲料\",\"quantity\":1,\"unit_price\":\"10.00\",\"line_discount\":\"0.00\","
                        + "\"line_amount\":\"10.00\",\"store_id\":null,\"pickup_store_id\":null,\"payment_method\":null,"
                        + "\"shipping_method\":null,\"delivered_at\":null,\"coupon_codes\":null,\"refunds\":null,\"sku\":null,"
                        + "\"unit_cost\":null}\n"
                        + "\n"
                        + "{not json}\n";
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .build()
                .importStream(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "orders.jsonl");
        assertThat(r.preset()).isEqualTo("canonical-orders");
        assertThat(r.rowsRead()).isEqualTo(2);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejections().get(0).line()).isEqualTo(3);
        assertThat(r.rejections().get(0).reason()).startsWith("not valid JSON");
        assertThat(crm.orders().findByMember(MemberId.of("M1"))).hasSize(1);
    }

    @Test
    void aBrokenCsvRecordCostsThatRecordAndReadingGoesOn() {
        String csv = "email,first name\na@x.tw,\"Mei\"x,y\nb@x.tw,Kai\nc@x.tw,\"Lu\"q\nd@x.tw,Dan\ne@x.tw,\"Eve\n";
        Mapping m = Mapping.builder("people", ImportKind.MEMBERS)
                .field(Field.MEMBER_EMAIL, "email")
                .field(Field.MEMBER_FIRST_NAME, "first name")
                .build();
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .mapping(m)
                .build()
                .importStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "people.csv");
        assertThat(r.rowsRead()).isEqualTo(5);
        assertThat(r.accepted()).isEqualTo(2); // b and d
        assertThat(r.rejections()).extracting(Rejection::line).containsExactly(2L, 4L, 6L);
        assertThat(r.rejections().get(0).reason()).startsWith("not readable as CSV: Unexpected character ('x'");
        assertThat(r.rejections().get(2).reason()).contains("Missing closing quote");
        assertThat(crm.members().findByEmail(Email.parse("d@x.tw"))).hasSize(1);
    }

    @Test
    void jsonLinesWhoseFirstObjectLacksKeysStillMapThem() {
        String jsonl = "{\"member_id\":\"M1\",\"joined_at\":\"2025-01-01T00:00:00Z\",\"gender\":\"FEMALE\","
                + "\"consent_email\":null}\n"
                + "{\"member_id\":\"M2\",\"joined_at\":\"2025-01-02T00:00:00Z\",\"gender\":\"MALE\","
                + "\"email\":\"kai@example.com\",\"city\":\"台中市\",\"source\":\"app\"}\n";
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .build()
                .importStream(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "members.ndjson");
        assertThat(r.preset()).isEqualTo("canonical-members");
        assertThat(r.accepted()).isEqualTo(2);
        io.crmkit.core.Member kai = crm.members().find(MemberId.of("M2")).orElseThrow();
        assertThat(kai.email()).contains(Email.parse("kai@example.com"));
        assertThat(kai.city()).contains("台中市");
    }

    @Test
    void anAmbiguousHeaderIsRefusedWithTheCandidates() {
        String header = "Name,Created at,Financial Status,Lineitem quantity,Lineitem name,"
                + "order_id,order_date,line_item_1,billing_email\n";
        assertThatThrownBy(() -> Importer.into(Samples.crm())
                        .build()
                        .importStream(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)), "both.csv"))
                .isInstanceOfSatisfying(
                        PresetDetectionException.class,
                        e -> assertThat(e.candidates()).containsExactly("shopify-orders", "woocommerce-webtoffee"))
                .hasMessageContaining("choose one");
        List<String> both = List.of(
                "Name",
                "Created at",
                "Financial Status",
                "Lineitem quantity",
                "Lineitem name",
                "First Name",
                "Last Name",
                "Email",
                "Total Spent",
                "Total Orders");
        assertThatThrownBy(() -> Preset.detect(both, null))
                .isInstanceOfSatisfying(
                        PresetDetectionException.class,
                        e -> assertThat(e.candidates()).containsExactly("shopify-orders", "shopify-customers"));
        // saying what the file holds settles it
        assertThat(Preset.detect(both, ImportKind.ORDERS).name()).isEqualTo("shopify-orders");
        assertThat(Preset.detect(both, ImportKind.MEMBERS).name()).isEqualTo("shopify-customers");
        assertThatThrownBy(() -> Preset.detect(List.of("a", "b"), null))
                .isInstanceOfSatisfying(
                        PresetDetectionException.class,
                        e -> assertThat(e.candidates()).isEmpty())
                .hasMessageContaining("the presets are [canonical-members");
    }
}
