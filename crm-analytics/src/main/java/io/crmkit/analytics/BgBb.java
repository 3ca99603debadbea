package io.crmkit.analytics;

import io.crmkit.analytics.internal.Args;
import io.crmkit.analytics.internal.LogSum;
import io.crmkit.analytics.internal.Mle;
import io.crmkit.analytics.internal.Rows;
import io.crmkit.core.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The BG/BB model for discrete transaction opportunities (Fader, Hardie &amp; Shang 2010), e.g. a
 * yearly donation or an annual event: at each opportunity an active customer transacts with
 * probability p ~ Beta(α, β) and drops out with probability θ ~ Beta(γ, δ). A customer's summary
 * is x transactions in n opportunities, the last at opportunity t_x; in a {@link CustomerSummary}
 * the T column holds n (on the command line: the {@code periods} column).
 *
 * <pre>{@code
 * BgBb m = BgBb.fit(donations).model();          // FHS 2010: α 1.204, β 0.750, γ 0.657, δ 2.783
 * m.probabilityAlive(1, 2, 4, 6);                 // 0.59: alive in the 7th year after 2 gifts, the last in year 4
 * m.conditionalExpectedPurchases(5, 6, 6, 6);     // gifts expected in the next 5 years
 * }</pre>
 *
 * @param alpha first shape of the transaction-probability beta
 * @param beta second shape of the transaction-probability beta
 * @param gamma first shape of the dropout-probability beta
 * @param delta second shape of the dropout-probability beta
 */
public record BgBb(double alpha, double beta, double gamma, double delta) implements ClvModel {
    private static final String[] NAMES = {"alpha", "beta", "gamma", "delta"};

    /** @throws InvalidValueException if a parameter is not a finite number {@code > 0} */
    public BgBb {
        Args.positive("alpha", alpha);
        Args.positive("beta", beta);
        Args.positive("gamma", gamma);
        Args.positive("delta", delta);
    }

    /**
     * Fits by maximum likelihood with the default {@link FitOptions}.
     *
     * @param summary frequency x, recency t_x and, in the T column, opportunities n (whole numbers);
     *     weights for a table of counts
     * @return the fit
     * @throws InvalidSummaryException if a value is not a whole number, x &gt; t_x, or nobody transacted
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<BgBb> fit(CustomerSummary summary) {
        return fit(summary, FitOptions.ofDefaults());
    }

    /**
     * Fits by maximum likelihood.
     *
     * @param summary frequency, recency and opportunities (T column), whole numbers
     * @param options evaluation budget and tolerance
     * @return the fit
     * @throws InvalidSummaryException if a value is not a whole number, x &gt; t_x, or nobody transacted
     * @throws FitException if the optimiser does not converge
     */
    public static Fit<BgBb> fit(CustomerSummary summary, FitOptions options) {
        BgNbd.requireRepeaters(summary, "BG/BB");
        double[] x = summary.frequencyColumn();
        double[] tx = summary.recencyColumn();
        double[] n = summary.tColumn();
        for (int i = 0; i < x.length; i++) {
            if (tx[i] != Math.rint(tx[i]) || n[i] != Math.rint(n[i])) {
                throw CustomerSummary.bad(
                        i,
                        summary.id(i),
                        "BG/BB needs whole-number recency and periods (opportunities), not " + tx[i] + " and " + n[i]);
            }
            if (x[i] > tx[i]) {
                throw CustomerSummary.bad(
                        i,
                        summary.id(i),
                        "frequency " + x[i] + " is greater than recency " + tx[i]
                                + " (the opportunity of the last transaction)");
            }
        }
        Rows rows = Rows.of(x, tx, n, null, summary.weightColumn(), null);
        try {
            Mle.Result res = Mle.maximize(
                    p -> logLikelihood(rows, p[0], p[1], p[2], p[3]),
                    new double[] {1, 1, 1, 1},
                    NAMES,
                    options.maxEvaluations(),
                    options.relativeTolerance());
            double[] p = res.parameters();
            return new Fit<>(new BgBb(p[0], p[1], p[2], p[3]), res.logLikelihood(), summary.size(), res.evaluations());
        } catch (Mle.NotConverged e) {
            throw new FitException("BG/BB: the maximum-likelihood fit " + e.getMessage());
        }
    }

    static double logLikelihood(Rows rows, double alpha, double beta, double gamma, double delta) {
        double sum = 0;
        for (int i = 0; i < rows.size(); i++) {
            sum += rows.w[i] * ll(alpha, beta, gamma, delta, (int) rows.x[i], (int) rows.tx[i], (int) rows.t[i]);
        }
        return sum;
    }

    private static double ll(double alpha, double beta, double gamma, double delta, int x, int tx, int n) {
        double lb0 = Beta.logBeta(alpha, beta);
        double lg0 = Beta.logBeta(gamma, delta);
        double l = Beta.logBeta(alpha + x, beta + n - x) - lb0 + Beta.logBeta(gamma, delta + n) - lg0;
        for (int i = 0; i < n - tx; i++) {
            l = LogSum.add(
                    l,
                    Beta.logBeta(alpha + x, beta + tx - x + i) - lb0 + Beta.logBeta(gamma + 1, delta + tx + i) - lg0);
        }
        return l;
    }

    private static void check(double x, double tx, double n) {
        Args.customer(x, tx, n);
        if (tx != Math.rint(tx) || n != Math.rint(n)) {
            throw new InvalidValueException("recency", "BG/BB needs whole-number recency and opportunities");
        }
        if (x > tx) {
            throw new InvalidValueException("frequency", x + " is greater than recency " + tx);
        }
    }

    @Override
    public String name() {
        return "bg-bb";
    }

    @Override
    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("alpha", alpha);
        m.put("beta", beta);
        m.put("gamma", gamma);
        m.put("delta", delta);
        return m;
    }

    /**
     * @param x transactions
     * @param tx opportunity of the last transaction (0 if none)
     * @param n opportunities observed
     * @return the log-likelihood of the customer's history
     */
    public double logLikelihood(int x, int tx, int n) {
        check(x, tx, n);
        return ll(alpha, beta, gamma, delta, x, tx, n);
    }

    /**
     * P(alive at opportunity n + m | x, t_x, n).
     *
     * @param m opportunities ahead, {@code >= 0} (1: still active at the next opportunity)
     * @param x transactions
     * @param tx opportunity of the last transaction
     * @param n opportunities observed
     * @return the probability
     */
    public double probabilityAlive(int m, int x, int tx, int n) {
        check(x, tx, n);
        if (m < 0) {
            throw new InvalidValueException("m", m + " is negative");
        }
        double l = ll(alpha, beta, gamma, delta, x, tx, n);
        return Math.exp(Beta.logBeta(alpha + x, beta + n - x)
                - Beta.logBeta(alpha, beta)
                + Beta.logBeta(gamma, delta + n + m)
                - Beta.logBeta(gamma, delta)
                - l);
    }

    /**
     * E[X(n, n + m) | x, t_x, n]: transactions expected in the next m opportunities.
     *
     * @param m future opportunities, {@code >= 0}
     * @param x transactions
     * @param tx opportunity of the last transaction
     * @param n opportunities observed
     * @return the expected number of transactions
     */
    public double conditionalExpectedPurchases(int m, int x, int tx, int n) {
        check(x, tx, n);
        if (m < 0) {
            throw new InvalidValueException("m", m + " is negative");
        }
        double l = ll(alpha, beta, gamma, delta, x, tx, n);
        double lead = Beta.logBeta(alpha + x + 1, beta + n - x)
                - Beta.logBeta(alpha, beta)
                - l
                + Gamma.logGamma(gamma + delta)
                - Gamma.logGamma(1 + delta);
        return Math.exp(lead) * delta * survivalDifference(n, n + m);
    }

    /**
     * [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+m)/Γ(γ+δ+n+m)] / (γ − 1), keeping its sign, with its limit
     * [ψ(1+δ+n+m) − ψ(1+δ+n)] · Γ(1+δ+n)/Γ(γ+δ+n) where γ is within 1e-9 of 1.
     */
    private double survivalDifference(int from, int to) {
        double a = Gamma.logGamma(1 + delta + from) - Gamma.logGamma(gamma + delta + from);
        double b = Gamma.logGamma(1 + delta + to) - Gamma.logGamma(gamma + delta + to);
        if (Math.abs(gamma - 1) < 1e-9) {
            return Math.exp(a) * (Gamma.digamma(1 + delta + to) - Gamma.digamma(1 + delta + from));
        }
        return Math.exp(a) * -Math.expm1(b - a) / (gamma - 1);
    }

    /**
     * E[X(n)]: transactions a new customer is expected to make in the first n opportunities.
     *
     * @param n opportunities, {@code >= 0}
     * @return the expected number
     */
    public double expectedPurchases(int n) {
        if (n < 0) {
            throw new InvalidValueException("n", n + " is negative");
        }
        double lead = Gamma.logGamma(gamma + delta) - Gamma.logGamma(1 + delta);
        return alpha / (alpha + beta) * delta * Math.exp(lead) * survivalDifference(0, n);
    }

    /**
     * P(X(n) = x): the probability that a new customer makes exactly x transactions in the first n
     * opportunities (Fader, Hardie &amp; Shang 2010, equation 7).
     *
     * @param x transactions, {@code 0 <= x <= n}
     * @param n opportunities
     * @return the probability
     */
    public double probabilityOfPurchases(int x, int n) {
        if (n < 0 || x < 0 || x > n) {
            throw new InvalidValueException("x", x + " is not in [0, n = " + n + "]");
        }
        double lb0 = Beta.logBeta(alpha, beta);
        double lg0 = Beta.logBeta(gamma, delta);
        double l = logChoose(n, x) + Beta.logBeta(alpha + x, beta + n - x) - lb0 + Beta.logBeta(gamma, delta + n) - lg0;
        for (int i = x; i < n; i++) {
            l = LogSum.add(
                    l,
                    logChoose(i, x)
                            + Beta.logBeta(alpha + x, beta + i - x)
                            - lb0
                            + Beta.logBeta(gamma + 1, delta + i)
                            - lg0);
        }
        return Math.exp(l);
    }

    private static double logChoose(int n, int k) {
        return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
    }
}
