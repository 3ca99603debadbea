package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link JourneyJson}: whatever is written reads back equal and writes back to the
 * same text; whatever a random edit does to a valid document, reading it either succeeds or fails
 * with a {@link JourneyJsonException}, never with anything else.
 */
class JourneyJsonPropertiesTest {

    @Property(tries = 1000)
    void journeysRoundTrip(@ForAll("journeys") Journey j) {
        String json = JourneyJson.toJson(j);
        Journey back = JourneyJson.fromJson(json);
        assertThat(back).isEqualTo(j);
        assertThat(JourneyJson.toJson(back)).isEqualTo(json);
    }

    @Property(tries = 200)
    void journeyListsRoundTrip(@ForAll("lists") List<Journey> journeys) {
        String json = JourneyJson.toJson(journeys);
        List<Journey> back = JourneyJson.journeysFromJson(json);
        assertThat(back).isEqualTo(journeys);
        assertThat(JourneyJson.toJson(back)).isEqualTo(json);
    }

    @Property(tries = 500)
    void guardsRoundTrip(@ForAll("guards") Guards g) {
        String json = JourneyJson.toJson(g);
        Guards back = JourneyJson.guardsFromJson(json);
        assertThat(back).isEqualTo(g);
        assertThat(JourneyJson.toJson(back)).isEqualTo(json);
    }

    @Property(tries = 3000)
    void randomEditsFailOnlyWithJourneyJsonException(@ForAll("journeys") Journey j, @ForAll long seed) {
        String edited = edit(JourneyJson.toJson(j), new Random(seed));
        try {
            Journey back = JourneyJson.fromJson(edited);
            assertThat(back).isNotNull();
        } catch (JourneyJsonException e) {
            assertThat(e.getMessage()).startsWith(e.path());
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void randomEditsOfGuardsFailOnlyWithJourneyJsonException(@ForAll("guards") Guards g, @ForAll long seed) {
        String edited = edit(JourneyJson.toJson(g), new Random(seed));
        try {
            assertThat(JourneyJson.guardsFromJson(edited)).isNotNull();
        } catch (JourneyJsonException e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    private static final String[] TOKENS = {
        "\"",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "0",
        "-1",
        "null",
        "true",
        "\"x\"",
        "\"P0D\"",
        "\"PT0S\"",
        "\"25:00\"",
        "\"MON\"",
        "\"once_per\"",
        "\"branch\"",
        "\"nope\"",
        "1e400",
        "\\u",
        "99999999999999999999",
        "\"\"",
        " "
    };

    /** One to three random edits: delete a span, insert a token, or replace a value-ish span. */
    static String edit(String json, Random r) {
        String s = json;
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && !s.isEmpty(); k++) {
            int at = r.nextInt(s.length());
            int len = 1 + r.nextInt(Math.min(12, s.length() - at));
            String token = TOKENS[r.nextInt(TOKENS.length)];
            s = switch (r.nextInt(3)) {
                case 0 -> s.substring(0, at) + s.substring(at + len);
                case 1 -> s.substring(0, at) + token + s.substring(at);
                default -> s.substring(0, at) + token + s.substring(at + len);
            };
        }
        return s;
    }

    @Provide
    Arbitrary<Journey> journeys() {
        return JourneyArbitraries.journeys();
    }

    @Provide
    Arbitrary<List<Journey>> lists() {
        return JourneyArbitraries.journeys()
                .list()
                .ofMaxSize(4)
                .filter(l -> l.stream()
                                .map(x -> x.id() + " " + x.version())
                                .distinct()
                                .count()
                        == l.size());
    }

    @Provide
    Arbitrary<Guards> guards() {
        return JourneyArbitraries.guards();
    }

    static Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
