package io.crmkit.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The per-customer input of the CLV models, held as columns: frequency (repeat purchase periods),
 * recency (time from the first to the last purchase), T (time from the first purchase to the end of
 * observation), and optionally the mean repeat spend, the holdout-period purchases and a weight
 * (how many identical customers a row stands for). All times are in one unit, days or weeks.
 *
 * <p>Every row is checked when the summary is made: frequency is a whole number {@code >= 0};
 * {@code 0 <= recency <= T}; a frequency of 0 has recency 0; spend is {@code >= 0}; weights are
 * {@code > 0}; everything is finite. A bad row is an {@link InvalidSummaryException} naming it.
 *
 * <pre>{@code
 * CustomerSummary s = CustomerSummary.of(
 *         new String[] {"c1", "c2"}, new double[] {2, 0}, new double[] {30.43, 0}, new double[] {38.86, 38.86});
 * BgNbd.fit(s).model().probabilityAlive(2, 30.43, 38.86);
 * }</pre>
 *
 * <p>Instances are immutable; the {@code with…} methods return a new summary sharing the columns.
 */
public final class CustomerSummary {
    private final String[] ids;
    private final double[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double @Nullable [] monetary;
    private final double @Nullable [] holdoutFrequency;
    private final double @Nullable [] holdoutDuration;
    private final double @Nullable [] weights;

    private CustomerSummary(
            String[] ids,
            double[] frequency,
            double[] recency,
            double[] age,
            double @Nullable [] monetary,
            double @Nullable [] holdoutFrequency,
            double @Nullable [] holdoutDuration,
            double @Nullable [] weights) {
        this.ids = ids;
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.monetary = monetary;
        this.holdoutFrequency = holdoutFrequency;
        this.holdoutDuration = holdoutDuration;
        this.weights = weights;
    }

    /**
     * A summary of frequency, recency and T; the arrays are copied.
     *
     * @param ids customer ids, one a row
     * @param frequency repeat purchase periods (whole numbers {@code >= 0})
     * @param recency time from the first to the last purchase, {@code 0 <= recency <= T}
     * @param t time from the first purchase to the end of observation ("T")
     * @return the summary
     * @throws InvalidSummaryException if the columns differ in length or a row is not valid
     */
    public static CustomerSummary of(String[] ids, double[] frequency, double[] recency, double[] t) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(recency, "recency");
        Objects.requireNonNull(t, "t");
        int n = ids.length;
        sameLength("frequency", frequency.length, n);
        sameLength("recency", recency.length, n);
        sameLength("T", t.length, n);
        String[] id = ids.clone();
        double[] x = frequency.clone();
        double[] tx = recency.clone();
        double[] tt = t.clone();
        for (int i = 0; i < n; i++) {
            if (id[i] == null) {
                throw new InvalidSummaryException(i, "row " + i + ": the customer id is missing");
            }
            checkRow(i, id[i], x[i], tx[i], tt[i]);
        }
        return new CustomerSummary(id, x, tx, tt, null, null, null, null);
    }

    private static void sameLength(String column, int length, int expected) {
        if (length != expected) {
            throw new InvalidSummaryException(
                    -1, "column " + column + " has " + length + " rows but the ids have " + expected);
        }
    }

    static void checkRow(int i, String id, double x, double tx, double t) {
        if (!Double.isFinite(x) || x < 0 || x != Math.rint(x)) {
            throw bad(i, id, "frequency " + num(x) + " is not a whole number >= 0");
        }
        if (!Double.isFinite(t) || t < 0) {
            throw bad(i, id, "T " + num(t) + " is not a finite number >= 0");
        }
        if (!Double.isFinite(tx) || tx < 0) {
            throw bad(i, id, "recency " + num(tx) + " is not a finite number >= 0");
        }
        if (tx > t) {
            throw bad(i, id, "recency " + num(tx) + " is greater than T " + num(t));
        }
        if (x == 0 && tx != 0) {
            throw bad(
                    i,
                    id,
                    "recency " + num(tx) + " with frequency 0; a customer without repeat purchases has recency 0");
        }
    }

    static InvalidSummaryException bad(int i, String id, String what) {
        return new InvalidSummaryException(i, "row " + i + " (customer \"" + id + "\"): " + what);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * This summary with the mean spend of each customer's repeat purchases (0 for a customer with
     * frequency 0), as the Gamma-Gamma model needs.
     *
     * @param monetaryValue mean repeat spend, {@code >= 0}, one a row
     * @return a new summary
     * @throws InvalidSummaryException if the length differs or a value is negative or not finite
     */
    public CustomerSummary withMonetaryValue(double[] monetaryValue) {
        sameLength("monetary_value", monetaryValue.length, size());
        double[] m = monetaryValue.clone();
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(m[i]) || m[i] < 0) {
                throw bad(i, ids[i], "monetary value " + num(m[i]) + " is not a finite number >= 0");
            }
        }
        return new CustomerSummary(ids, frequency, recency, age, m, holdoutFrequency, holdoutDuration, weights);
    }

    /**
     * This summary with a weight a row: the number of identical customers the row stands for (a
     * summary of counts, like a recency-frequency table, fits as the expanded data would).
     *
     * @param weight weights, {@code > 0}, one a row
     * @return a new summary
     * @throws InvalidSummaryException if the length differs or a weight is not a finite number {@code > 0}
     */
    public CustomerSummary withWeights(double[] weight) {
        sameLength("weight", weight.length, size());
        double[] w = weight.clone();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i]) || w[i] <= 0) {
                throw bad(i, ids[i], "weight " + num(w[i]) + " is not a finite number > 0");
            }
        }
        return new CustomerSummary(ids, frequency, recency, age, monetary, holdoutFrequency, holdoutDuration, w);
    }

    /**
     * This summary with the holdout period: purchases in it and its length.
     *
     * @param frequencyHoldout purchase periods in the holdout (whole numbers {@code >= 0})
     * @param durationHoldout the holdout's length, {@code >= 0}
     * @return a new summary
     * @throws InvalidSummaryException if a length differs or a value is not valid
     */
    public CustomerSummary withHoldout(double[] frequencyHoldout, double[] durationHoldout) {
        sameLength("frequency_holdout", frequencyHoldout.length, size());
        sameLength("duration_holdout", durationHoldout.length, size());
        double[] f = frequencyHoldout.clone();
        double[] d = durationHoldout.clone();
        for (int i = 0; i < f.length; i++) {
            if (!Double.isFinite(f[i]) || f[i] < 0 || f[i] != Math.rint(f[i])) {
                throw bad(i, ids[i], "frequency_holdout " + num(f[i]) + " is not a whole number >= 0");
            }
            if (!Double.isFinite(d[i]) || d[i] < 0) {
                throw bad(i, ids[i], "duration_holdout " + num(d[i]) + " is not a finite number >= 0");
            }
        }
        return new CustomerSummary(ids, frequency, recency, age, monetary, f, d, weights);
    }

    /** @return the number of rows */
    public int size() {
        return ids.length;
    }

    /**
     * @param row a row, 0-based
     * @return its customer id
     */
    public String id(int row) {
        return ids[row];
    }

    /**
     * @param row a row
     * @return its frequency: the number of repeat purchase periods
     */
    public double frequency(int row) {
        return frequency[row];
    }

    /**
     * @param row a row
     * @return its recency: time from the first to the last purchase
     */
    public double recency(int row) {
        return recency[row];
    }

    /**
     * @param row a row
     * @return its age T: time from the first purchase to the end of observation
     */
    public double t(int row) {
        return age[row];
    }

    /** @return whether the summary has a monetary value column */
    public boolean hasMonetaryValue() {
        return monetary != null;
    }

    /**
     * @param row a row
     * @return the mean repeat spend, if the summary has that column
     */
    public OptionalDouble monetaryValue(int row) {
        return monetary == null ? OptionalDouble.empty() : OptionalDouble.of(monetary[row]);
    }

    /** @return whether the summary has holdout columns */
    public boolean hasHoldout() {
        return holdoutFrequency != null;
    }

    /**
     * @param row a row
     * @return purchase periods in the holdout, if the summary has a holdout
     */
    public OptionalDouble frequencyHoldout(int row) {
        return holdoutFrequency == null ? OptionalDouble.empty() : OptionalDouble.of(holdoutFrequency[row]);
    }

    /**
     * @param row a row
     * @return the holdout's length, if the summary has a holdout
     */
    public OptionalDouble durationHoldout(int row) {
        return holdoutDuration == null ? OptionalDouble.empty() : OptionalDouble.of(holdoutDuration[row]);
    }

    /**
     * @param row a row
     * @return its weight (1 when the summary has no weights)
     */
    public double weight(int row) {
        return weights == null ? 1.0 : weights[row];
    }

    /** @return whether rows carry weights */
    public boolean hasWeights() {
        return weights != null;
    }

    /** @return the sum of the weights (the number of customers when there are none) */
    public double totalWeight() {
        if (weights == null) {
            return size();
        }
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    // columns for the models in this package; never handed out
    double[] frequencyColumn() {
        return frequency;
    }

    double[] recencyColumn() {
        return recency;
    }

    double[] tColumn() {
        return age;
    }

    Optional<double[]> monetaryColumn() {
        return Optional.ofNullable(monetary);
    }

    double @Nullable [] weightColumn() {
        return weights;
    }

    @Override
    public String toString() {
        return "CustomerSummary[" + size() + " customers" + (monetary != null ? ", monetary value" : "")
                + (holdoutFrequency != null ? ", holdout" : "") + (weights != null ? ", weighted" : "") + "]";
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CustomerSummary s
                && Arrays.equals(ids, s.ids)
                && Arrays.equals(frequency, s.frequency)
                && Arrays.equals(recency, s.recency)
                && Arrays.equals(age, s.age)
                && Arrays.equals(monetary, s.monetary)
                && Arrays.equals(holdoutFrequency, s.holdoutFrequency)
                && Arrays.equals(holdoutDuration, s.holdoutDuration)
                && Arrays.equals(weights, s.weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.hashCode(ids), Arrays.hashCode(frequency), Arrays.hashCode(recency), Arrays.hashCode(age));
    }
}
