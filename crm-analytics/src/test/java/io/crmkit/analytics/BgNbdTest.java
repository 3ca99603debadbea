package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BG/NBD on CDNOW against Fader, Hardie &amp; Lee (2005) and the values in SOURCE.md. */
class BgNbdTest {
    static Fit<BgNbd> fit;

    @BeforeAll
    static void fitCdnow() {
        fit = BgNbd.fit(Cdnow.publishedSummary());
    }

    @Test
    void parametersAreThePublishedOnes() {
        BgNbd m = fit.model();
        assertThat(m.r()).isCloseTo(0.243, within(0.01));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.01));
        assertThat(m.a()).isCloseTo(0.793, within(0.01));
        assertThat(m.b()).isCloseTo(2.426, within(0.01));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
        assertThat(fit.customers()).isEqualTo(2357);
    }

    @Test
    void optimumIsTheIndependentScipyOptimum() {
        // SOURCE.md: MLE (0.24259, 4.41353, 0.79289, 2.42575), LL -9582.4256; lifetimes docs 0.242593 ...
        BgNbd m = fit.model();
        assertThat(m.r()).isCloseTo(0.242593, within(2e-4));
        assertThat(m.alpha()).isCloseTo(4.413532, within(2e-3));
        assertThat(m.a()).isCloseTo(0.792886, within(2e-3));
        assertThat(m.b()).isCloseTo(2.425752, within(5e-3));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4256, within(1e-3));
        assertThat(new BgNbd(0.243, 4.414, 0.793, 2.426).logLikelihood(Cdnow.publishedSummary()))
                .isCloseTo(-9582.43, within(0.01));
    }

    @Test
    void conditionalExpectationAndPAliveOfTheHardieSpreadsheetCustomer() {
        BgNbd m = fit.model();
        assertThat(m.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
        assertThat(m.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.7266, within(1e-4));
    }

    @Test
    void unconditionalExpectationMatchesLifetimes() {
        BgNbd m = fit.model();
        double[] t = {0.1429, 1, 3, 31.8571, 32, 78};
        double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        for (int i = 0; i < t.length; i++) {
            // decimal=3 in numpy terms: |difference| < 1.5e-3
            assertThat(m.expectedPurchases(t[i])).as("E[X(%s)]", t[i]).isCloseTo(expected[i], within(1.5e-3));
        }
    }

    @Test
    void purchaseProbabilitiesMatchRBtydAtTheRoundedParameters() {
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        assertThat(m.probabilityOfPurchases(10, 2)).isCloseTo(1.07869e-07, within(1e-4));
        assertThat(m.probabilityOfPurchases(10, 2) / 1.07869e-07).isCloseTo(1, within(1e-3));
        assertThat(m.probabilityOfPurchases(0, 39)).isCloseTo(0.5737864, within(1e-4));
    }

    @Test
    void purchaseProbabilitiesAddUpToOneAndToTheMean() {
        BgNbd m = fit.model();
        double total = 0;
        double mean = 0;
        for (int n = 0; n < 400; n++) {
            double p = m.probabilityOfPurchases(n, 39);
            total += p;
            mean += n * p;
        }
        assertThat(total).isCloseTo(1, within(1e-9));
        assertThat(mean).isCloseTo(m.expectedPurchases(39), within(1e-6));
    }

    @Test
    void logDensityMatchesHardieNote027() {
        BgNbd m = new BgNbd(0.25, 4.0, 0.80, 2.50);
        // decimal=5: |difference| < 1.5e-5
        assertThat(m.logLikelihood(0, 0, 40)).isCloseTo(-0.59947382, within(1.5e-5));
        assertThat(m.logLikelihood(200, 38, 40)).isCloseTo(100.7957, within(1.5e-5));
    }

    @Test
    void cohortTrackingForecastsWeeks40To78() {
        // SOURCE.md: 4,160.6 cumulative repeat purchases forecast by week 78 against 4,339 actual
        CustomerSummary s = Cdnow.fromTransactions(true);
        BgNbd m = fit.model();
        double forecast = 0;
        double actual = 0;
        double forecastZeroClass = 0;
        for (int i = 0; i < s.size(); i++) {
            double tFirst = s.t(i);
            double cumulative = m.expectedPurchases(tFirst + 39);
            forecast += cumulative;
            actual += s.frequency(i) + s.frequencyHoldout(i).orElseThrow();
            if (s.frequency(i) == 0) {
                forecastZeroClass += m.conditionalExpectedPurchases(39, 0, 0, tFirst);
            }
        }
        assertThat(actual).isEqualTo(4339);
        assertThat(forecast).isCloseTo(4160.6, within(0.5));
        assertThat(1 - forecast / actual).isCloseTo(0.041, within(0.001));
        // zero class: 334 actual holdout purchase days among 1,411; the BG/NBD predicts 0.23 each
        assertThat(forecastZeroClass / 1411).isCloseTo(0.23, within(0.005));
    }
}
