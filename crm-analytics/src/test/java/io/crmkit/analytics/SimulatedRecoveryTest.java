package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.analytics.internal.Mle;
import io.crmkit.analytics.internal.Rows;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD on 120,000 customers simulated from known parameters: the fit finds them again, and the
 * warm start on a stride sample (used above 50,000 distinct rows) ends at the full data's optimum.
 */
class SimulatedRecoveryTest {
    static final double R = 0.5;
    static final double ALPHA = 8; // rate of the gamma: mean purchase rate r / alpha = 1/16 a day
    static final double A = 0.7;
    static final double B = 3.5;

    static CustomerSummary simulate(int n, long seed) {
        RandomDataGenerator rnd = new RandomDataGenerator(seed);
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = rnd.nextGamma(R, 1 / ALPHA);
            double p = rnd.nextBeta(A, B);
            double age = 30 + rnd.nextInt(0, 671);
            int purchases = 0;
            double now = 0;
            double last = 0;
            while (true) {
                now += rnd.nextExponential(1 / lambda);
                if (now > age) {
                    break;
                }
                purchases++;
                last = now;
                if (rnd.nextDouble() < p) {
                    break; // dropped out after this purchase
                }
            }
            id[i] = "s" + i;
            x[i] = purchases;
            tx[i] = purchases == 0 ? 0 : last;
            t[i] = age;
        }
        return CustomerSummary.of(id, x, tx, t);
    }

    @Test
    void recoversTheParametersAndTheWarmStartEndsAtTheFullOptimum() throws Mle.NotConverged {
        CustomerSummary s = simulate(120_000, 7);
        Fit<BgNbd> fit = BgNbd.fit(s);
        BgNbd m = fit.model();
        // sampling error at n = 120,000 is a few percent; 10% leaves room without hiding a wrong model
        assertThat(m.r()).isCloseTo(R, within(0.1 * R));
        assertThat(m.alpha()).isCloseTo(ALPHA, within(0.1 * ALPHA));
        assertThat(m.a()).isCloseTo(A, within(0.1 * A));
        assertThat(m.b()).isCloseTo(B, within(0.1 * B));

        Rows rows = Rows.of(s.frequencyColumn(), s.recencyColumn(), s.tColumn(), null, null, null);
        assertThat(rows.size()).isGreaterThan(Mle.WARM_START_ROWS);
        Mle.Result direct = Mle.maximize(
                p -> BgNbd.logLikelihood(rows, p[0], p[1], p[2], p[3]),
                new double[] {1, 1, 1, 1},
                new String[] {"r", "alpha", "a", "b"},
                20_000,
                1e-12);
        assertThat(fit.logLikelihood())
                .isCloseTo(direct.logLikelihood(), within(1e-6 * Math.abs(direct.logLikelihood())));
        assertThat(m.r()).isCloseTo(direct.parameters()[0], within(1e-3));
        assertThat(m.b()).isCloseTo(direct.parameters()[3], within(1e-2));
    }
}
