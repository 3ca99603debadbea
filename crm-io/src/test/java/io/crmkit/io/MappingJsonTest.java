package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.io.internal.BuiltIns;
import io.crmkit.io.internal.Header;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The JSON form of mappings: round trip, and errors that name the path. */
class MappingJsonTest {
    static final String POS = """
            {
              "crmkit": "mapping/1",
              "name": "pos-orders",
              "kind": "orders",
              "source": "POS",
              "zone": "Asia/Taipei",
              "currency": "TWD",
              "callingCode": "886",
              "fields": {
                "order.id": {"column": "單號"},
                "order.placedAt": {"column": "日期", "formats": ["minguo", "yyyy/MM/dd HH:mm"]},
                "order.status": {"column": "狀態", "values": {"已完成": "COMPLETED", "取消": "CANCELLED"}},
                "member.phone": {"columns": ["手機", "電話"], "countryColumn": "國家"},
                "line.name": {"column": "品名"},
                "line.category": {"value": "未分類"},
                "line.quantity": {"column": "數量"},
                "line.amount": {"column": "金額", "decimalSeparator": ","}
              }
            }
            """;

    @Test
    void theDocumentedExampleReadsAsTheBuilderWritesIt() {
        Mapping built = Mapping.builder("pos-orders", ImportKind.ORDERS)
                .source("pos")
                .zone(ZoneId.of("Asia/Taipei"))
                .currency(Currency.getInstance("TWD"))
                .callingCode("886")
                .field(Field.ORDER_ID, "單號")
                .field(Field.ORDER_PLACED_AT, Mapping.column("日期").formats("minguo", "yyyy/MM/dd HH:mm"))
                .field(Field.ORDER_STATUS, Mapping.column("狀態").values(Map.of("已完成", "COMPLETED", "取消", "CANCELLED")))
                .field(Field.MEMBER_PHONE, Mapping.column("手機", "電話").countryColumn("國家"))
                .field(Field.LINE_NAME, "品名")
                .field(Field.LINE_CATEGORY, Mapping.constant("未分類"))
                .field(Field.LINE_QUANTITY, "數量")
                .field(Field.LINE_AMOUNT, Mapping.column("金額").decimalComma())
                .build();
        Mapping read = Mapping.fromJson(POS);
        assertThat(read).isEqualTo(built);
        assertThat(Mapping.fromJson(read.toJson())).isEqualTo(read);
        assertThat(read.columns()).containsExactly("手機", "電話", "國家", "單號", "日期", "狀態", "品名", "數量", "金額");
    }

    @Test
    void everyBuiltInMappingRoundTrips() {
        for (Mapping m : List.of(
                BuiltIns.shopifyOrders(),
                BuiltIns.shopifyCustomers(new Header(List.of("Customer ID"))),
                BuiltIns.magentoCustomers(),
                BuiltIns.shopeeTwOrders())) {
            assertThat(Mapping.fromJson(m.toJson())).as(m.name()).isEqualTo(m);
        }
    }

    @Test
    void errorsNameThePathLineAndColumn() {
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("\"line.name\"", "\"line.title\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.fields[\"line.title\"] (line 14, column")
                .hasMessageContaining("unknown field; known fields: member.id");
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("\"formats\": [\"minguo\", ", "\"formats\": [7, ")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.fields[\"order.placedAt\"].formats[0]")
                .hasMessageContaining("must be a string, was a number");
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm bb")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.fields[\"order.placedAt\"]")
                .hasMessageContaining("nor a date pattern");
        assertThatThrownBy(
                        () -> Mapping.fromJson(POS.replace("\"zone\": \"Asia/Taipei\"", "\"zone\": \"Asia/Taipai\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.zone")
                .hasMessageContaining("is not a time zone id");
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("mapping/1", "mapping/2")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.crmkit")
                .hasMessageContaining("\"mapping/2\" is not supported");
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("\"line.quantity\": {\"column\": \"數量\"},", "")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("an orders mapping needs line.quantity");
        assertThatThrownBy(() -> Mapping.fromJson(POS.replace("{\"value\": \"未分類\"}", "{}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("$.fields[\"line.category\"]")
                .hasMessageContaining("either columns or a constant");
        assertThatThrownBy(() -> Mapping.fromJson("{\"crmkit\": \"mapping/1\",,}"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("not valid JSON (line 1, column");
        assertThatThrownBy(() -> Mapping.fromJson("[]"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("a mapping is a JSON object");
    }

    @Test
    void membersMappingsHoldOnlyMemberFields() {
        assertThatThrownBy(() -> Mapping.builder("m", ImportKind.MEMBERS)
                        .field(Field.MEMBER_EMAIL, "Email")
                        .field(Field.ORDER_ID, "Order")
                        .build())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("a members mapping has member fields only");
        assertThatThrownBy(() -> Mapping.builder("m", ImportKind.MEMBERS)
                        .field(Field.MEMBER_NAME, "Name")
                        .build())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("map at least one of member.id");
    }

    @Provide
    Arbitrary<Mapping> mappings() {
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars('單', '號', ' ', '(', ')', '"', '\\', '/')
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(n -> !n.isBlank());
        Arbitrary<Mapping.Rule> rules = Combinators.combine(
                        names.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.<List<String>>of(
                                List.of(), List.of("iso"), List.of("minguo", "yyyy/MM/dd HH:mm"), List.of("M/d/yyyy")),
                        Arbitraries.of("", "Asia/Taipei", "UTC"),
                        Arbitraries.maps(names, names).ofMaxSize(3),
                        Arbitraries.of('.', ','),
                        names.injectNull(0.5),
                        names.injectNull(0.8))
                .as((cols, formats, zone, values, decimal, country, constant) -> new Mapping.Rule(
                        constant == null ? cols : List.of(),
                        constant,
                        formats,
                        zone.isEmpty() ? null : ZoneId.of(zone),
                        values,
                        decimal,
                        country));
        return Combinators.combine(
                        names,
                        Arbitraries.of(ImportKind.MEMBERS, ImportKind.ORDERS),
                        Arbitraries.of("IMPORT", "POS", "SHOPEE_TW"),
                        rules.list().ofSize(12),
                        Arbitraries.of("", "886", "1"))
                .as((name, kind, source, rs, calling) -> {
                    Mapping.Builder b = Mapping.builder(name, kind).source(source);
                    if (!calling.isEmpty()) {
                        b.callingCode(calling);
                    }
                    List<Field> fields = kind == ImportKind.MEMBERS
                            ? List.of(
                                    Field.MEMBER_EMAIL,
                                    Field.MEMBER_PHONE,
                                    Field.MEMBER_NAME,
                                    Field.MEMBER_BIRTHDAY,
                                    Field.MEMBER_TAGS,
                                    Field.MEMBER_GENDER)
                            : List.of(
                                    Field.ORDER_ID,
                                    Field.ORDER_PLACED_AT,
                                    Field.LINE_QUANTITY,
                                    Field.LINE_AMOUNT,
                                    Field.LINE_NAME,
                                    Field.MEMBER_EMAIL,
                                    Field.ORDER_STATUS,
                                    Field.LINE_CATEGORY);
                    for (int i = 0; i < fields.size(); i++) {
                        b.field(fields.get(i), rs.get(i));
                    }
                    return b.build();
                });
    }

    @Property(tries = 300)
    void everyMappingRoundTripsThroughJson(@ForAll("mappings") Mapping m) {
        assertThat(Mapping.fromJson(m.toJson())).isEqualTo(m);
    }

    @Provide
    Arbitrary<String> edits() {
        // random single-character edits of a valid mapping: delete, duplicate, or replace by a JSON character
        return Arbitraries.integers()
                .between(0, POS.length() - 1)
                .flatMap(at -> Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "0", "x", "\\", "null")
                        .flatMap(ch -> Arbitraries.of(0, 1, 2).map(kind -> switch (kind) {
                            case 0 -> POS.substring(0, at) + POS.substring(at + 1);
                            case 1 -> POS.substring(0, at) + ch + POS.substring(at);
                            default -> POS.substring(0, at) + ch + POS.substring(at + 1);
                        })));
    }

    @Property(tries = 400)
    void randomEditsFailOnlyWithMappingException(@ForAll("edits") String json) {
        try {
            Mapping m = Mapping.fromJson(json);
            assertThat(Mapping.fromJson(m.toJson())).isEqualTo(m);
        } catch (MappingException e) {
            assertThat(e.path()).startsWith("$");
        }
    }
}
