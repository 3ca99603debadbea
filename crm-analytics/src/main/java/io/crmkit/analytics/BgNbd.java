package io.crmkit.analytics;

import io.crmkit.analytics.internal.Args;
import io.crmkit.analytics.internal.Hyp2f1;
import io.crmkit.analytics.internal.LogSum;
import io.crmkit.analytics.internal.Mle;
import io.crmkit.analytics.internal.Parallel;
import io.crmkit.analytics.internal.Rows;
import io.crmkit.core.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"): while
 * active a customer buys at Poisson rate λ ~ Gamma(r, α) and after each purchase drops out with
 * probability p ~ Beta(a, b).
 *
 * <pre>{@code
 * Fit<BgNbd> fit = BgNbd.fit(summary);           // CDNOW: r 0.243, α 4.414, a 0.793, b 2.426
 * BgNbd m = fit.model();
 * m.conditionalExpectedPurchases(39, 2, 30.43, 38.86); // 1.226
 * m.probabilityAlive(2, 30.43, 38.86);                 // 0.727
 * }</pre>
 *
 * @param r shape of the purchase-rate gamma
 * @param alpha scale of the purchase-rate gamma (in the summary's time unit)
 * @param a first shape of the dropout beta
 * @param b second shape of the dropout beta
 */
public record BgNbd(double r, double alpha, double a, double b) implements RepeatPurchaseModel {
    private static final String[] NAMES = {"r", "alpha", "a", "b"};

    /** @throws InvalidValueException if a parameter is not a finite number {@code > 0} */
    public BgNbd {
        Args.positive("r", r);
        Args.positive("alpha", alpha);
        Args.positive("a", a);
        Args.positive("b", b);
    }

    /**
     * Fits by maximum likelihood with the default {@link FitOptions}.
     *
     * @param summary frequency, recency, T and optional weights
     * @return the fit
     * @throws InvalidSummaryException if the summary is empty or nobody made a repeat purchase
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<BgNbd> fit(CustomerSummary summary) {
        return fit(summary, FitOptions.ofDefaults());
    }

    /**
     * Fits by maximum likelihood.
     *
     * @param summary frequency, recency, T and optional weights
     * @param options evaluation budget and tolerance
     * @return the fit
     * @throws InvalidSummaryException if the summary is empty or nobody made a repeat purchase
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<BgNbd> fit(CustomerSummary summary, FitOptions options) {
        requireRepeaters(summary, "BG/NBD");
        Rows rows = Rows.of(
                summary.frequencyColumn(),
                summary.recencyColumn(),
                summary.tColumn(),
                null,
                summary.weightColumn(),
                null);
        double meanT = 0;
        for (int i = 0; i < rows.size(); i++) {
            meanT += rows.t[i] * rows.w[i];
        }
        meanT /= rows.totalWeight();
        double[] start = {1, Math.max(meanT / 4, 1e-3), 1, 1};
        try {
            Mle.Result res = Mle.maximize(
                    rows,
                    (rr, p) -> logLikelihood(rr, p[0], p[1], p[2], p[3]),
                    start,
                    NAMES,
                    options.maxEvaluations(),
                    options.relativeTolerance());
            double[] p = res.parameters();
            return new Fit<>(new BgNbd(p[0], p[1], p[2], p[3]), res.logLikelihood(), summary.size(), res.evaluations());
        } catch (Mle.NotConverged e) {
            throw new FitException("BG/NBD: the maximum-likelihood fit " + e.getMessage());
        }
    }

    static void requireRepeaters(CustomerSummary summary, String model) {
        if (summary.size() == 0) {
            throw new InvalidSummaryException(-1, model + ": the summary has no customers");
        }
        for (double x : summary.frequencyColumn()) {
            if (x > 0) {
                return;
            }
        }
        throw new InvalidSummaryException(
                -1, model + ": every customer has frequency 0, so the purchase rate cannot be estimated");
    }

    /**
     * The log-likelihood of a whole summary (weights applied) at these parameters.
     *
     * @param summary the summary
     * @return the sum of the customers' log-likelihoods
     */
    public double logLikelihood(CustomerSummary summary) {
        return logLikelihood(
                Rows.of(
                        summary.frequencyColumn(),
                        summary.recencyColumn(),
                        summary.tColumn(),
                        null,
                        summary.weightColumn(),
                        null),
                r,
                alpha,
                a,
                b);
    }

    static double logLikelihood(Rows rows, double r, double alpha, double a, double b) {
        int nx = rows.xs.length;
        double[] head = new double[nx]; // A1 + A2 per distinct x
        double[] logA4 = new double[nx];
        double lgR = Gamma.logGamma(r);
        double lgB = Gamma.logGamma(b);
        double lgAB = Gamma.logGamma(a + b);
        double rLogAlpha = r * Math.log(alpha);
        double logA = Math.log(a);
        for (int k = 0; k < nx; k++) {
            double x = rows.xs[k];
            head[k] = (x == 0
                            ? 0
                            : Gamma.logGamma(r + x)
                                    - lgR
                                    + Gamma.logGamma(b + x)
                                    - lgB
                                    - Gamma.logGamma(a + b + x)
                                    + lgAB)
                    + rLogAlpha;
            logA4[k] = x > 0 ? logA - Math.log(b + x - 1) : Double.NEGATIVE_INFINITY;
        }
        // log(alpha + time) once per distinct recency or T, not once per row
        double[] logAlphaPlus = new double[rows.times.length];
        for (int j = 0; j < logAlphaPlus.length; j++) {
            logAlphaPlus[j] = Math.log(alpha + rows.times[j]);
        }
        return Parallel.sum(rows.size(), (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                int k = rows.xi[i];
                double rx = r + rows.x[i];
                double a3 = -rx * logAlphaPlus[rows.ti[i]];
                double ll;
                if (rows.x[i] > 0) {
                    double a4 = logA4[k] - rx * logAlphaPlus[rows.txi[i]];
                    ll = head[k] + LogSum.add(a3, a4);
                } else {
                    ll = head[k] + a3;
                }
                sum += rows.w[i] * ll;
            }
            return sum;
        });
    }

    @Override
    public String name() {
        return "bg-nbd";
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r", r);
        m.put("alpha", alpha);
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    @Override
    public double logLikelihood(double x, double tx, double t) {
        Args.customer(x, tx, t);
        double rx = r + x;
        double head = Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                + r * Math.log(alpha)
                + Gamma.logGamma(b + x)
                - Gamma.logGamma(b)
                - Gamma.logGamma(a + b + x)
                + Gamma.logGamma(a + b);
        double a3 = -rx * Math.log(alpha + t);
        if (x == 0) {
            return head + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - rx * Math.log(alpha + tx);
        return head + LogSum.add(a3, a4);
    }

    @Override
    public double expectedPurchases(double t) {
        Args.nonNegative("t", t);
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + t);
        double lead = r * Math.log(alpha / (alpha + t));
        return (a + b - 1) / (a - 1) * oneMinus(lead, r, b, a + b - 1, z);
    }

    @Override
    public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
        Args.customer(x, tx, age);
        Args.nonNegative("t", t);
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + age + t);
        double numerator =
                (a + b + x - 1) / (a - 1) * oneMinus((r + x) * Math.log1p(-z), r + x, b + x, a + b + x - 1, z);
        return numerator / (1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + tx), r + x) : 0));
    }

    @Override
    public double probabilityAlive(double x, double tx, double t) {
        Args.customer(x, tx, t);
        if (x == 0) {
            return 1;
        }
        double log = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log((alpha + t) / (alpha + tx));
        return 1 / (1 + Math.exp(log));
    }

    /**
     * P(X(t) = n): the probability that a new customer makes exactly n repeat purchases in (0, t]
     * (Fader, Hardie &amp; Lee 2005, equation 8).
     *
     * @param n number of purchases, {@code >= 0}
     * @param t length of the period
     * @return the probability
     */
    public double probabilityOfPurchases(int n, double t) {
        if (n < 0) {
            throw new InvalidValueException("n", n + " is negative");
        }
        Args.nonNegative("t", t);
        if (t == 0) {
            return n == 0 ? 1 : 0;
        }
        double lAlpha = Math.log(alpha / (alpha + t));
        double lT = Math.log(t / (alpha + t));
        double lgR = Gamma.logGamma(r);
        double logBetaAB = logBeta(a, b);
        double first = logBeta(a, b + n)
                - logBetaAB
                + Gamma.logGamma(r + n)
                - lgR
                - Gamma.logGamma(n + 1.0)
                + r * lAlpha
                + n * lT;
        double result = Math.exp(first);
        if (n > 0) {
            double logSum = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                logSum = LogSum.add(logSum, Gamma.logGamma(r + j) - lgR - Gamma.logGamma(j + 1.0) + j * lT);
            }
            double bracket = -Math.expm1(r * lAlpha + logSum);
            result += Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * bracket;
        }
        return result;
    }

    /** 1 − e^lead · 2F1(p, q; c; z), precise near 0 when 2F1 is positive, signed when c &lt; 0 makes it negative. */
    private static double oneMinus(double lead, double p, double q, double c, double z) {
        if (c > 0) {
            return -Math.expm1(lead + hyp(p, q, c, z));
        }
        try {
            return 1 - Math.exp(lead) * Hyp2f1.signedValue(p, q, c, z);
        } catch (ArithmeticException e) {
            throw new NumericalException(e.getMessage());
        }
    }

    static double logBeta(double p, double q) {
        return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
    }

    static double hyp(double a, double b, double c, double z) {
        try {
            return Hyp2f1.log(a, b, c, z);
        } catch (ArithmeticException e) {
            throw new NumericalException(e.getMessage());
        }
    }
}
