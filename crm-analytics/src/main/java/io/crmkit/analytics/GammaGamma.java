package io.crmkit.analytics;

import io.crmkit.analytics.internal.Args;
import io.crmkit.analytics.internal.Mle;
import io.crmkit.analytics.internal.Parallel;
import io.crmkit.analytics.internal.Rows;
import io.crmkit.core.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Hardie's note 025): a
 * customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ); the parameter called γ in
 * the papers is {@code v} here, as in lifetimes. Fitted on the customers with at least one repeat
 * purchase and a positive mean repeat spend.
 *
 * <pre>{@code
 * GammaGamma gg = GammaGamma.fit(summary).model(); // CDNOW: p 6.25, q 3.74, v 15.44
 * gg.conditionalExpectedSpend(2, 22.35);            // 24.65
 * }</pre>
 *
 * @param p shape of the transaction-value gamma
 * @param q shape of the gamma over customers' scale
 * @param v scale of the gamma over customers' scale (γ in the papers)
 */
public record GammaGamma(double p, double q, double v) implements ClvModel {
    private static final String[] NAMES = {"p", "q", "v"};

    /** @throws InvalidValueException if a parameter is not a finite number {@code > 0} */
    public GammaGamma {
        Args.positive("p", p);
        Args.positive("q", q);
        Args.positive("v", v);
    }

    /**
     * Fits by maximum likelihood with the default {@link FitOptions}.
     *
     * @param summary a summary with a monetary value column
     * @return the fit; {@link Fit#customers()} counts the customers used
     * @throws InvalidSummaryException if the summary has no monetary value or fewer than two
     *     customers with repeat purchases and positive spend
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<GammaGamma> fit(CustomerSummary summary) {
        return fit(summary, FitOptions.ofDefaults());
    }

    /**
     * Fits by maximum likelihood.
     *
     * @param summary a summary with a monetary value column
     * @param options evaluation budget and tolerance
     * @return the fit
     * @throws InvalidSummaryException if the summary has no monetary value or fewer than two
     *     customers with repeat purchases and positive spend
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<GammaGamma> fit(CustomerSummary summary, FitOptions options) {
        double[] m = summary.monetaryColumn()
                .orElseThrow(() -> new InvalidSummaryException(
                        -1, "Gamma-Gamma: the summary has no monetary value column (mean repeat spend)"));
        double[] x = summary.frequencyColumn();
        boolean[] keep = new boolean[x.length];
        int used = 0;
        double meanM = 0;
        for (int i = 0; i < x.length; i++) {
            keep[i] = x[i] > 0 && m[i] > 0;
            if (keep[i]) {
                used++;
                meanM += m[i];
            }
        }
        if (used < 2) {
            throw new InvalidSummaryException(
                    -1,
                    "Gamma-Gamma: " + used
                            + " customer(s) have repeat purchases with a positive mean spend; at least 2 are needed");
        }
        meanM /= used;
        Rows rows = Rows.of(x, summary.recencyColumn(), summary.tColumn(), m, summary.weightColumn(), keep);
        double[] start = {1, 1, meanM};
        try {
            Mle.Result res = Mle.maximize(
                    rows,
                    (rr, pp) -> logLikelihood(rr, pp[0], pp[1], pp[2]),
                    start,
                    NAMES,
                    options.maxEvaluations(),
                    options.relativeTolerance());
            double[] pp = res.parameters();
            return new Fit<>(new GammaGamma(pp[0], pp[1], pp[2]), res.logLikelihood(), used, res.evaluations());
        } catch (Mle.NotConverged e) {
            throw new FitException("Gamma-Gamma: the maximum-likelihood fit " + e.getMessage());
        }
    }

    static double logLikelihood(Rows rows, double p, double q, double v) {
        double[] head = new double[rows.xs.length];
        double lgQ = Gamma.logGamma(q);
        double qLogV = q * Math.log(v);
        for (int k = 0; k < head.length; k++) {
            double px = p * rows.xs[k];
            head[k] = Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ + qLogV + px * Math.log(rows.xs[k]);
        }
        return Parallel.sum(rows.size(), (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                double x = rows.x[i];
                double m = rows.extra[i];
                double px = p * x;
                sum += rows.w[i] * (head[rows.xi[i]] + (px - 1) * Math.log(m) - (px + q) * Math.log(x * m + v));
            }
            return sum;
        });
    }

    /**
     * The log-likelihood of one customer's mean repeat spend.
     *
     * @param x frequency, {@code >= 1}
     * @param m mean repeat spend, {@code > 0}
     * @return the log-density of m given x
     */
    public double logLikelihood(double x, double m) {
        Args.positive("frequency", x);
        Args.positive("monetary value", m);
        double px = p * x;
        return Gamma.logGamma(px + q)
                - Gamma.logGamma(px)
                - Gamma.logGamma(q)
                + q * Math.log(v)
                + (px - 1) * Math.log(m)
                + px * Math.log(x)
                - (px + q) * Math.log(x * m + v);
    }

    @Override
    public String name() {
        return "gamma-gamma";
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> mp = new LinkedHashMap<>();
        mp.put("p", p);
        mp.put("q", q);
        mp.put("v", v);
        return mp;
    }

    /**
     * @return the population's mean transaction value p·v/(q − 1)
     * @throws NumericalException if q ≤ 1, where the mean is infinite
     */
    public double meanSpend() {
        requireFiniteMean();
        return p * v / (q - 1);
    }

    /**
     * E[M | x, m]: the expected value of a customer's future transactions, a weighted mean of the
     * population mean and the customer's own mean repeat spend.
     *
     * @param x frequency (repeat purchases), {@code >= 0}
     * @param m mean repeat spend ({@code 0} when x is 0), {@code >= 0}
     * @return the expected transaction value
     * @throws NumericalException if q ≤ 1, where the mean is infinite
     */
    public double conditionalExpectedSpend(double x, double m) {
        Args.nonNegative("frequency", x);
        Args.nonNegative("monetary value", m);
        requireFiniteMean();
        return p * (v + x * m) / (p * x + q - 1);
    }

    private void requireFiniteMean() {
        if (q <= 1) {
            throw new NumericalException("Gamma-Gamma with q = " + q + " <= 1 has an infinite mean spend");
        }
    }
}
