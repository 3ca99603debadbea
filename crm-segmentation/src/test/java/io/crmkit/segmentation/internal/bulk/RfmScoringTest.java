package io.crmkit.segmentation.internal.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The scoring kernels of {@link RfmPass} against brute force, and their laws. */
class RfmScoringTest {

    @Provide
    Arbitrary<long[]> values() {
        Arbitrary<Long> v = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 6)), // many ties
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-100_000, 10_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, 0L)));
        return v.list()
                .ofMinSize(1)
                .ofMaxSize(300)
                .map(l -> l.stream().mapToLong(Long::longValue).toArray());
    }

    /** SQL NTILE(k) OVER (ORDER BY value, index), by the textbook definition. */
    static byte[] bruteNtile(long[] values, int k) {
        int n = values.length;
        List<Integer> order = sortedIndices(values);
        byte[] out = new byte[n];
        int q = n / k;
        int rem = n % k;
        for (int p = 0; p < n; p++) {
            int group = p < rem * (q + 1) ? p / (q + 1) : rem + (p - rem * (q + 1)) / q;
            out[order.get(p)] = (byte) (group + 1);
        }
        return out;
    }

    static List<Integer> sortedIndices(long[] values) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> values[i]).thenComparingInt(i -> i));
        return order;
    }

    @Property(tries = 300)
    void ntileEqualsTheSqlDefinition(@ForAll("values") long[] values, @ForAll @IntRange(min = 2, max = 9) int k) {
        byte[] out = new byte[values.length];
        RfmPass.score(values, k, true, out);
        assertThat(out).containsExactly(bruteNtile(values, k));
    }

    @Property(tries = 300)
    void ntileGroupSizesDifferByAtMostOne(@ForAll("values") long[] values, @ForAll @IntRange(min = 2, max = 9) int k) {
        byte[] out = new byte[values.length];
        RfmPass.score(values, k, true, out);
        int[] size = new int[k + 1];
        for (byte s : out) {
            assertThat(s).isBetween((byte) 1, (byte) k);
            size[s]++;
        }
        int used = Math.min(k, values.length);
        for (int g = 1; g <= used; g++) {
            assertThat(Math.abs(size[g] - values.length / k)).isLessThanOrEqualTo(1);
            if (g > 1) {
                assertThat(size[g]).isLessThanOrEqualTo(size[g - 1]); // larger groups first
            }
        }
    }

    @Property(tries = 300)
    void quantileNeverSplitsEqualValuesAndFollowsItsDefinition(
            @ForAll("values") long[] values, @ForAll @IntRange(min = 2, max = 9) int k) {
        int n = values.length;
        byte[] out = new byte[n];
        RfmPass.score(values, k, false, out);
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            int below = 0;
            for (int j = 1; j < k; j++) {
                long cut = sorted[(int) Math.ceil((double) j * n / k) - 1];
                if (cut < values[i]) {
                    below++;
                }
            }
            assertThat(out[i]).isEqualTo((byte) (1 + below));
            for (int o = 0; o < n; o++) {
                if (values[o] == values[i]) {
                    assertThat(out[o]).isEqualTo(out[i]);
                }
            }
        }
    }

    @Property(tries = 300)
    void aHigherValueNeverLowersTheScore(
            @ForAll("values") long[] values,
            @ForAll @IntRange(min = 2, max = 9) int k,
            @ForAll @IntRange(min = 0, max = 299) int who,
            @ForAll @IntRange(min = 1, max = 1_000_000) int more,
            @ForAll boolean ntile) {
        int i = who % values.length;
        byte[] before = new byte[values.length];
        RfmPass.score(values, k, ntile, before);
        long[] raised = values.clone();
        raised[i] = values[i] > Long.MAX_VALUE - more ? Long.MAX_VALUE : values[i] + more;
        byte[] after = new byte[values.length];
        RfmPass.score(raised, k, ntile, after);
        assertThat(after[i]).isGreaterThanOrEqualTo(before[i]);
    }

    /** The cut points reproduce every score: the calibration of a pass places its own population exactly. */
    @Property(tries = 300)
    void placingByTheCutsReproducesTheScores(
            @ForAll("values") long[] values, @ForAll @IntRange(min = 2, max = 9) int k, @ForAll boolean ntile) {
        int n = values.length;
        byte[] out = new byte[n];
        long[] cuts = new long[k - 1];
        int[] idx = new int[k - 1];
        RfmPass.score(values, k, ntile, out, cuts, idx);
        io.crmkit.core.MemberId[] ids = new io.crmkit.core.MemberId[k - 1];
        for (int j = 0; j < k - 1; j++) {
            ids[j] = idx[j] < 0 ? null : id(idx[j]);
            if (j > 0) {
                assertThat(cuts[j]).isGreaterThanOrEqualTo(cuts[j - 1]);
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(RfmPass.place(values[i], id(i), cuts, ids))
                    .as("index %d", i)
                    .isEqualTo(out[i]);
        }
    }

    static io.crmkit.core.MemberId id(int i) {
        return io.crmkit.core.MemberId.of(String.format("M%06d", i));
    }

    @Property(tries = 200)
    void fixedCutsFollowTheThresholdRules(
            @ForAll @IntRange(min = 0, max = 400) int days, @ForAll @IntRange(min = 0, max = 20) int count) {
        long[] rt = {30, 90, 180, 365};
        long[] ft = {2, 3, 5, 10};
        long[][] cuts = RfmPass.fixedCuts(rt, ft, ft);
        io.crmkit.core.MemberId[] none = new io.crmkit.core.MemberId[4];
        int exceeded = 0;
        int reached = 0;
        for (int j = 0; j < 4; j++) {
            exceeded += days > rt[j] ? 1 : 0;
            reached += count >= ft[j] ? 1 : 0;
        }
        assertThat(RfmPass.place(-days, id(0), cuts[0], none)).isEqualTo(5 - exceeded);
        assertThat(RfmPass.place(count, id(0), cuts[1], none)).isEqualTo(1 + reached);
    }

    @Test
    void sortedKeysKeepIndexOrderAmongTies() {
        long[] keys = RfmPass.sortedKeys(new long[] {3, 1, 3, Long.MIN_VALUE, 1});
        int bits = RfmPass.indexBits(5);
        long mask = (1L << bits) - 1;
        List<Long> idx = new ArrayList<>();
        for (long key : keys) {
            idx.add(key & mask);
        }
        assertThat(idx).containsExactly(3L, 1L, 4L, 0L, 2L);
    }
}
