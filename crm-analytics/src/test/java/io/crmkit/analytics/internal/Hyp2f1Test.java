package io.crmkit.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The Gauss hypergeometric function against closed forms and against its Euler integral. */
class Hyp2f1Test {
    /**
     * The documented accuracy: relative 1e-10 of the value (absolute on its log, scaled when the log
     * is large). The recurrence for the terms rounds a few times per term, and up to a few thousand
     * terms are summed for parameters in the hundreds; measured errors are around 2e-12.
     */
    static final double ACCURACY = 1e-10;

    @Test
    void closedForms() {
        for (double z : new double[] {1e-9, 0.1, 0.5, 0.9, 0.99, 0.999, 0.99999}) {
            // documented accuracy: 1e-13 relative up to z = 0.9; rounding of ~37/(1-z) terms beyond
            double tolerance = z <= 0.9 ? 1e-13 : 1e-10;
            // 2F1(1, 1; 2; z) = -ln(1 - z) / z
            assertThat(Hyp2f1.value(1, 1, 2, z) / (-Math.log1p(-z) / z)).isCloseTo(1, within(tolerance));
            // 2F1(a, b; b; z) = (1 - z)^-a
            assertThat(Hyp2f1.log(2.7, 1.3, 1.3, z))
                    .isCloseTo(-2.7 * Math.log1p(-z), within(1e-12 * (1 + Math.abs(2.7 * Math.log1p(-z)))));
            // 2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z
            double w = Math.sqrt(z);
            assertThat(Hyp2f1.value(0.5, 0.5, 1.5, z) / (Math.asin(w) / w)).isCloseTo(1, within(tolerance));
        }
    }

    @Test
    void hugeValuesAreExactInLogSpace() {
        // 2F1(a, b; b; z) = (1 - z)^-a with a = 500, z = 0.9999: about 10^2000, far beyond a double
        assertThat(Hyp2f1.log(500, 3, 3, 0.9999)).isCloseTo(-500 * Math.log1p(-0.9999), within(1e-9));
    }

    @Test
    void refusesArgumentsOutsideItsDomain() {
        assertThatThrownBy(() -> Hyp2f1.log(1, 1, 2, 1.0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Hyp2f1.log(1, 1, 2, -0.1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Hyp2f1.log(1, 1, -2, 0.5))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("negative integer");
        assertThatThrownBy(() -> Hyp2f1.log(1, 1, 2, 1 - 1e-8))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("within 1e-6 of 1");
    }

    /** The defining series summed in 60-digit decimal arithmetic: slow, simple, independent. */
    static double bruteForce(double a, double b, double c, double z) {
        MathContext mc = new MathContext(60);
        BigDecimal za = new BigDecimal(z);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal eps = new BigDecimal("1e-30");
        for (int k = 0; k < 100_000; k++) {
            BigDecimal num = new BigDecimal(a)
                    .add(BigDecimal.valueOf(k))
                    .multiply(new BigDecimal(b).add(BigDecimal.valueOf(k)), mc);
            BigDecimal den = new BigDecimal(c).add(BigDecimal.valueOf(k)).multiply(BigDecimal.valueOf(k + 1L), mc);
            term = term.multiply(num, mc).divide(den, mc).multiply(za, mc);
            sum = sum.add(term, mc);
            if (k > 50 && term.abs().compareTo(sum.abs().multiply(eps, mc)) < 0) {
                break;
            }
        }
        return sum.doubleValue();
    }

    /** The Pareto/NBD form 2F1(a, b; a + 1; z) with b = s + 1 or r + x. */
    @Property(tries = 300)
    void paretoFormAgreesWithBruteForce(
            @ForAll @DoubleRange(min = 0.05, max = 300) double a,
            @ForAll @DoubleRange(min = 0.05, max = 300) double b,
            @ForAll @DoubleRange(min = 0, max = 0.95) double z) {
        double expected = bruteForce(a, b, a + 1, z);
        assertThat(Hyp2f1.log(a, b, a + 1, z))
                .isCloseTo(Math.log(expected), within(ACCURACY * Math.max(1, Math.abs(Math.log(expected)))));
    }

    /** Positive parameters in general, including c far below a + b (the BG/NBD form), where Euler's series is used. */
    @Property(tries = 300)
    void generalFormAgreesWithBruteForce(
            @ForAll @DoubleRange(min = 0.01, max = 100) double a,
            @ForAll @DoubleRange(min = 0.01, max = 100) double b,
            @ForAll @DoubleRange(min = 0.01, max = 100) double c,
            @ForAll @DoubleRange(min = 0, max = 0.95) double z) {
        double expected = bruteForce(a, b, c, z);
        if (Double.isFinite(expected)) {
            assertThat(Hyp2f1.log(a, b, c, z))
                    .isCloseTo(Math.log(expected), within(ACCURACY * Math.max(1, Math.abs(Math.log(expected)))));
        }
    }
}
