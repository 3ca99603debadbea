package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import org.junit.jupiter.api.Test;

class StreamingTest {
    @Test
    void nothingIsRetainedWhileIteratingManyMembers() {
        ShopGenerator g = ShopGenerator.of(
                GeneratorConfig.custom().members(200_000).interactions(false).build());
        Iterator<GeneratedMember> it = g.members().iterator();
        List<WeakReference<Object>> early = new ArrayList<>();
        long orders = 0;
        int seen = 0;
        Runtime rt = Runtime.getRuntime();
        long usedAfterWarmUp = 0;
        while (it.hasNext()) {
            GeneratedMember m = it.next();
            orders += m.orders().size();
            if (seen < 200) {
                early.add(new WeakReference<>(m));
                m.orders().forEach(o -> early.add(new WeakReference<>(o)));
            }
            seen++;
            if (seen == 20_000) {
                gc();
                usedAfterWarmUp = rt.totalMemory() - rt.freeMemory();
            }
        }
        gc();
        long usedAtEnd = rt.totalMemory() - rt.freeMemory();
        assertThat(seen).isEqualTo(200_000);
        assertThat(orders).isGreaterThan(1_000_000);
        assertThat(early).allSatisfy(ref -> assertThat(ref.get()).isNull());
        // 180,000 more members, ~1.4 million more orders, and memory has not grown by their size
        assertThat(usedAtEnd - usedAfterWarmUp).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void theStreamIsSizedOrderedAndSplittable() {
        ShopGenerator g =
                ShopGenerator.of(GeneratorConfig.custom().members(10_000).build());
        Spliterator<GeneratedMember> s = g.members().spliterator();
        assertThat(s.estimateSize()).isEqualTo(10_000);
        assertThat(s.hasCharacteristics(Spliterator.SIZED | Spliterator.ORDERED | Spliterator.NONNULL))
                .isTrue();
        Spliterator<GeneratedMember> prefix = s.trySplit();
        assertThat(prefix).isNotNull();
        assertThat(prefix.estimateSize() + s.estimateSize()).isEqualTo(10_000);
        assertThat(g.members(0, 3).count()).isEqualTo(3);
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
