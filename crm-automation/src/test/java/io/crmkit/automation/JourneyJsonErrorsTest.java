package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.segmentation.SegmentJsonException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input fails with a {@link JourneyJsonException} that names the JSON path from
 * the document's root, the line and column, and the reason — also inside embedded conditions and
 * for definitions the builder refuses. JSON here is written with single quotes; {@link #q} turns
 * them into double quotes.
 */
class JourneyJsonErrorsTest {

    static String q(String json) {
        return json.replace('\'', '"');
    }

    /** A journey/1 document whose steps are one per line from line 6, column 5. */
    static String doc(String... steps) {
        return q(
                "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'event', 'trigger': {'type': 'order_placed'}},\n"
                        + "  'steps': [\n    " + String.join(",\n    ", steps) + "\n  ]\n}\n");
    }

    static JourneyJsonException journey(String json) {
        JourneyJsonException e = catchThrowableOfType(JourneyJsonException.class, () -> JourneyJson.fromJson(json));
        assertThat(e).as("reading fails with a JourneyJsonException").isNotNull();
        return e;
    }

    static void assertError(JourneyJsonException e, String path, int line, int column, String reason) {
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.line()).hasValue(line);
        assertThat(e.column()).hasValue(column);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isEqualTo(path + " (line " + line + ", column " + column + "): " + reason);
        assertThat(e.where()).isEqualTo(path + " (line " + line + ", column " + column + ")");
    }

    // ---- malformed text -------------------------------------------------------------------------

    @Test
    void malformedJsonNamesWhereTheParserStopped() {
        JourneyJsonException e = journey(doc("{'type': 'exit', 'id': 'a',}"));
        assertThat(e.path()).isEqualTo("$.steps[0]");
        assertThat(e.line()).hasValue(6);
        assertThat(e.column()).hasValue(32);
        assertThat(e.reason()).startsWith("malformed JSON: Unexpected character ('}'");
    }

    @Test
    void emptyDocumentAndTrailingContent() {
        assertThat(journey("  ").getMessage()).isEqualTo("$: malformed JSON: the document is empty");
        assertError(
                journey(doc("{'type': 'exit', 'id': 'a'}") + "{}"),
                "$",
                9,
                1,
                "malformed JSON: unexpected content after the end of the document");
    }

    @Test
    void duplicateField() {
        assertError(
                journey(doc("{'type': 'exit', 'id': 'a', 'id': 'b'}")),
                "$.steps[0].id",
                6,
                33,
                "duplicate field \"id\"");
    }

    @Test
    void bytesThatAreNotUtf8() {
        JourneyJsonException e = catchThrowableOfType(
                JourneyJsonException.class,
                () -> JourneyJson.fromJson(new ByteArrayInputStream(new byte[] {'{', (byte) 0xC3, '}'})));
        assertThat(e.getMessage()).isEqualTo("$: malformed JSON: the input is not valid UTF-8");
    }

    @Test
    void aFailingReaderIsAnIoProblemNotBadJson() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {}
        };
        assertThatThrownBy(() -> JourneyJson.fromJson(broken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk gone");
    }

    @Test
    void deepNestingIsRefusedWithoutOverflowingTheStack() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        JourneyJsonException e = journey(q("{'crmkit': 'journey/1', 'x': " + deep + "}"));
        assertThat(e.reason()).startsWith("document exceeds a limit: ");
        String fine = "[".repeat(900) + "]".repeat(900);
        assertError(
                journey(q("{'crmkit': 'journey/1', 'x': " + fine + "}")),
                "$.x",
                1,
                25,
                "unknown field \"x\" in a journey; allowed: crmkit, id, version, name, entry, reentry, filter, steps, goal");
    }

    // ---- format ---------------------------------------------------------------------------------

    @Test
    void unknownFormat() {
        assertError(
                journey(q("{\n  'crmkit': 'journey/2',\n  'id': 't'\n}")),
                "$.crmkit",
                2,
                13,
                "unknown format \"journey/2\"; this reader reads \"journey/1\"");
    }

    @Test
    void aListIsNotAJourney() {
        assertError(
                journey(q("{'crmkit': 'journeys/1', 'journeys': []}")),
                "$.crmkit",
                1,
                12,
                "this is a journeys/1 document, not journey/1; read it with JourneyJson.journeysFromJson");
    }

    @Test
    void missingFormatAndRootNotAnObject() {
        assertError(journey(q("{'id': 't'}")), "$", 1, 1, "missing required field \"crmkit\"");
        assertError(journey("[]"), "$", 1, 1, "expected an object, found an array");
    }

    // ---- fields and types -----------------------------------------------------------------------

    @Test
    void unknownFieldListsTheAllowedOnes() {
        assertError(
                journey(doc("{'type': 'wait', 'id': 'w', 'duration': 'P1D', 'then': 'x'}")),
                "$.steps[0].then",
                6,
                52,
                "unknown field \"then\" in a wait step; allowed: type, id, duration, next");
    }

    @Test
    void onlyInteractionTriggersTakeAScore() {
        assertError(
                journey(
                        q(
                                "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'event', 'trigger': {'type': 'order_placed', 'minScore': 5}},\n  'steps': [{'type': 'exit', 'id': 'e'}]\n}")),
                "$.entry.trigger.minScore",
                4,
                66,
                "unknown field \"minScore\" in an order_placed trigger; allowed: type");
    }

    @Test
    void wrongJsonType() {
        assertError(
                journey(q("{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'version': '2'\n}")),
                "$.version",
                4,
                14,
                "expected an integer, found a string");
        assertError(
                journey(doc("{'type': 'exit', 'id': null}")), "$.steps[0].id", 6, 28, "expected a string, found null");
    }

    @Test
    void missingRequiredField() {
        assertError(
                journey(q("{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'steps': []\n}")),
                "$",
                1,
                1,
                "missing required field \"entry\"");
        assertError(
                journey(doc("{'type': 'wait', 'id': 'w'}")), "$.steps[0]", 6, 5, "missing required field \"duration\"");
    }

    @Test
    void unknownEnumValues() {
        assertError(
                journey(doc("{'type': 'send', 'id': 's', 'channel': 'fax', 'template': 't'}")),
                "$.steps[0].channel",
                6,
                44,
                "unknown channel \"fax\"; allowed: email, sms, line, facebook, app_push, phone_call");
        assertError(
                journey(doc("{'type': 'sleep', 'id': 's'}")),
                "$.steps[0].type",
                6,
                14,
                "unknown step type \"sleep\"; allowed: wait, waitUntil, waitForEvent, branch, split, send, issueCoupon,"
                        + " tag, untag, awardPoints, custom, exit");
    }

    @Test
    void badDurationTimeAndWeekday() {
        assertError(
                journey(doc("{'type': 'wait', 'id': 'w', 'duration': '7 days'}")),
                "$.steps[0].duration",
                6,
                45,
                "\"7 days\" is not an ISO-8601 duration such as \"P7D\" or \"PT2H\"");
        assertError(
                journey(doc("{'type': 'waitUntil', 'id': 'w', 'at': '25:00'}")),
                "$.steps[0].at",
                6,
                44,
                "\"25:00\" is not a local time such as \"10:00\" or \"21:30:15\"");
        assertError(
                journey(doc("{'type': 'waitUntil', 'id': 'w', 'at': '10:00', 'days': ['MON', 'Monday']}")),
                "$.steps[0].days[1]",
                6,
                69,
                "unknown weekday \"Monday\"; allowed: MON, TUE, WED, THU, FRI, SAT, SUN");
        assertError(
                journey(doc("{'type': 'waitUntil', 'id': 'w', 'at': '10:00', 'days': ['MON', 'MON']}")),
                "$.steps[0].days[1]",
                6,
                69,
                "weekday \"MON\" appears twice");
    }

    @Test
    void outOfRangeValuesFromTheModel() {
        assertError(
                journey(doc("{'type': 'wait', 'id': 'w', 'duration': 'PT0S'}")),
                "$.steps[0].duration",
                6,
                45,
                "must be positive");
        assertError(
                journey(
                        q(
                                "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'birthday', 'daysBefore': 61, 'at': '10:00'},\n  'steps': [{'type': 'exit', 'id': 'e'}]\n}")),
                "$.entry.daysBefore",
                4,
                47,
                "must be 0..60, not 61");
        assertError(
                journey(
                        q(
                                "{\n  'crmkit': 'journey/1',\n  'id': 'Bad Id',\n  'entry': {'type': 'birthday', 'at': '10:00'},\n  'steps': []\n}")),
                "$.id",
                3,
                9,
                "\"Bad Id\" is not a journey id (a lower-case letter, then up to 63 lower-case letters, digits, - or _)");
        assertError(
                journey(doc("{'type': 'exit', 'id': 'no spaces'}")),
                "$.steps[0].id",
                6,
                28,
                "\"no spaces\" is not a step id (a letter or digit, then up to 63 of A-Z a-z 0-9 _ . ? -)");
    }

    // ---- definitions ----------------------------------------------------------------------------

    @Test
    void aBranchToAStepThatDoesNotExist() {
        assertError(
                journey(doc(
                        "{'type': 'branch', 'id': 'b', 'condition': {'type': 'all'}, 'then': 'e', 'otherwise': 'thanks'}",
                        "{'type': 'exit', 'id': 'e'}")),
                "$.steps[0].otherwise",
                6,
                91,
                "goes to \"thanks\", which is not a step");
    }

    @Test
    void aStepIdUsedTwice() {
        assertError(
                journey(doc("{'type': 'exit', 'id': 'e'}", "{'type': 'exit', 'id': 'e'}")),
                "$.steps[1].id",
                7,
                28,
                "step id \"e\" is already used by steps[0]");
    }

    @Test
    void aLoopWithoutAWait() {
        assertError(
                journey(doc(
                        "{'type': 'tag', 'id': 'a', 'tag': 'x', 'next': 'b'}",
                        "{'type': 'tag', 'id': 'b', 'tag': 'y', 'next': 'a'}")),
                "$.steps[0]",
                6,
                5,
                "is on a loop without a wait step");
    }

    @Test
    void splitPercentagesThatDoNotAddUp() {
        assertError(
                journey(doc(
                        "{'type': 'split', 'id': 's', 'arms': [{'label': 'a', 'percent': 50, 'target': 'e'}, {'label': 'control', 'percent': 40}]}",
                        "{'type': 'exit', 'id': 'e'}")),
                "$.steps[0].arms",
                6,
                42,
                "percentages add up to 90, not 100");
    }

    @Test
    void noSteps() {
        assertError(journey(doc()), "$.steps", 5, 12, "has no steps");
    }

    // ---- embedded conditions --------------------------------------------------------------------

    @Test
    void anErrorInsideABranchConditionNamesThePathAndPositionInTheJourneyDocument() {
        String json = doc(
                "{'type': 'exit', 'id': 'e'}",
                "{'type': 'branch', 'id': 'b', 'condition': {'type': 'and', 'of': [{'type': 'tagged', 'tag': 'vip'},\n"
                        + "      {'type': 'compare', 'measure': 'order_count', 'min': 'two'}]}, 'then': 'e', 'otherwise': 'e'}");
        JourneyJsonException e = journey(json);
        assertError(e, "$.steps[1].condition.of[1].min", 8, 60, "expected an integer, found a string");
        assertThat(e.getCause()).isInstanceOf(SegmentJsonException.class);
    }

    @Test
    void anErrorInsideTheFilterAndTheBroadcastAudience() {
        assertError(
                journey(
                        q(
                                "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'event', 'trigger': {'type': 'order_placed'}},\n"
                                        + "  'filter': {'type': 'tagged', 'tag': 'vip', 'tag': 'x'},\n  'steps': [{'type': 'exit', 'id': 'e'}]\n}")),
                "$.filter.tag",
                5,
                46,
                "duplicate field \"tag\"");
        assertError(
                journey(
                        q(
                                "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'broadcast', 'first': '2026-11-11T02:00:00Z',\n"
                                        + "    'audience': {'type': 'segment'}},\n  'steps': [{'type': 'exit', 'id': 'e'}]\n}")),
                "$.entry.audience.type",
                5,
                26,
                "unknown condition type \"segment\"; allowed: all, none, and, or, not, compare, profile, attribute, orders,"
                        + " spendOn, interactions, tagged, reachable, optedIn, inSegment, custom");
        assertError(
                journey(q(
                        "{\n  'crmkit': 'journey/1',\n  'id': 't',\n  'entry': {'type': 'event', 'trigger': {'type': 'order_placed'}},\n"
                                + "  'filter': 'vip',\n  'steps': [{'type': 'exit', 'id': 'e'}]\n}")),
                "$.filter",
                5,
                13,
                "expected an object, found a string");
    }

    @Test
    void windowsLineEndsAndTabsCountAsTheEditorCountsThem() {
        String json = doc(
                        "{'type': 'exit', 'id': 'e'}",
                        "{'type': 'branch', 'id': 'b', 'condition': {'type': 'and', 'of': [{'type': 'tagged', 'tag': 'vip'},\n"
                                + "\t{'type': 'tagged', 'tag': 7}]}, 'then': 'e', 'otherwise': 'e'}")
                .replace("\n", "\r\n");
        assertError(journey(json), "$.steps[1].condition.of[1].tag", 8, 28, "expected a string, found an integer");
    }

    @Test
    void theModelsRefusalIsTheCause() {
        JourneyJsonException e = journey(doc("{'type': 'wait', 'id': 'w', 'duration': 'PT0S'}"));
        assertThat(e.getCause()).isInstanceOf(io.crmkit.core.InvalidValueException.class);
        JourneyJsonException loop = journey(doc("{'type': 'tag', 'id': 'a', 'tag': 'x', 'next': 'a'}"));
        assertThat(loop.getCause()).isInstanceOf(JourneyDefinitionException.class);
        assertThat(loop.getMessage()).isEqualTo("$.steps[0] (line 6, column 5): is on a loop without a wait step");
    }

    // ---- lists and guards -----------------------------------------------------------------------

    @Test
    void aListWithTheSameJourneyVersionTwice() {
        String j =
                "{'id': 'a', 'entry': {'type': 'event', 'trigger': {'type': 'order_placed'}}, 'steps': [{'type': 'exit', 'id': 'e'}]}";
        JourneyJsonException e = catchThrowableOfType(
                JourneyJsonException.class,
                () -> JourneyJson.journeysFromJson(
                        q("{\n  'crmkit': 'journeys/1',\n  'journeys': [\n    " + j + ",\n    " + j + "\n  ]\n}")));
        assertError(e, "$.journeys[1].id", 5, 12, "journey \"a\" version 1 is already defined at $.journeys[0]");
        JourneyJsonException withFormat = catchThrowableOfType(
                JourneyJsonException.class,
                () -> JourneyJson.journeysFromJson(
                        q("{'crmkit': 'journeys/1', 'journeys': [{'crmkit': 'journey/1'}]}")));
        assertThat(withFormat.getMessage())
                .isEqualTo("$.journeys[0].crmkit (line 1, column 40): unknown field \"crmkit\" in a journey of a list;"
                        + " allowed: id, version, name, entry, reentry, filter, steps, goal");
    }

    @Test
    void guardsThatContradictThemselves() {
        assertThat(catchThrowableOfType(
                                JourneyJsonException.class,
                                () -> JourneyJson.guardsFromJson(
                                        q("{'crmkit': 'guards/1', 'quietHours': {'from': '21:00', 'until': '21:00'}}")))
                        .getMessage())
                .isEqualTo("$.quietHours (line 1, column 38): start and end are the same time");
        assertThat(catchThrowableOfType(
                                JourneyJsonException.class,
                                () -> JourneyJson.guardsFromJson(
                                        q("{'crmkit': 'guards/1', 'frequencyCap': {'messages': 3, 'per': 'PT0S'}}")))
                        .getMessage())
                .isEqualTo("$.frequencyCap.per (line 1, column 63): must be positive when there is a cap");
        assertThat(catchThrowableOfType(
                                JourneyJsonException.class,
                                () -> JourneyJson.guardsFromJson(
                                        q("{'crmkit': 'guards/1', 'suppressTags': ['a', 'a']}")))
                        .getMessage())
                .isEqualTo("$.suppressTags[1] (line 1, column 46): tag \"a\" appears twice");
    }

    @Test
    void nothingIsHalfApplied() {
        // a JourneyJsonException is all a caller gets: no journey, no partial list
        assertThatThrownBy(
                        () -> JourneyJson.journeysFromJson(
                                q(
                                        "{'crmkit': 'journeys/1', 'journeys': [{'id': 'a', 'entry': {'type': 'event', 'trigger': {'type': 'order_placed'}}, 'steps': [{'type': 'exit', 'id': 'e'}]}, 7]}")))
                .isInstanceOf(JourneyJsonException.class)
                .isInstanceOf(JourneyDefinitionException.class)
                .hasMessage("$.journeys[1] (line 1, column 157): expected an object, found an integer");
    }
}
