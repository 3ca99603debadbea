package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pareto/NBD on CDNOW against Fader, Hardie &amp; Lee (2005), R BTYD and SOURCE.md. */
class ParetoNbdTest {
    static Fit<ParetoNbd> fit;

    @BeforeAll
    static void fitCdnow() {
        fit = ParetoNbd.fit(Cdnow.publishedSummary());
    }

    @Test
    void parametersAreThePublishedOnes() {
        ParetoNbd m = fit.model();
        assertThat(m.r()).isCloseTo(0.553, within(0.01));
        assertThat(m.alpha()).isCloseTo(10.578, within(0.01));
        assertThat(m.s()).isCloseTo(0.606, within(0.01));
        assertThat(m.beta()).isCloseTo(11.669, within(0.01));
        assertThat(fit.logLikelihood()).isCloseTo(-9595.0, within(0.05));
    }

    @Test
    void optimumIsTheIndependentScipyOptimum() {
        // SOURCE.md: (0.55328, 10.5776, 0.60621, 11.6679), LL -9594.974; -9594.97 at the published parameters
        ParetoNbd m = fit.model();
        assertThat(m.r()).isCloseTo(0.55328, within(5e-4));
        assertThat(m.alpha()).isCloseTo(10.5776, within(5e-3));
        assertThat(m.s()).isCloseTo(0.60621, within(5e-4));
        assertThat(m.beta()).isCloseTo(11.6679, within(5e-3));
        assertThat(fit.logLikelihood()).isCloseTo(-9594.974, within(1e-3));
        assertThat(new ParetoNbd(0.553, 10.578, 0.606, 11.669).logLikelihood(Cdnow.publishedSummary()))
                .isCloseTo(-9594.97, within(0.01));
    }

    @Test
    void pAliveAndConditionalExpectationMatchTheBtydWalkthrough() {
        ParetoNbd btyd = new ParetoNbd(0.5534, 10.5802, 0.6061, 11.6562);
        assertThat(btyd.probabilityAlive(26, 30.86, 31)).isCloseTo(0.9979, within(0.001));
        assertThat(fit.model().conditionalExpectedPurchases(52, 26, 30.86, 31)).isCloseTo(25.46, within(0.01));
    }

    @Test
    void unconditionalExpectationMatchesRBtyd() {
        // lifetimes test_expectation_returns_same_value_as_R_BTYD (atol 0.01), BTYD manual
        double[] expected = {
            0.00000000,
            0.05077821,
            0.09916088,
            0.14542507,
            0.18979930,
            0.23247466,
            0.27361274,
            0.31335159,
            0.35181024,
            0.38909211
        };
        for (int t = 0; t < expected.length; t++) {
            assertThat(fit.model().expectedPurchases(t)).as("E[X(%d)]", t).isCloseTo(expected[t], within(0.01));
        }
    }

    @Test
    void zeroClassHoldoutForecastIsThePublishedOne() {
        // SOURCE.md: the 1,411 customers without repeat purchases made 0.24 each in weeks 40-78; Pareto/NBD predicts
        // 0.14
        CustomerSummary s = Cdnow.publishedSummary();
        double sum = 0;
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.frequency(i) == 0) {
                sum += fit.model().conditionalExpectedPurchases(39, 0, 0, s.t(i));
                n++;
            }
        }
        assertThat(n).isEqualTo(1411);
        assertThat(sum / n).isCloseTo(0.14, within(0.005));
    }

    @Test
    void extremeInputsStayFiniteWhereNaiveFormulasOverflow() {
        // lifetimes test_conditional_probability_alive_overflow_error and test_conditional_expectation_underflow
        ParetoNbd odd = new ParetoNbd(10.465, 7.98565181e-03, 3.0516, 2.820);
        double[][] rows = {{40, 5, 6}, {50, 1, 37}, {50, 4, 37}, {400, 5, 6}, {500, 1, 37}};
        for (double[] r : rows) {
            double p = odd.probabilityAlive(r[0], r[1], r[2]);
            assertThat(p).isBetween(0.0, 1.0);
            assertThat(odd.logLikelihood(r[0], r[1], r[2])).isFinite();
        }
        ParetoNbd m = new ParetoNbd(0.55, 10.58, 0.61, 11.67);
        double left = m.conditionalExpectedPurchases(10, 132, 200, 200);
        double right = m.conditionalExpectedPurchases(10, 133, 200, 200);
        assertThat(left).isCloseTo(6.2060517889632418, within(1e-6));
        assertThat(right).isCloseTo(6.2528722475748113, within(1e-6));
    }

    @Test
    void purchaseProbabilitiesAddUpToOneAndToTheMean() {
        for (ParetoNbd m : new ParetoNbd[] {
            fit.model(), new ParetoNbd(0.5534, 10.5802, 0.6061, 11.6562), new ParetoNbd(2, 5, 1.5, 3)
        }) {
            for (double t : new double[] {1, 39, 78}) {
                double total = 0;
                double mean = 0;
                for (int n = 0; n < 600; n++) {
                    double p = m.probabilityOfPurchases(n, t);
                    assertThat(p).isBetween(0.0, 1.0);
                    total += p;
                    mean += n * p;
                }
                assertThat(total).as("%s t=%s", m, t).isCloseTo(1, within(1e-8));
                assertThat(mean).as("%s t=%s", m, t).isCloseTo(m.expectedPurchases(t), within(1e-6));
            }
        }
    }
}
