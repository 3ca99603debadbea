package io.crmkit.analytics;

import io.crmkit.analytics.internal.Args;
import io.crmkit.core.InvalidValueException;
import java.util.Objects;

/**
 * Discounted customer lifetime value: the expected purchases of each future step from a repeat
 * purchase model, times the expected transaction value from a {@link GammaGamma} model, discounted
 * per step, summed over the horizon (the definition of lifetimes' {@code customer_lifetime_value}).
 * For a customer (x, t_x, T, m):
 * CLV = Σ_{k=1..steps} E[M | x, m] · (E[Y(k·L) | x, t_x, T] − E[Y((k−1)·L) | x, t_x, T]) / (1 + d)^k.
 *
 * <pre>{@code
 * // 12 monthly steps on a weekly summary, 1% a month
 * Clv clv = new Clv(bgnbd, gammaGamma, 12, 52.0 / 12, 0.01);
 * double value = clv.value(2, 30.43, 38.86, 22.35);
 * }</pre>
 *
 * @param purchases the purchase model (fitted on the same time unit as the summary)
 * @param spend the spend model
 * @param steps number of steps of the horizon, {@code >= 1}
 * @param stepLength length of one step in the summary's time unit, {@code > 0}
 * @param discountRate discount rate per step, {@code >= 0}
 */
public record Clv(RepeatPurchaseModel purchases, GammaGamma spend, int steps, double stepLength, double discountRate) {
    /** @throws InvalidValueException if a setting is out of range */
    public Clv {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        if (steps < 1) {
            throw new InvalidValueException("steps", steps + " is below 1");
        }
        Args.positive("stepLength", stepLength);
        Args.nonNegative("discountRate", discountRate);
    }

    /**
     * @param x frequency
     * @param tx recency
     * @param t age T
     * @param monetaryValue mean repeat spend (0 when x is 0)
     * @return the discounted value over the horizon
     */
    public double value(double x, double tx, double t, double monetaryValue) {
        double perPurchase = spend.conditionalExpectedSpend(x, monetaryValue);
        double total = 0;
        double before = 0;
        for (int k = 1; k <= steps; k++) {
            double upTo = purchases.conditionalExpectedPurchases(k * stepLength, x, tx, t);
            total += perPurchase * (upTo - before) / Math.pow(1 + discountRate, k);
            before = upTo;
        }
        return total;
    }

    /**
     * @param summary a summary with a monetary value column
     * @return the value of every row, in row order
     * @throws InvalidSummaryException if the summary has no monetary value
     */
    public double[] values(CustomerSummary summary) {
        double[] m = summary.monetaryColumn()
                .orElseThrow(() ->
                        new InvalidSummaryException(-1, "CLV needs the monetary value column (mean repeat spend)"));
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(summary.frequency(i), summary.recency(i), summary.t(i), m[i]);
        }
        return out;
    }
}
