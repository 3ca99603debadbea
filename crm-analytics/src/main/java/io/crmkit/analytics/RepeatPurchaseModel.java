package io.crmkit.analytics;

/**
 * A continuous-time "buy till you die" model of repeat purchases (BG/NBD or Pareto/NBD): given a
 * customer's frequency x, recency t_x and age T (in the summary's time unit) it predicts purchases
 * in a future period and the probability the customer is still active.
 *
 * <pre>{@code
 * RepeatPurchaseModel m = BgNbd.fit(summary).model();
 * double next39 = m.conditionalExpectedPurchases(39, 2, 30.43, 38.86); // 1.226
 * double alive = m.probabilityAlive(2, 30.43, 38.86);
 * }</pre>
 */
public sealed interface RepeatPurchaseModel extends ClvModel permits BgNbd, ParetoNbd {
    /**
     * @param x frequency
     * @param tx recency
     * @param t age T
     * @return the log-likelihood of one customer's summary
     */
    double logLikelihood(double x, double tx, double t);

    /**
     * @param t length of a period from a customer's first purchase
     * @return E[X(t)], the expected number of repeat purchases of a new customer in (0, t]
     */
    double expectedPurchases(double t);

    /**
     * @param t length of the future period
     * @param x frequency
     * @param tx recency
     * @param age age T
     * @return E[Y(t) | x, t_x, T], the expected purchases in (T, T + t]
     */
    double conditionalExpectedPurchases(double t, double x, double tx, double age);

    /**
     * @param x frequency
     * @param tx recency
     * @param t age T
     * @return the probability that the customer is still active at T
     */
    double probabilityAlive(double x, double tx, double t);
}
