package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
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
