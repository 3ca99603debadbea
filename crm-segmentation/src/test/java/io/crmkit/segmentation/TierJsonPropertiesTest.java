package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The JSON form of random tier programmes reads back equal and writes back the same text; whatever
 * random edits do to a valid document, reading it succeeds or fails with a {@link TierJsonException}.
 */
class TierJsonPropertiesTest {

    @Property(tries = 1000)
    void programmesRoundTrip(@ForAll long seed) {
        TierProgram p = TierRandom.program(new Random(seed), null, false);
        String json = TierJson.toJson(p);
        TierProgram back = TierJson.fromJson(json);
        assertThat(back).isEqualTo(p).hasSameHashCodeAs(p);
        assertThat(TierJson.toJson(back)).isEqualTo(json);
        assertThat(TierProgram.from(p).build()).isEqualTo(p);
    }

    /**
     * Tiers in the wrong order are refused by the builder's rules, and the error points into the
     * document: at the tier (or its requirement) that is not above the one before it, with the
     * builder's reason.
     */
    @Property(tries = 500)
    void tiersOutOfOrderFailAtTheOffendingTier(@ForAll long seed) {
        Random random = new Random(seed);
        TierProgram p = TierRandom.program(random, null, false);
        Assume.that(p.tiers().size() >= 2);
        int i = random.nextInt(p.tiers().size() - 1);
        List<Tier> swapped = new ArrayList<>(p.tiers());
        Collections.swap(swapped, i, i + 1);
        String json = swapTiers(TierJson.toJson(p), i);

        assertThatThrownBy(() -> TierJson.fromJson(json)).isInstanceOfSatisfying(TierJsonException.class, e -> {
            assertThat(e.path()).matches("\\$\\.tiers\\[" + (i + 1) + "](\\.(minSpend|minOrders))?");
            assertThat(e.line()).isNotEmpty();
            assertThatThrownBy(() -> TierProgram.from(p).tiers(swapped).build())
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageEndingWith(": " + e.reason());
        });
    }

    /** Swaps the items i and i + 1 of the "tiers" array of a document as the writer lays it out. */
    static String swapTiers(String json, int i) {
        String open = "  \"tiers\": [\n";
        int from = json.indexOf(open) + open.length();
        int to = json.lastIndexOf("\n  ]\n}");
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (String line : json.substring(from, to).split("\n")) {
            boolean last = line.equals("    }") || line.equals("    },");
            item.append(last ? "    }" : line).append(last ? "" : "\n");
            if (last) {
                items.add(item.toString());
                item.setLength(0);
            }
        }
        Collections.swap(items, i, i + 1);
        return json.substring(0, from) + String.join(",\n", items) + json.substring(to);
    }

    @Property(tries = 3000)
    void mutatedProgrammesFailOnlyWithTierJsonException(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int edits) {
        Random random = new Random(seed);
        TierProgram p = TierRandom.program(random, null, false);
        String json = SegmentJsonPropertiesTest.mutate(TierJson.toJson(p), random, edits);
        TierProgram read;
        try {
            read = TierJson.fromJson(json);
        } catch (TierJsonException expected) {
            assertThat(expected.getMessage()).startsWith(expected.path());
            assertThat(expected.path()).startsWith("$");
            Statistics.collect("refused");
            return;
        }
        Statistics.collect(read.equals(p) ? "same" : "accepted");
        assertThat(TierJson.fromJson(TierJson.toJson(read))).isEqualTo(read);
    }
}
