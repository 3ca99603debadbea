package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.segmentation.Where;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README.md's "Journeys as JSON", compiled and run; the README copy must stay identical. */
class ReadmeJourneysJsonTest {
    @Test
    void theReadmeCodeRuns() {
        // readme:journeys-json:start
        Journey birthday = Journey.builder("birthday")
                .name("生日禮：10:00 問候與優惠券")
                .entry(Entry.birthday(0, LocalTime.of(10, 0))) // on the birthday, 10:00 in the member's zone
                .reentry(Reentry.oncePer(Period.ofYears(1)))
                .filter(Where.not(Where.tagged("do-not-contact"))) // the segment JSON form inside
                .step(Step.issueCoupon("birthday-coupon", "birthday"))
                .step(Step.send(
                        "greeting",
                        ContactChannel.LINE,
                        "birthday-greeting",
                        Map.of("name", "${member.name}", "coupon", "${coupon}")))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();

        String json = JourneyJson.toJson(birthday); // {"crmkit": "journey/1", "id": "birthday", ...}
        Journey same = JourneyJson.fromJson(json); // equals birthday; toJson(same) is json again
        String all = JourneyJson.toJson(List.of(birthday)); // {"crmkit": "journeys/1", "journeys": [...]}
        String guards = JourneyJson.toJson(Guards.builder()
                .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0))
                .build());

        try {
            JourneyJson.fromJson(json.replace("\"P30D\"", "\"30 days\""));
        } catch (JourneyJsonException e) {
            // $.goal.window (line 43, column 15): "30 days" is not an ISO-8601 duration such as "P7D" or "PT2H"
            String where =
                    e.path() + " " + e.line().orElse(0) + ":" + e.column().orElse(0) + " " + e.reason();
        }
        // readme:journeys-json:end

        assertThat(same).isEqualTo(birthday);
        assertThat(JourneyJson.journeysFromJson(all)).containsExactly(birthday);
        assertThat(JourneyJson.guardsFromJson(guards).isQuiet(LocalTime.of(23, 0)))
                .isTrue();
        JourneyJsonException e = catchThrowableOfType(
                JourneyJsonException.class, () -> JourneyJson.fromJson(json.replace("\"P30D\"", "\"30 days\"")));
        assertThat(e.getMessage())
                .isEqualTo(
                        "$.goal.window (line 43, column 15): \"30 days\" is not an ISO-8601 duration such as \"P7D\" or \"PT2H\"");
        assertThat(InteractionType.SURVEY_ANSWERED).isNotNull();
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/" + getClass().getName().replace('.', '/') + ".java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf("<!-- readme:journeys-json");
        assertThat(marker)
                .as("README.md has a <!-- readme:journeys-json --> marker")
                .isGreaterThanOrEqualTo(0);
        assertThat(normalise(between(readme.substring(marker), "```java", "```")))
                .isEqualTo(normalise(between(test, "// readme:journeys-json:start", "// readme:journeys-json:end")));
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + start.length());
        assertThat(a).as("marker %s", start).isGreaterThanOrEqualTo(0);
        assertThat(b).as("marker %s", end).isGreaterThan(a);
        return text.substring(a + start.length(), b);
    }

    /** Compares code line by line, ignoring indentation and blank lines. */
    private static String normalise(String code) {
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                b.append(line.strip()).append('\n');
            }
        }
        return b.toString();
    }
}
