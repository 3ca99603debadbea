package io.crmkit.analytics;

import io.crmkit.analytics.internal.Args;
import io.crmkit.analytics.internal.LogSum;
import io.crmkit.analytics.internal.Mle;
import io.crmkit.analytics.internal.Parallel;
import io.crmkit.analytics.internal.Rows;
import io.crmkit.core.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987): while active a customer buys at
 * Poisson rate λ ~ Gamma(r, α) and stays active for an exponential lifetime with rate μ ~ Gamma(s,
 * β). The likelihood uses the Gauss hypergeometric function, evaluated in log space by scaled series
 * (see {@code docs/clv.md}).
 *
 * <pre>{@code
 * ParetoNbd m = ParetoNbd.fit(summary).model(); // CDNOW: r 0.553, α 10.578, s 0.606, β 11.669
 * m.probabilityAlive(26, 30.86, 31);            // 0.998
 * m.conditionalExpectedPurchases(52, 26, 30.86, 31); // 25.46
 * }</pre>
 *
 * @param r shape of the purchase-rate gamma
 * @param alpha scale of the purchase-rate gamma
 * @param s shape of the dropout-rate gamma
 * @param beta scale of the dropout-rate gamma
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements RepeatPurchaseModel {
    private static final String[] NAMES = {"r", "alpha", "s", "beta"};

    /** @throws InvalidValueException if a parameter is not a finite number {@code > 0} */
    public ParetoNbd {
        Args.positive("r", r);
        Args.positive("alpha", alpha);
        Args.positive("s", s);
        Args.positive("beta", beta);
    }

    /**
     * Fits by maximum likelihood with the default {@link FitOptions}.
     *
     * @param summary frequency, recency, T and optional weights
     * @return the fit
     * @throws InvalidSummaryException if the summary is empty or nobody made a repeat purchase
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<ParetoNbd> fit(CustomerSummary summary) {
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
    public static Fit<ParetoNbd> fit(CustomerSummary summary, FitOptions options) {
        BgNbd.requireRepeaters(summary, "Pareto/NBD");
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
        double scale = Math.max(meanT / 4, 1e-3);
        double[] start = {1, scale, 1, scale};
        try {
            Mle.Result res = Mle.maximize(
                    rows,
                    (rr, p) -> logLikelihood(rr, p[0], p[1], p[2], p[3]),
                    start,
                    NAMES,
                    options.maxEvaluations(),
                    options.relativeTolerance());
            double[] p = res.parameters();
            return new Fit<>(
                    new ParetoNbd(p[0], p[1], p[2], p[3]), res.logLikelihood(), summary.size(), res.evaluations());
        } catch (Mle.NotConverged e) {
            throw new FitException("Pareto/NBD: the maximum-likelihood fit " + e.getMessage());
        }
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
                s,
                beta);
    }

    static double logLikelihood(Rows rows, double r, double alpha, double s, double beta) {
        double[] head = new double[rows.xs.length];
        double lgR = Gamma.logGamma(r);
        double base = r * Math.log(alpha) + s * Math.log(beta);
        for (int k = 0; k < head.length; k++) {
            head[k] = Gamma.logGamma(r + rows.xs[k]) - lgR + base;
        }
        return Parallel.sum(rows.size(), (from, to) -> {
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += rows.w[i] * (head[rows.xi[i]] + tail(r, alpha, s, beta, rows.x[i], rows.tx[i], rows.t[i]));
            }
            return sum;
        });
    }

    /** The log of the bracket of the likelihood: everything but Γ(r+x)α^r β^s / Γ(r). */
    private static double tail(double r, double alpha, double s, double beta, double x, double tx, double t) {
        double first = -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
        double second = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, t);
        return LogSum.add(first, second);
    }

    /**
     * log A0 of Fader &amp; Hardie's note on the Pareto/NBD likelihood: the difference of two
     * hypergeometric terms at recency and at T, taken in log space (it is 0 when recency = T).
     */
    static double logA0(double r, double alpha, double s, double beta, double x, double tx, double t) {
        double max;
        double min;
        double second;
        if (alpha < beta) {
            max = beta;
            min = alpha;
            second = r + x;
        } else {
            max = alpha;
            min = beta;
            second = s + 1;
        }
        double rsx = r + s + x;
        double diff = max - min;
        double atRecency = BgNbd.hyp(rsx, second, rsx + 1, diff / (max + tx)) - rsx * Math.log(max + tx);
        double atT = BgNbd.hyp(rsx, second, rsx + 1, diff / (max + t)) - rsx * Math.log(max + t);
        return LogSum.subtract(atRecency, atT);
    }

    @Override
    public String name() {
        return "pareto-nbd";
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r", r);
        m.put("alpha", alpha);
        m.put("s", s);
        m.put("beta", beta);
        return m;
    }

    @Override
    public double logLikelihood(double x, double tx, double t) {
        Args.customer(x, tx, t);
        return Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                + r * Math.log(alpha)
                + s * Math.log(beta)
                + tail(r, alpha, s, beta, x, tx, t);
    }

    @Override
    public double expectedPurchases(double t) {
        Args.nonNegative("t", t);
        return r * beta / alpha * oneMinusPowOverS(beta / (beta + t), s - 1);
    }

    /** (1 - q^e) / e, and -ln q in the limit e = 0. */
    private static double oneMinusPowOverS(double q, double e) {
        double lq = Math.log(q);
        if (Math.abs(e * lq) < 1e-12) {
            return -lq;
        }
        return -Math.expm1(e * lq) / e;
    }

    @Override
    public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
        Args.customer(x, tx, age);
        Args.nonNegative("t", t);
        if (t == 0) {
            return 0;
        }
        double ll = logLikelihood(x, tx, age);
        double first = Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                + r * Math.log(alpha)
                + s * Math.log(beta)
                - (r + x) * Math.log(alpha + age)
                - s * Math.log(beta + age);
        double second = Math.log(r + x) + Math.log(beta + age) - Math.log(alpha + age);
        double third = Math.log(oneMinusPowOverS((beta + age) / (beta + age + t), s - 1));
        return Math.exp(first + second + third - ll);
    }

    /**
     * P(X(t) = n): the probability that a new customer makes exactly n repeat purchases in (0, t]
     * (Fader &amp; Hardie 2006, "Deriving an expression for P(X(t) = x) under the Pareto/NBD model").
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
        double x = n;
        double first = Gamma.logGamma(r + x)
                - Gamma.logGamma(r)
                - Gamma.logGamma(x + 1)
                + r * Math.log(alpha / (alpha + t))
                + x * Math.log(t / (alpha + t))
                + s * Math.log(beta / (beta + t));
        double max = Math.max(alpha, beta);
        double second = alpha >= beta ? s + 1 : r + x;
        double diff = Math.abs(alpha - beta);
        double c = r + s + x + 1;
        double logB1 = BgNbd.hyp(r + s, second, c, diff / max) - (r + s) * Math.log(max);
        double logSum = Double.NEGATIVE_INFINITY;
        double lgRS = Gamma.logGamma(r + s);
        for (int i = 0; i <= n; i++) {
            double logB2 = BgNbd.hyp(r + s + i, second, c, diff / (max + t)) - (r + s + i) * Math.log(max + t);
            logSum = LogSum.add(
                    logSum, Gamma.logGamma(r + s + i) - lgRS - Gamma.logGamma(i + 1.0) + i * Math.log(t) + logB2);
        }
        double lead = r * Math.log(alpha) + s * Math.log(beta) + BgNbd.logBeta(r + x, s + 1) - BgNbd.logBeta(r, s);
        return Math.exp(first) + Math.exp(lead + LogSum.subtract(logB1, logSum));
    }

    @Override
    public double probabilityAlive(double x, double tx, double t) {
        Args.customer(x, tx, t);
        double log = Math.log(s)
                - Math.log(r + s + x)
                + (r + x) * Math.log(alpha + t)
                + s * Math.log(beta + t)
                + logA0(r, alpha, s, beta, x, tx, t);
        return 1 / (1 + Math.exp(log));
    }
}
