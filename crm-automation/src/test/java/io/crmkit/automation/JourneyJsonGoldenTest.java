package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The DOMAIN.md flows as JSON files ({@code src/test/resources/journeys}) read as the journeys built
 * with the fluent API in {@link Flows}, through every input type, and are written back to the same
 * bytes.
 */
class JourneyJsonGoldenTest {

    static String resource(String name) throws IOException {
        try (InputStream in = JourneyJsonGoldenTest.class.getResourceAsStream("/journeys/" + name + ".json")) {
            assertThat(in).as("resource journeys/%s.json", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenFilesReadAsTheFlowsAndWriteBackToTheSameText() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Journey> e : Flows.golden().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                String json = resource(e.getKey());
                Journey expected = e.getValue();
                assertThat(JourneyJson.fromJson(json)).isEqualTo(expected);
                try (InputStream in = getClass().getResourceAsStream("/journeys/" + e.getKey() + ".json")) {
                    assertThat(JourneyJson.fromJson(in)).isEqualTo(expected);
                }
                try (InputStream in = getClass().getResourceAsStream("/journeys/" + e.getKey() + ".json")) {
                    assertThat(JourneyJson.fromJson(new InputStreamReader(in, StandardCharsets.UTF_8)))
                            .isEqualTo(expected);
                }
                assertThat(JourneyJson.toJson(expected)).isEqualTo(json);
            }));
        }
        return tests.stream();
    }

    @Test
    void theGoldenFilesAreTheDomainFlows() throws IOException {
        Journey s5 = JourneyJson.fromJson(resource("s5-lifecycle"));
        assertThat(s5.entry()).isEqualTo(Entry.on(Trigger.memberRegistered()));
        assertThat(s5.steps()).extracting(Step::id).startsWith("next-day", "bought?", "welcome-coupon", "welcome");
        Step fiveStars = s5.step("five-stars").orElseThrow();
        assertThat(fiveStars)
                .isEqualTo(Step.waitForEvent(
                        "five-stars",
                        Trigger.interaction(io.crmkit.core.InteractionType.SURVEY_ANSWERED, 5),
                        java.time.Duration.ofDays(14),
                        "three-months"));
        Journey birthday = JourneyJson.fromJson(resource("birthday"));
        assertThat(birthday.entry()).isEqualTo(Entry.birthday(0, java.time.LocalTime.of(10, 0)));
        assertThat(((Step.Send) birthday.step("greeting").orElseThrow()).variables())
                .containsEntry("name", "${member.name}")
                .containsEntry("coupon", "${coupon}");
        Journey winBack = JourneyJson.fromJson(resource("win-back"));
        assertThat(winBack.entry()).isEqualTo(Entry.repurchaseDue(2.0, 90, java.time.LocalTime.of(11, 0)));
    }

    @Test
    void aListOfTheFlowsRoundTrips() {
        List<Journey> all = new ArrayList<>(Flows.golden().values());
        all.addAll(Flows.everyKind());
        String json = JourneyJson.toJson(all);
        assertThat(json).startsWith("{\n  \"crmkit\": \"journeys/1\",\n  \"journeys\": [\n");
        assertThat(JourneyJson.journeysFromJson(json)).isEqualTo(all);
        assertThat(JourneyJson.toJson(JourneyJson.journeysFromJson(json))).isEqualTo(json);
        assertThat(JourneyJson.journeysFromJson(
                        new java.io.ByteArrayInputStream(("\uFEFF" + json).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(all);
    }

    @Test
    void guardsRoundTrip() {
        Guards g = Flows.guards();
        String json = JourneyJson.toJson(g);
        assertThat(JourneyJson.guardsFromJson(json)).isEqualTo(g);
        assertThat(JourneyJson.toJson(Guards.consentOnly())).isEqualTo("{\n  \"crmkit\": \"guards/1\"\n}\n");
        assertThat(JourneyJson.guardsFromJson("{\"crmkit\": \"guards/1\"}")).isEqualTo(Guards.consentOnly());
    }
}
