package io.crmkit.segmentation.internal.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The bulk AOV rounds exactly as {@code Money.dividedBy(n, HALF_EVEN)}. */
class HalfEvenTest {
    @Property
    void roundsLikeBigDecimal(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long net,
            @ForAll @IntRange(min = 1, max = 10_000) int count) {
        long expected = BigDecimal.valueOf(net)
                .divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        assertThat(BulkEvaluator.halfEven(net, count)).isEqualTo(expected);
    }

    @Property
    void roundsTiesToEven(@ForAll @IntRange(min = -1000, max = 1000) int half) {
        long net = 2L * half + 1; // x.5 when divided by 2
        long expected = BigDecimal.valueOf(net)
                .divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        assertThat(BulkEvaluator.halfEven(net, 2)).isEqualTo(expected);
    }
}
