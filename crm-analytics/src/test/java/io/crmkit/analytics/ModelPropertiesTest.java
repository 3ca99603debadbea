package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Properties of every model on valid input: finite likelihoods, predictions that grow with t. */
class ModelPropertiesTest {
    record Customer(double x, double tx, double t) {}

    @Provide
    Arbitrary<Customer> customers() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.doubles().between(0, 400))
                .as((x, share, t) -> new Customer(x, x == 0 ? 0 : share * t, t));
    }

    @Provide
    Arbitrary<double[]> parameters() {
        // four positive parameters over the range real fits visit, log-uniform
        return Arbitraries.doubles()
                .between(-4, 4)
                .array(double[].class)
                .ofSize(4)
                .map(a -> {
                    double[] p = new double[4];
                    for (int i = 0; i < 4; i++) {
                        p[i] = Math.exp(a[i]);
                    }
                    return p;
                });
    }

    @Property(tries = 500)
    void bgNbdLikelihoodIsFiniteAndPredictionsGrowWithT(
            @ForAll("parameters") double[] p,
            @ForAll("customers") Customer c,
            @ForAll @DoubleRange(min = 0.01, max = 100) double t) {
        BgNbd m = new BgNbd(p[0], p[1], p[2], p[3]);
        assertThat(m.logLikelihood(c.x(), c.tx(), c.t())).isFinite();
        double pAlive = m.probabilityAlive(c.x(), c.tx(), c.t());
        assertThat(pAlive).isBetween(0.0, 1.0);
        if (Math.abs(p[2] - 1) > 1e-6) { // a = 1 is a removable 0/0 of the closed form
            double e1 = m.expectedPurchases(t);
            double e2 = m.expectedPurchases(2 * t);
            assertThat(e1).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(e2).isGreaterThanOrEqualTo(e1 * (1 - 1e-9));
            double c1 = m.conditionalExpectedPurchases(t, c.x(), c.tx(), c.t());
            double c2 = m.conditionalExpectedPurchases(2 * t, c.x(), c.tx(), c.t());
            assertThat(c1).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(c2).isGreaterThanOrEqualTo(c1 * (1 - 1e-9));
        }
    }

    @Property(tries = 300)
    void paretoNbdLikelihoodIsFiniteAndPredictionsGrowWithT(
            @ForAll("parameters") double[] p,
            @ForAll("customers") Customer c,
            @ForAll @DoubleRange(min = 0.01, max = 100) double t) {
        ParetoNbd m = new ParetoNbd(p[0], p[1], p[2], p[3]);
        assertThat(m.logLikelihood(c.x(), c.tx(), c.t())).isFinite();
        assertThat(m.probabilityAlive(c.x(), c.tx(), c.t())).isBetween(0.0, 1.0);
        double e1 = m.expectedPurchases(t);
        assertThat(e1).isFinite().isPositive();
        assertThat(m.expectedPurchases(2 * t)).isGreaterThanOrEqualTo(e1);
        double c1 = m.conditionalExpectedPurchases(t, c.x(), c.tx(), c.t());
        assertThat(c1).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(m.conditionalExpectedPurchases(2 * t, c.x(), c.tx(), c.t())).isGreaterThanOrEqualTo(c1);
    }

    @Property(tries = 300)
    void bgBbLikelihoodIsFiniteAndPredictionsGrowWithM(
            @ForAll("parameters") double[] p,
            @ForAll @IntRange(min = 0, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 40) int a,
            @ForAll @IntRange(min = 0, max = 40) int b,
            @ForAll @IntRange(min = 1, max = 30) int m) {
        int tx = n == 0 ? 0 : a % (n + 1);
        int x = tx == 0 ? 0 : 1 + b % tx;
        BgBb model = new BgBb(p[0], p[1], p[2], p[3]);
        assertThat(model.logLikelihood(x, tx, n)).isFinite().isLessThanOrEqualTo(1e-12);
        assertThat(model.probabilityAlive(1, x, tx, n)).isBetween(0.0, 1.0);
        double e1 = model.conditionalExpectedPurchases(m, x, tx, n);
        assertThat(e1).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(model.conditionalExpectedPurchases(m + 1, x, tx, n)).isGreaterThanOrEqualTo(e1);
        assertThat(model.expectedPurchases(m + 1)).isGreaterThanOrEqualTo(model.expectedPurchases(m));
    }

    @Property(tries = 300)
    void gammaGammaLikelihoodIsFiniteAndSpendIsBetweenPopulationAndCustomerMean(
            @ForAll("parameters") double[] p,
            @ForAll @IntRange(min = 1, max = 500) int x,
            @ForAll @DoubleRange(min = 0.01, max = 100_000) double m) {
        GammaGamma gg = new GammaGamma(p[0], 1 + p[1], p[2]);
        assertThat(gg.logLikelihood(x, m)).isFinite();
        double e = gg.conditionalExpectedSpend(x, m);
        double lo = Math.min(gg.meanSpend(), m);
        double hi = Math.max(gg.meanSpend(), m);
        assertThat(e).isBetween(lo * (1 - 1e-12), hi * (1 + 1e-12));
    }

    @Property(tries = 100)
    void clvGrowsWithTheHorizonAndFallsWithTheDiscountRate(
            @ForAll("customers") Customer c,
            @ForAll @DoubleRange(min = 1, max = 1000) double spend,
            @ForAll @IntRange(min = 1, max = 24) int steps) {
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        GammaGamma gg = new GammaGamma(6.25, 3.74, 15.44);
        double mv = c.x() == 0 ? 0 : spend;
        double v = new Clv(m, gg, steps, 4.33, 0.01).value(c.x(), c.tx(), c.t(), mv);
        assertThat(v).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(new Clv(m, gg, steps + 1, 4.33, 0.01).value(c.x(), c.tx(), c.t(), mv))
                .isGreaterThanOrEqualTo(v);
        assertThat(new Clv(m, gg, steps, 4.33, 0.05).value(c.x(), c.tx(), c.t(), mv))
                .isLessThanOrEqualTo(v);
        double undiscounted = new Clv(m, gg, steps, 4.33, 0).value(c.x(), c.tx(), c.t(), mv);
        double expected = gg.conditionalExpectedSpend(c.x(), mv)
                * m.conditionalExpectedPurchases(steps * 4.33, c.x(), c.tx(), c.t());
        assertThat(undiscounted).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9 * (1 + expected)));
    }
}
