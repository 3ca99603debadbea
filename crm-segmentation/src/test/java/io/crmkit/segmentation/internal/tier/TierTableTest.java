package io.crmkit.segmentation.internal.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The compact member → tier table answers like a sorted map, whatever order the members came in. */
class TierTableTest {
    @Property(tries = 200)
    void answersLikeASortedMap(@ForAll long seed) {
        Random r = new Random(seed);
        TreeMap<MemberId, Integer> want = new TreeMap<>();
        int n = r.nextInt(3_000);
        String[] alphabet = {"M", "0", "9", "a", "z", "會", "員", "😀", "\uffff", "-", "_"};
        while (want.size() < n) {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(6);
            for (int k = 0; k < len; k++) {
                b.append(alphabet[r.nextInt(alphabet.length)]);
            }
            want.put(MemberId.of(b.toString()), r.nextInt(5) - 1);
        }
        List<MemberId> order = new ArrayList<>(want.keySet());
        if (r.nextBoolean()) {
            Collections.shuffle(order, r);
        }
        TierTable.Builder b = new TierTable.Builder(4);
        for (MemberId id : order) {
            b.add(id, want.get(id));
        }
        TierTable t = b.build();

        assertThat(t.size()).isEqualTo(want.size());
        long[] counts = new long[4];
        long none = 0;
        for (var e : want.entrySet()) {
            assertThat(t.tierOf(e.getKey())).isEqualTo(e.getValue());
            if (e.getValue() < 0) {
                none++;
            } else {
                counts[e.getValue()]++;
            }
        }
        for (int k = 0; k < 4; k++) {
            assertThat(t.count(k)).isEqualTo(counts[k]);
            int tier = k;
            assertThat(t.members(k))
                    .containsExactlyElementsOf(want.entrySet().stream()
                            .filter(e -> e.getValue() == tier)
                            .map(e -> e.getKey())
                            .toList());
        }
        assertThat(t.withoutTier()).isEqualTo(none);
        assertThat(t.tierOf(MemberId.of("not-there-#"))).isEqualTo(-2);
    }

    @Test
    void emptyTable() {
        TierTable t = new TierTable.Builder(2).build();
        assertThat(t.size()).isZero();
        assertThat(t.tierOf(MemberId.of("M1"))).isEqualTo(-2);
        assertThat(t.members(0)).isEmpty();
    }
}
