package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of bad input fails with a {@link SegmentJsonException} that names the path, the line
 * and column, and the reason. JSON here is written with single quotes for readability; {@link #q}
 * turns them into double quotes.
 */
class SegmentJsonErrorsTest {

    /** Single quotes to double quotes. */
    static String q(String json) {
        return json.replace('\'', '"');
    }

    static SegmentJsonException condition(String json) {
        return catchThrowableOfType(SegmentJsonException.class, () -> SegmentJson.conditionFromJson(q(json)));
    }

    static SegmentJsonException segment(String json) {
        return catchThrowableOfType(SegmentJsonException.class, () -> SegmentJson.fromJson(q(json)));
    }

    static SegmentJsonException catalog(String json, CustomPredicate... predicates) {
        return catchThrowableOfType(SegmentJsonException.class, () -> SegmentJson.catalogFromJson(q(json), predicates));
    }

    static void assertError(SegmentJsonException e, String path, int line, int column, String reason) {
        assertThat(e).as("an exception was thrown").isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.reason()).contains(reason);
        assertThat(e.line()).hasValue(line);
        assertThat(e.column()).hasValue(column);
        assertThat(e.getMessage())
                .startsWith(path + " (line " + line + ", column " + column + "): ")
                .contains(reason);
    }

    @Nested
    class Malformed {
        @Test
        void trailingComma() {
            assertError(
                    condition("{\n  'type': 'tagged',\n  'tag': 'vip',\n}"),
                    "$",
                    4,
                    1,
                    "malformed JSON: Unexpected character ('}'");
        }

        @Test
        void namesThePathInsideTheDocument() {
            SegmentJsonException e = condition("{'type': 'and', 'of': [{'type': 'all'}, {'type': 'none']}");
            assertThat(e.path()).isEqualTo("$.of[1]");
            assertThat(e.reason()).startsWith("malformed JSON: ");
            assertThat(e.line()).hasValue(1);
            assertThat(e.column()).isPresent();
        }

        @Test
        void emptyDocument() {
            SegmentJsonException e = condition("  ");
            assertThat(e.path()).isEqualTo("$");
            assertThat(e.reason()).isEqualTo("malformed JSON: the document is empty");
            assertThat(e.line()).isEmpty();
        }

        @Test
        void contentAfterTheDocument() {
            assertError(
                    condition("{'type': 'all'}\n{'type': 'none'}"),
                    "$",
                    2,
                    1,
                    "malformed JSON: unexpected content after the end of the document");
        }

        @Test
        void bytesThatAreNotUtf8() {
            byte[] bytes = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertThatThrownBy(() -> SegmentJson.conditionFromJson(new ByteArrayInputStream(bytes)))
                    .isInstanceOf(SegmentJsonException.class)
                    .hasMessageContaining("not valid UTF-8");
        }

        static String nots(int n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append("{\"type\":\"not\",\"condition\":");
            }
            return b.append("{\"type\":\"all\"}").append("}".repeat(n)).toString();
        }

        @Test
        void conditionsDeeperThanTheLimit() {
            SegmentJsonException e = catchThrowableOfType(
                    SegmentJsonException.class,
                    () -> SegmentJson.conditionFromJson(nots(SegmentJson.MAX_CONDITION_DEPTH)));
            assertThat(e.reason()).isEqualTo("conditions nest more than 100 levels deep");
            assertThat(e.path()).isEqualTo("$" + ".condition".repeat(100));
        }

        @Test
        void conditionsUpToTheLimitAreReadAndWritten() {
            Condition c = SegmentJson.conditionFromJson(nots(SegmentJson.MAX_CONDITION_DEPTH - 1));
            assertThat(SegmentJson.conditionFromJson(SegmentJson.toJson(c))).isEqualTo(c);
        }

        @Test
        void deeperConditionsAreNotWritten() {
            Condition c = new Condition.All();
            for (int i = 0; i < SegmentJson.MAX_CONDITION_DEPTH; i++) {
                c = new Condition.Not(c);
            }
            Condition deep = c;
            assertThatThrownBy(() -> SegmentJson.toJson(deep))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("more than 100 levels deep");
            assertThatThrownBy(() -> SegmentJson.toJson(Segment.of("x", "X", deep)))
                    .isInstanceOf(InvalidValueException.class);
        }

        @Test
        void jsonNestingDeeperThanTheLimit() {
            String json = "{\"type\":\"and\",\"of\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
            assertThatThrownBy(() -> SegmentJson.conditionFromJson(json))
                    .isInstanceOf(SegmentJsonException.class)
                    .hasMessageContaining("document exceeds a limit")
                    .hasMessageContaining("1000");
        }

        @Test
        void deepJsonDoesNotOverflowTheStack() {
            String json = "{\"type\":\"and\",\"of\":" + "[".repeat(998) + "]".repeat(998) + "}";
            assertThatThrownBy(() -> SegmentJson.conditionFromJson(json))
                    .isInstanceOf(SegmentJsonException.class)
                    .hasMessageContaining("expected an object, found an array");
        }

        @Test
        void unpairedSurrogatesInNamesAreRefusedRawOrEscaped() {
            assertThat(condition("{'type': 'custom', 'name': 'x', 'params': {'a\ud800': 'v'}}")
                            .reason())
                    .isEqualTo("malformed JSON: a field name has an unpaired surrogate (not Unicode text)");
            assertThat(condition("{'type': 'custom', 'name': 'x', 'params': {'a\\ud800': 'v'}}")
                            .reason())
                    .startsWith("malformed JSON: ");
            assertThatThrownBy(() -> new Condition.Custom("x", Map.of("a\ud800", "v")))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("is not a parameter name");
        }

        @Test
        void unpairedSurrogatesInValuesRoundTrip() {
            Condition c = new Condition.Custom("x", Map.of("k", "a\ud800b\udc00"));
            String json = SegmentJson.toJson(c);
            assertThat(json).contains("a\\ud800b\\udc00");
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            assertThat(SegmentJson.conditionFromJson(new ByteArrayInputStream(utf8)))
                    .isEqualTo(c);
        }

        @Test
        void duplicateField() {
            assertError(
                    condition("{'type': 'tagged', 'tag': 'a', 'tag': 'b'}"), "$.tag", 1, 32, "duplicate field \"tag\"");
        }

        @Test
        void aFailingReaderIsAnIoProblemNotBadJson() {
            Reader broken = new Reader() {
                @Override
                public int read(char[] buf, int off, int len) throws IOException {
                    throw new IOException("disk on fire");
                }

                @Override
                public void close() {}
            };
            assertThatThrownBy(() -> SegmentJson.conditionFromJson(broken))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("disk on fire");
        }
    }

    @Nested
    class Versions {
        static final String BODY = "'id': 'vip', 'name': 'VIP', 'condition': {'type': 'all'}";

        @Test
        void unknownVersion() {
            assertError(
                    segment("{'crmkit': 'segment/2', " + BODY + "}"),
                    "$.crmkit",
                    1,
                    12,
                    "unsupported format version \"segment/2\"; this version of crmkit reads \"segment/1\"");
        }

        @Test
        void versionIsCheckedBeforeFields() {
            SegmentJsonException e = segment("{'future': 1, 'crmkit': 'segment/9', " + BODY + "}");
            assertThat(e.path()).isEqualTo("$.crmkit");
        }

        @Test
        void missingVersion() {
            assertError(segment("{" + BODY + "}"), "$", 1, 1, "missing required field \"crmkit\"");
        }

        @Test
        void versionMustBeAString() {
            assertError(
                    segment("{'crmkit': 1, " + BODY + "}"), "$.crmkit", 1, 12, "expected a string, found an integer");
        }

        @Test
        void aCatalogIsNotASegment() {
            assertThat(segment("{'crmkit': 'catalog/1', 'segments': []}").reason())
                    .contains("this is a \"catalog/1\" document")
                    .contains("SegmentJson.catalogFromJson");
            assertThat(catalog("{'crmkit': 'segment/1', " + BODY + "}").reason())
                    .contains("this is a \"segment/1\" document")
                    .contains("SegmentJson.fromJson");
        }

        @Test
        void rootMustBeAnObject() {
            assertError(segment("[1, 2]"), "$", 1, 1, "expected an object, found an array");
        }
    }

    @Nested
    class UnknownFields {
        @Test
        void inACondition() {
            assertError(
                    condition("{'type': 'compare', 'measure': 'age', 'minimum': 2}"),
                    "$.minimum",
                    1,
                    39,
                    "unknown field \"minimum\" in a compare condition; allowed: type, measure, window, min, max, currency");
        }

        @Test
        void inASegmentDeepInACondition() {
            SegmentJsonException e = segment(
                    "{'crmkit': 'segment/1', 'id': 'x', 'name': 'X', 'condition': "
                            + "{'type': 'or', 'of': [{'type': 'all'}, {'type': 'orders', 'window': {'lastDays': 3, 'hours': 2}}]}}");
            assertThat(e.path()).isEqualTo("$.condition.of[1].window.hours");
            assertThat(e.reason()).isEqualTo("unknown field \"hours\" in a window; allowed: lastDays, from, to");
        }

        @Test
        void inASegment() {
            assertThat(segment(
                                    "{'crmkit': 'segment/1', 'id': 'x', 'name': 'X', 'tags': [], 'condition': {'type': 'all'}}")
                            .reason())
                    .isEqualTo(
                            "unknown field \"tags\" in a segment; allowed: crmkit, id, name, description, condition");
        }

        @Test
        void inFilters() {
            assertThat(condition("{'type': 'orders', 'filter': {'coupons': 'X'}}")
                            .reason())
                    .startsWith("unknown field \"coupons\" in an order filter; allowed: item, anyCoupon, coupon,");
            assertThat(condition("{'type': 'interactions', 'filter': {'interaction': 'message_sent', 'score': 1}}")
                            .path())
                    .isEqualTo("$.filter.score");
            assertThat(condition("{'type': 'spendOn', 'item': {'brand': 'X'}, 'currency': 'TWD'}")
                            .reason())
                    .isEqualTo("unknown field \"brand\" in an item; allowed: category, product, sku");
        }

        @Test
        void oddNamesAreQuotedInThePath() {
            assertThat(condition("{'type': 'all', 'a b\\\\c': 1}").path()).isEqualTo("$['a b\\\\c']");
        }

        @Test
        void aCatalogSegmentHasNoVersion() {
            assertThat(catalog("{'crmkit': 'catalog/1', 'segments': [{'crmkit': 'segment/1', 'id': 'x', 'name': 'X', "
                                    + "'condition': {'type': 'all'}}]}")
                            .path())
                    .isEqualTo("$.segments[0].crmkit");
        }
    }

    @Nested
    class WrongTypes {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'type': 'tagged', 'tag': 1}|$.tag|expected a string, found an integer",
                    "{'type': 'tagged', 'tag': null}|$.tag|expected a string, found null",
                    "{'type': 'orders', 'min': 2.5}|$.min|expected an integer, found a number with a fraction or exponent",
                    "{'type': 'orders', 'min': 1e3}|$.min|expected an integer, found a number with a fraction or exponent",
                    "{'type': 'orders', 'min': '2'}|$.min|expected an integer, found a string",
                    "{'type': 'not', 'condition': []}|$.condition|expected an object, found an array",
                    "{'type': 'and', 'of': {'type': 'all'}}|$.of|expected an array, found an object",
                    "{'type': 'orders', 'filter': {'anyCoupon': 'yes'}}|$.filter.anyCoupon|expected a boolean, found a string",
                    "{'type': 'custom', 'name': 'x', 'params': {'store': 1}}|$.params.store|expected a string, found an integer",
                    "{'type': true}|$.type|expected a string, found a boolean",
                    "[{'type': 'all'}]|$|expected an object, found an array",
                    "{'type': 'reachable', 'channel': 3}|$.channel|expected a string (one of: email, sms, line, facebook, app_push, phone_call), found an integer",
                })
        void isReportedWithTheExpectedAndTheFoundType(String json, String path, String reason) {
            SegmentJsonException e = condition(json);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).isEqualTo(reason);
        }
    }

    @Nested
    class MissingFields {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{}|$|missing required field \"type\"; one of: all, none, and, or, not, compare,",
                    "{'type': 'compare', 'min': 1}|$|missing required field \"measure\"",
                    "{'type': 'and'}|$|missing required field \"of\"",
                    "{'type': 'not'}|$|missing required field \"condition\"",
                    "{'type': 'spendOn', 'currency': 'TWD'}|$|missing required field \"item\"",
                    "{'type': 'spendOn', 'item': {'sku': 'A'}}|$|missing required field \"currency\"",
                    "{'type': 'compare', 'measure': 'aov'}|$|missing required field \"currency\" (aov is money)",
                    "{'type': 'interactions', 'filter': {}}|$.filter|missing required field \"interaction\"",
                    "{'type': 'interactions'}|$|missing required field \"filter\"",
                    "{'type': 'orders', 'window': {'from': '2025-01-01'}}|$.window|missing required field \"to\"",
                    "{'type': 'attribute', 'key': 'k', 'valueType': 'string', 'test': 'in'}|$|missing required field \"values\"",
                    "{'type': 'attribute', 'key': 'k', 'test': 'exists'}|$|missing required field \"valueType\"",
                })
        void namesTheField(String json, String path, String reason) {
            SegmentJsonException e = condition(json);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).startsWith(reason);
        }

        @Test
        void inASegment() {
            assertError(
                    segment("{'crmkit': 'segment/1',\n 'id': 'x', 'name': 'X'}"),
                    "$",
                    1,
                    1,
                    "missing required field \"condition\"");
            assertThat(segment("{'crmkit': 'segment/1', 'name': 'X', 'condition': {'type': 'all'}}")
                            .reason())
                    .isEqualTo("missing required field \"id\"");
            assertThat(catalog("{'crmkit': 'catalog/1'}").reason()).isEqualTo("missing required field \"segments\"");
        }
    }

    @Nested
    class UnknownEnumValues {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'type': 'segment'}|$.type|unknown condition type \"segment\"; allowed: all, none, and, or, not, compare, profile, attribute, orders, spendOn, interactions, tagged, reachable, optedIn, inSegment, custom",
                    "{'type': 'compare', 'measure': 'NET_SPEND'}|$.measure|unknown measure \"NET_SPEND\"; allowed: order_count, purchase_days, net_spend, aov, days_since_last_purchase, days_since_first_purchase, repurchase_cycle_days, age, days_since_joined, days_to_birthday",
                    "{'type': 'optedIn', 'channel': 'whatsapp'}|$.channel|unknown channel \"whatsapp\"; allowed: email, sms, line, facebook, app_push, phone_call",
                    "{'type': 'profile', 'field': 'district', 'anyOf': ['x']}|$.field|unknown profile field \"district\"; allowed: gender, region, city, source_channel",
                    "{'type': 'attribute', 'key': 'k', 'valueType': 'int', 'test': 'exists'}|$.valueType|unknown valueType \"int\"; allowed: string, integer, long, decimal, boolean, date, instant",
                    "{'type': 'attribute', 'key': 'k', 'valueType': 'long', 'test': 'equals'}|$.test|unknown test \"equals\"; allowed: exists, in, between",
                    "{'type': 'interactions', 'filter': {'interaction': 'opened'}}|$.filter.interaction|unknown interaction \"opened\"; allowed: message_sent, message_opened,",
                })
        void listTheAllowedValues(String json, String path, String reason) {
            SegmentJsonException e = condition(json);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).startsWith(reason);
        }
    }

    @Nested
    class Windows {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "0|must be 1..36600, was 0",
                    "-5|must be 1..36600, was -5",
                    "36601|must be 1..36600, was 36601",
                    "99999999999999999999|99999999999999999999 is out of range",
                })
        void lastDaysOutOfRange(String days, String reason) {
            SegmentJsonException e = segment("{'crmkit': 'segment/1', 'id': 'x', 'name': 'X', 'condition': "
                    + "{'type': 'and', 'of': [{'type': 'all'}, {'type': 'none'}, "
                    + "{'type': 'orders', 'window': {'lastDays': " + days + "}}]}}");
            assertThat(e.path()).isEqualTo("$.condition.of[2].window.lastDays");
            assertThat(e.reason()).startsWith(reason);
        }

        @Test
        void bothForms() {
            assertThat(condition(
                                    "{'type': 'orders', 'window': {'lastDays': 3, 'from': '2025-01-01', 'to': '2025-01-02'}}")
                            .reason())
                    .startsWith("a window is either {\"lastDays\": n} or {\"from\": date, \"to\": date}, not both");
        }

        @Test
        void emptyWindow() {
            assertThat(condition("{'type': 'orders', 'window': {}}").reason())
                    .startsWith("a window needs \"lastDays\", or \"from\" and \"to\"");
        }

        @Test
        void toNotAfterFrom() {
            SegmentJsonException e =
                    condition("{'type': 'orders', 'window': {'from': '2025-11-12', 'to': '2025-11-11'}}");
            assertThat(e.path()).isEqualTo("$.window.to");
            assertThat(e.reason()).startsWith("must be after from (2025-11-12)");
        }

        @ParameterizedTest
        @CsvSource({"2025-13-01", "2025/11/11", "20251111", "2025-02-29", "'2025-11-11 '"})
        void badDates(String date) {
            SegmentJsonException e =
                    condition("{'type': 'orders', 'window': {'from': '" + date + "', 'to': '2030-01-01'}}");
            assertThat(e.path()).isEqualTo("$.window.from");
            assertThat(e.reason()).startsWith("\"" + date + "\" is not a date such as \"2025-11-11\"");
        }

        @Test
        void windowOnAMeasureWithout() {
            assertThat(condition("{'type': 'compare', 'measure': 'age', 'window': {'lastDays': 3}}")
                            .reason())
                    .isEqualTo("age has no window (it is always all-time); allowed with a window: order_count, "
                            + "purchase_days, net_spend, aov");
        }
    }

    @Nested
    class Bounds {
        @Test
        void minAboveMax() {
            assertError(
                    condition("{'type': 'orders',\n 'min': 5,\n 'max': 2}"),
                    "$.max",
                    3,
                    9,
                    "min 5 is greater than max 2");
        }

        @Test
        void moneyMinAboveMax() {
            assertThat(condition("{'type': 'compare', 'measure': 'net_spend', 'min': '100.00', 'max': '99.99', "
                                    + "'currency': 'TWD'}")
                            .reason())
                    .isEqualTo("min 100.00 is greater than max 99.99");
        }

        @Test
        void integerBeyondLong() {
            assertThat(condition("{'type': 'orders', 'max': 9223372036854775808}")
                            .reason())
                    .startsWith("9223372036854775808 is out of range");
        }

        @Test
        void minScoreBeyondInt() {
            assertThat(condition("{'type': 'interactions', 'filter': {'interaction': 'survey_answered', "
                                    + "'minScore': 2147483648}}")
                            .path())
                    .isEqualTo("$.filter.minScore");
        }
    }

    @Nested
    class MoneyText {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "'1,000'|\"1,000\" is not an amount (a plain decimal such as \"1000.00\")",
                    "'1e3'|\"1e3\" is not an amount",
                    "' 10'|\" 10\" is not an amount",
                    "'+10'|\"+10\" is not an amount",
                    "'.5'|\".5\" is not an amount",
                    "'5.'|\"5.\" is not an amount",
                    "'NT$100'|\"NT$100\" is not an amount",
                    "''|\"\" is not an amount",
                    "'100.005'|\"100.005\" has 3 decimals; TWD allows 2",
                    "'1.000'|\"1.000\" has 3 decimals; TWD allows 2",
                    "'999999999999999999999.00'|amount: 999999999999999999999.00 is too large",
                    "1000|expected an amount as a decimal string such as \"1000.00\", found a number",
                    "10.5|expected an amount as a decimal string such as \"1000.00\", found a number",
                })
        void rejectedWithTheReason(String min, String reason) {
            SegmentJsonException e =
                    condition("{'type': 'compare', 'measure': 'net_spend', 'min': " + min + ", 'currency': 'TWD'}");
            assertThat(e.path()).isEqualTo("$.min");
            assertThat(e.reason()).startsWith(reason);
        }

        @Test
        void currencyWithoutMinorUnits() {
            assertThat(condition("{'type': 'spendOn', 'item': {'sku': 'A'}, 'max': '10.5', 'currency': 'JPY'}")
                            .reason())
                    .isEqualTo("\"10.5\" has 1 decimals; JPY allows 0");
        }

        @Test
        void fewerDecimalsThanTheCurrencyAreExact() {
            Condition c = SegmentJson.conditionFromJson(
                    q("{'type': 'compare', 'measure': 'net_spend', 'min': '-12.5', 'currency': 'TWD'}"));
            assertThat(((Condition.Compare) c).bound().min()).isEqualTo(-1250);
        }

        @ParameterizedTest
        @CsvSource({"twd", "XYZ", "NTD", "''"})
        void unknownCurrencies(String code) {
            SegmentJsonException e =
                    condition("{'type': 'compare', 'measure': 'aov', 'min': '1', 'currency': '" + code + "'}");
            assertThat(e.path()).isEqualTo("$.currency");
            assertThat(e.reason()).isEqualTo("\"" + code + "\" is not an ISO 4217 currency code such as \"TWD\"");
        }

        @Test
        void currencyOnACount() {
            assertThat(condition("{'type': 'compare', 'measure': 'order_count', 'min': 1, 'currency': 'TWD'}")
                            .reason())
                    .isEqualTo("\"currency\" is only for money measures (net_spend, aov); order_count is not money");
        }
    }

    @Nested
    class InvalidValues {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'type': 'inSegment', 'segment': 'Lapsed VIP'}|$.segment|segmentId: \"Lapsed VIP\" is not a segment id",
                    "{'type': 'custom', 'name': 'Store VIP'}|$.name|custom.name: \"Store VIP\" is not a predicate name",
                    "{'type': 'attribute', 'key': 'Employees', 'valueType': 'integer', 'test': 'exists'}|$.key|attribute name: \"Employees\" is not an attribute name",
                    "{'type': 'interactions', 'filter': {'interaction': 'message_sent', 'campaign': ' c1'}}|$.filter.campaign|campaignId: \" c1\" has leading or trailing white space",
                    "{'type': 'orders', 'filter': {'store': ''}}|$.filter.store|storeId: must not be empty",
                    "{'type': 'orders', 'filter': {'pickupStore': 'a\\u0001'}}|$.filter.pickupStore|storeId: contains a control character",
                    "{'type': 'orders', 'filter': {'paymentMethod': 'line pay'}}|$.filter.paymentMethod|paymentMethod: \"line pay\" is not a code",
                    "{'type': 'orders', 'filter': {'shippingMethod': 'home'}}|$.filter.shippingMethod|shippingMethod: \"home\" is not a code",
                    "{'type': 'orders', 'filter': {'channel': 'Web'}}|$.filter.channel|salesChannel: \"Web\" is not a code",
                    "{'type': 'orders', 'filter': {'item': {'category': '美妝>保養'}}}|$.filter.item.category|item.value: category \"美妝>保養\" is not normalised",
                    "{'type': 'orders', 'filter': {'item': {'product': ''}}}|$.filter.item.product|productId: must not be empty",
                    "{'type': 'tagged', 'tag': ''}|$.tag|tagged: must be 1 to 128 characters",
                    "{'type': 'and', 'of': [{'type': 'all'}]}|$.of|needs at least two conditions, has 1",
                    "{'type': 'or', 'of': []}|$.of|needs at least two conditions, has 0",
                    "{'type': 'profile', 'field': 'city', 'anyOf': []}|$.anyOf|needs at least one value",
                    "{'type': 'profile', 'field': 'city', 'anyOf': ['台北市', '台北市']}|$.anyOf[1]|duplicate value \"台北市\"",
                    "{'type': 'spendOn', 'item': {}, 'currency': 'TWD'}|$.item|an item has exactly one of \"category\", \"product\" or \"sku\", has none",
                    "{'type': 'spendOn', 'item': {'sku': 'a', 'product': 'b'}, 'currency': 'TWD'}|$.item|an item has exactly one of \"category\", \"product\" or \"sku\", has sku, product",
                })
        void areWrappedWithThePath(String json, String path, String reason) {
            SegmentJsonException e = condition(json);
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).startsWith(reason);
        }

        @Test
        void theModelsExceptionIsTheCause() {
            SegmentJsonException e = condition("{'type': 'inSegment', 'segment': 'Bad'}");
            assertThat(e.getCause()).isInstanceOf(InvalidValueException.class);
            assertThat(e).isInstanceOf(SegmentationException.class);
        }

        @Test
        void blankSegmentName() {
            assertThat(segment("{'crmkit': 'segment/1', 'id': 'x', 'name': '  ', 'condition': {'type': 'all'}}")
                            .path())
                    .isEqualTo("$.name");
        }

        @Test
        void badSegmentId() {
            SegmentJsonException e =
                    segment("{'crmkit': 'segment/1', 'id': '1st', 'name': 'X', 'condition': {'type': 'all'}}");
            assertThat(e.path()).isEqualTo("$.id");
            assertThat(e.reason()).startsWith("segmentId: \"1st\" is not a segment id");
        }
    }

    @Nested
    class Attributes {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "integer|['10']|$.values[0]|expected an integer (valueType integer), found a string",
                    "integer|[2147483648]|$.values[0]|2147483648 is out of range -2147483648..2147483647",
                    "long|[1.5]|$.values[0]|expected an integer (valueType long), found a number with a fraction or exponent",
                    "decimal|[1.5]|$.values[0]|expected a string (valueType decimal), found a number with a fraction or exponent",
                    "decimal|['1,5']|$.values[0]|\"1,5\" is not a decimal number such as \"12.50\"",
                    "decimal|['1e99999999999']|$.values[0]|\"1e99999999999\" is not a decimal number: its exponent is out of range",
                    "boolean|['true']|$.values[0]|expected a boolean (valueType boolean), found a string",
                    "date|['2025-1-1']|$.values[0]|\"2025-1-1\" is not a date such as \"2025-11-11\"",
                    "instant|['2025-11-11T04:00:00']|$.values[0]|\"2025-11-11T04:00:00\" is not an instant such as \"2025-11-11T04:00:00Z\"",
                    "string|[1]|$.values[0]|expected a string (valueType string), found an integer",
                })
        void valuesMustFitTheValueType(String type, String values, String path, String reason) {
            SegmentJsonException e = condition("{'type': 'attribute', 'key': 'k', 'valueType': '" + type
                    + "', 'test': 'in', 'values': " + values + "}");
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).startsWith(reason);
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "boolean|between|[true, false]|$.test|test between does not apply to boolean attributes; use in",
                    "integer|between|[1, 2, 3]|$.values|test between needs exactly two values [min, max], has 3",
                    "integer|between|[5, 1]|$.values|attribute.values: min is above max",
                    "date|between|['2026-01-01', '2025-01-01']|$.values|attribute.values: min is above max",
                    "integer|exists|[1]|$.values|test exists takes no values",
                    "integer|in|[]|$.values|test in needs at least one value",
                })
        void valuesMustFitTheTest(String type, String test, String values, String path, String reason) {
            SegmentJsonException e = condition("{'type': 'attribute', 'key': 'k', 'valueType': '" + type
                    + "', 'test': '" + test + "', 'values': " + values + "}");
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.reason()).isEqualTo(reason);
        }

        @Test
        void existsMayHaveAnEmptyValueList() {
            assertThat(SegmentJson.conditionFromJson(q(
                            "{'type': 'attribute', 'key': 'k', 'valueType': 'date', 'test': 'exists', 'values': []}")))
                    .isEqualTo(Where.hasAttribute(io.crmkit.core.AttributeKey.ofDate("k")));
        }
    }

    @Nested
    class Catalogs {
        static final String VIP = "{'id': 'vip', 'name': 'VIP', 'condition': {'type': 'tagged', 'tag': 'vip'}}";

        @Test
        void duplicateIds() {
            SegmentJsonException e = catalog("{'crmkit': 'catalog/1', 'segments': [" + VIP + ",\n" + VIP + "]}");
            assertThat(e.path()).isEqualTo("$.segments[1].id");
            assertThat(e.line()).hasValue(2);
            assertThat(e.reason()).isEqualTo("duplicate segment id \"vip\"; it is also the id of $.segments[0]");
        }

        @Test
        void unknownSegmentReference() {
            SegmentJsonException e = catalog("{'crmkit': 'catalog/1', 'segments': [" + VIP
                    + ", {'id': 'vip-line', 'name': 'VIP on LINE', 'condition': {'type': 'and', 'of': ["
                    + "{'type': 'inSegment', 'segment': 'vip'}, {'type': 'inSegment', 'segment': 'gold'}]}}]}");
            assertThat(e.path()).isEqualTo("$.segments[1]");
            assertThat(e.reason()).isEqualTo("unknown segment gold (in segment vip-line)");
            assertThat(e.getCause()).isInstanceOf(SegmentationException.class);
        }

        @Test
        void cycles() {
            SegmentJsonException e = catalog("{'crmkit': 'catalog/1', 'segments': ["
                    + "{'id': 'a', 'name': 'A', 'condition': {'type': 'inSegment', 'segment': 'b'}},"
                    + "{'id': 'b', 'name': 'B', 'condition': {'type': 'inSegment', 'segment': 'c'}},"
                    + "{'id': 'c', 'name': 'C', 'condition': {'type': 'not', 'condition': "
                    + "{'type': 'inSegment', 'segment': 'a'}}}]}");
            assertThat(e.path()).isEqualTo("$.segments[0]");
            assertThat(e.reason()).isEqualTo("segments refer to each other in a cycle: a -> b -> c -> a");
        }

        @Test
        void selfReference() {
            assertThat(catalog("{'crmkit': 'catalog/1', 'segments': ["
                                    + "{'id': 'a', 'name': 'A', 'condition': {'type': 'inSegment', 'segment': 'a'}}]}")
                            .reason())
                    .isEqualTo("segments refer to each other in a cycle: a -> a");
        }

        static final String STORE_VIP = "{'crmkit': 'catalog/1', 'segments': [{'id': 'store-vip', 'name': 'Store VIP', "
                + "'condition': {'type': 'custom', 'name': 'crm.store-vip', 'params': {'store': 'S1'}}}]}";

        static CustomPredicate storeVip() {
            return new CustomPredicate() {
                @Override
                public String name() {
                    return "crm.store-vip";
                }

                @Override
                public void validate(Map<String, String> params) {
                    if (!params.containsKey("store")) {
                        throw new InvalidValueException("store", "is required");
                    }
                }

                @Override
                public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
                    return false;
                }
            };
        }

        @Test
        void unknownCustomPredicate() {
            SegmentJsonException e = catalog(STORE_VIP);
            assertThat(e.path()).isEqualTo("$.segments[0]");
            assertThat(e.reason()).isEqualTo("unknown custom predicate \"crm.store-vip\" (in segment store-vip)");
        }

        @Test
        void customPredicatesArePassedIn() {
            SegmentCatalog c = SegmentJson.catalogFromJson(q(STORE_VIP), storeVip());
            assertThat(c.predicate("crm.store-vip")).isPresent();
            assertThat(c.segment(SegmentId.of("store-vip"))).isPresent();
            assertThat(SegmentJson.catalogFromJson(SegmentJson.toJson(c), storeVip())
                            .segments())
                    .containsExactlyElementsOf(c.segments());
        }

        @Test
        void aPredicateThatRejectsItsParameters() {
            SegmentJsonException e = catalog(STORE_VIP.replace("'store'", "'shop'"), storeVip());
            assertThat(e.path()).isEqualTo("$.segments[0]");
            assertThat(e.reason()).isEqualTo("store: is required");
        }

        @Test
        void emptyCatalog() {
            SegmentCatalog c = SegmentJson.catalogFromJson(q("{'crmkit': 'catalog/1', 'segments': []}"));
            assertThat(c.segments()).isEmpty();
            assertThat(SegmentJson.toJson(c)).isEqualTo("{\n  \"crmkit\": \"catalog/1\",\n  \"segments\": []\n}\n");
        }

        @Test
        void orderIsKept() {
            String json = "{'crmkit': 'catalog/1', 'segments': [" + VIP.replace("vip", "zz") + ", "
                    + VIP.replace("vip", "aa") + "]}";
            assertThat(SegmentJson.catalogFromJson(q(json)).segments())
                    .extracting(s -> s.id().value())
                    .containsExactly("zz", "aa");
        }
    }

    @Nested
    class Inputs {
        static final String TAGGED = "{\"type\": \"tagged\", \"tag\": \"貴賓\"}";

        @Test
        void readerAndStreamReadTheSame() {
            Condition want = Where.tagged("貴賓");
            assertThat(SegmentJson.conditionFromJson(new StringReader(TAGGED))).isEqualTo(want);
            assertThat(SegmentJson.conditionFromJson(new ByteArrayInputStream(TAGGED.getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(want);
        }

        @Test
        void aByteOrderMarkIsSkipped() {
            byte[] bytes = ("\uFEFF" + TAGGED).getBytes(StandardCharsets.UTF_8);
            assertThat(SegmentJson.conditionFromJson(new ByteArrayInputStream(bytes)))
                    .isEqualTo(Where.tagged("貴賓"));
        }

        @Test
        void columnsCountCharactersNotBytes() {
            byte[] bytes = "{\"type\": \"tagged\", \"標籤\": 1}".getBytes(StandardCharsets.UTF_8);
            SegmentJsonException e = catchThrowableOfType(
                    SegmentJsonException.class, () -> SegmentJson.conditionFromJson(new ByteArrayInputStream(bytes)));
            assertThat(e.column()).hasValue(20);
        }

        @Test
        void segmentsFromStreams() {
            Segment s = Segment.of("vip", "貴賓", Where.tagged("vip"));
            String json = SegmentJson.toJson(s);
            assertThat(SegmentJson.fromJson(new StringReader(json))).isEqualTo(s);
            assertThat(SegmentJson.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(s);
            SegmentCatalog c = SegmentCatalog.builder().segment(s).build();
            String cj = SegmentJson.toJson(c);
            assertThat(SegmentJson.catalogFromJson(new StringReader(cj)).segments())
                    .containsExactly(s);
            assertThat(SegmentJson.catalogFromJson(new ByteArrayInputStream(cj.getBytes(StandardCharsets.UTF_8)))
                            .segments())
                    .containsExactly(s);
        }

        @Test
        void descriptionIsOptionalWhenRead() {
            assertThat(SegmentJson.fromJson(
                                    q("{'name': 'X', 'condition': {'type': 'all'}, 'id': 'x', 'crmkit': 'segment/1'}"))
                            .description())
                    .isEmpty();
        }

        @Test
        void nullArgumentsAreRejected() {
            assertThatThrownBy(() -> SegmentJson.fromJson((String) null)).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> SegmentJson.toJson((Segment) null)).isInstanceOf(InvalidValueException.class);
        }

        @Test
        void messageWithoutPosition() {
            SegmentJsonException e = new SegmentJsonException("$.x", 0, 0, "bad", null);
            assertThat(e.getMessage()).isEqualTo("$.x: bad");
            assertThat(e.line()).isEmpty();
            assertThat(e.column()).isEmpty();
        }
    }
}
