package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Gamma-Gamma on the 946 CDNOW repeat customers against Fader, Hardie &amp; Lee (2005) and note 025. */
class GammaGammaTest {
    @Test
    void parametersAreThePublishedOnes() {
        Fit<GammaGamma> fit = GammaGamma.fit(Cdnow.publishedSummaryWithSpend());
        assertThat(fit.customers()).isEqualTo(946);
        assertThat(fit.model().p()).isCloseTo(6.25, within(0.01));
        assertThat(fit.model().q()).isCloseTo(3.74, within(0.01));
        assertThat(fit.model().v()).isCloseTo(15.44, within(0.01));
        // SOURCE.md, recomputed with scipy: (6.2488, 3.7446, 15.4477), LL -4055.92
        assertThat(fit.model().p()).isCloseTo(6.2488, within(2e-3));
        assertThat(fit.model().q()).isCloseTo(3.7446, within(2e-3));
        assertThat(fit.model().v()).isCloseTo(15.4477, within(5e-3));
        assertThat(fit.logLikelihood()).isCloseTo(-4055.92, within(0.01));
    }

    @Test
    void fitOnTheSummaryBuiltFromTransactionsIsTheSame() {
        Fit<GammaGamma> fromFile = GammaGamma.fit(Cdnow.publishedSummaryWithSpend());
        Fit<GammaGamma> fromTransactions = GammaGamma.fit(Cdnow.fromTransactions(false));
        assertThat(fromTransactions.model().p()).isCloseTo(fromFile.model().p(), within(0.01));
        assertThat(fromTransactions.model().q()).isCloseTo(fromFile.model().q(), within(0.01));
        assertThat(fromTransactions.model().v()).isCloseTo(fromFile.model().v(), within(0.01));
    }

    @Test
    void expectedSpendOfTheFirstTenCustomersMatchesTheHardieSpreadsheet() {
        GammaGamma gg = new GammaGamma(6.25, 3.74, 15.44);
        CustomerSummary s = Cdnow.publishedSummaryWithSpend();
        double[] expected = {24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17};
        for (int i = 0; i < 10; i++) {
            assertThat(gg.conditionalExpectedSpend(
                            s.frequency(i), s.monetaryValue(i).orElseThrow()))
                    .as("customer %s", s.id(i))
                    .isCloseTo(expected[i], within(0.1));
        }
    }

    @Test
    void needsAMonetaryColumnAndRepeatBuyers() {
        assertThatThrownBy(() -> GammaGamma.fit(Cdnow.publishedSummary()))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessageContaining("no monetary value column");
        CustomerSummary none = CustomerSummary.of(
                        new String[] {"a", "b"}, new double[] {0, 1}, new double[] {0, 3}, new double[] {5, 5})
                .withMonetaryValue(new double[] {0, 10});
        assertThatThrownBy(() -> GammaGamma.fit(none))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessageContaining("1 customer(s)");
        assertThatThrownBy(() -> new GammaGamma(1, 0.9, 1).conditionalExpectedSpend(1, 1))
                .isInstanceOf(NumericalException.class)
                .hasMessageContaining("infinite mean");
    }
}
