package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BG/BB on the 1995 donor cohort of Fader, Hardie &amp; Shang (2010): 11,104 donors, six yearly
 * opportunities, given as a table of (x, t_x) counts (donations.csv, see PROVENANCE.md).
 */
class BgBbTest {
    static CustomerSummary donations;
    static Fit<BgBb> fit;

    @BeforeAll
    static void fitDonations() {
        List<String[]> rows = Cdnow.csv("donations.csv");
        int n = rows.size();
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] periods = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            id[i] = "cell" + i;
            x[i] = Double.parseDouble(r[0]);
            tx[i] = Double.parseDouble(r[1]);
            periods[i] = Double.parseDouble(r[2]);
            w[i] = Double.parseDouble(r[3]);
        }
        donations = CustomerSummary.of(id, x, tx, periods).withWeights(w);
        fit = BgBb.fit(donations);
    }

    @Test
    void theTableIsThePaperCohort() {
        assertThat(donations.totalWeight()).isEqualTo(11104);
    }

    @Test
    void parametersAreThePublishedOnes() {
        BgBb m = fit.model();
        assertThat(m.alpha()).isCloseTo(1.204, within(0.01));
        assertThat(m.beta()).isCloseTo(0.750, within(0.01));
        assertThat(m.gamma()).isCloseTo(0.657, within(0.01));
        assertThat(m.delta()).isCloseTo(2.783, within(0.01));
    }

    @Test
    void pAliveIn2002MatchesTable6OfThePaper() {
        BgBb m = fit.model();
        assertThat(m.probabilityAlive(1, 0, 0, 6)).isCloseTo(0.11, within(0.005));
        assertThat(m.probabilityAlive(1, 2, 4, 6)).isCloseTo(0.59, within(0.005));
        assertThat(m.probabilityAlive(1, 6, 6, 6)).isCloseTo(0.93, within(0.005));
    }

    @Test
    void conditionalExpectationsAddUpToTheHardieSpreadsheetTotal() {
        BgBb m = fit.model();
        double total = 0;
        for (int i = 0; i < donations.size(); i++) {
            total += donations.weight(i)
                    * m.conditionalExpectedPurchases(
                            5, (int) donations.frequency(i), (int) donations.recency(i), (int) donations.t(i));
        }
        // "Conditional Expectations (II)" sheet, sum of column F: 12,884.2 (lifetimes checks to 1.5)
        assertThat(total).isCloseTo(12884.2, within(1.5));
    }

    @Test
    void inSampleFitMatchesTheHardieSpreadsheet() {
        BgBb m = fit.model();
        // "In-Sample Fit" sheet: expected donors with 0 and with 6 repeat donations in six years
        assertThat(11104 * m.probabilityOfPurchases(0, 6)).isCloseTo(3454.9, within(1.5));
        assertThat(11104 * m.probabilityOfPurchases(6, 6)).isCloseTo(1253.1, within(1.5));
        double sum = 0;
        double mean = 0;
        for (int x = 0; x <= 6; x++) {
            sum += m.probabilityOfPurchases(x, 6);
            mean += x * m.probabilityOfPurchases(x, 6);
        }
        assertThat(sum).isCloseTo(1, within(1e-12));
        assertThat(mean).isCloseTo(m.expectedPurchases(6), within(1e-9));
    }

    @Test
    void weightsFitAsTheExpandedDataDoes() {
        // a smaller table, expanded row by row, fits to the same parameters and log-likelihood
        int[][] cells = {
            {0, 0, 6, 30}, {1, 1, 6, 20}, {2, 2, 6, 10}, {2, 3, 6, 9}, {1, 5, 6, 5}, {3, 6, 6, 8}, {6, 6, 6, 11}
        };
        int total = 0;
        for (int[] c : cells) {
            total += c[3];
        }
        String[] id = new String[total];
        double[] x = new double[total];
        double[] tx = new double[total];
        double[] n = new double[total];
        int k = 0;
        String[] cid = new String[cells.length];
        double[] cx = new double[cells.length];
        double[] ctx = new double[cells.length];
        double[] cn = new double[cells.length];
        double[] cw = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            int[] c = cells[i];
            cid[i] = "c" + i;
            cx[i] = c[0];
            ctx[i] = c[1];
            cn[i] = c[2];
            cw[i] = c[3];
            for (int j = 0; j < c[3]; j++) {
                id[k] = "d" + k;
                x[k] = c[0];
                tx[k] = c[1];
                n[k] = c[2];
                k++;
            }
        }
        Fit<BgBb> weighted = BgBb.fit(CustomerSummary.of(cid, cx, ctx, cn).withWeights(cw));
        Fit<BgBb> expanded = BgBb.fit(CustomerSummary.of(id, x, tx, n));
        assertThat(weighted.logLikelihood()).isCloseTo(expanded.logLikelihood(), within(1e-6));
        assertThat(weighted.model().alpha()).isCloseTo(expanded.model().alpha(), within(1e-3));
        assertThat(weighted.model().delta()).isCloseTo(expanded.model().delta(), within(1e-3));
    }
}
