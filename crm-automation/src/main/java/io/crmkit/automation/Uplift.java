package io.crmkit.automation;

/**
 * Conversion of treated members against a control group, with a 95% confidence interval for the
 * difference of the two rates (Newcombe's hybrid score interval, method 10, from Wilson intervals).
 *
 * @param treated members who took a non-control arm
 * @param treatedConverted of those, how many converted
 * @param control members of the control arm(s)
 * @param controlConverted of those, how many converted
 * @param low lower end of the interval of {@code treatedRate - controlRate}
 * @param high upper end
 */
public record Uplift(
        long treated, long treatedConverted, long control, long controlConverted, double low, double high) {
    private static final double Z = 1.959963984540054;

    /**
     * @param treated treated members
     * @param treatedConverted converted treated members
     * @param control control members
     * @param controlConverted converted control members
     * @return the uplift with its interval (NaN ends when a group is empty)
     */
    public static Uplift of(long treated, long treatedConverted, long control, long controlConverted) {
        if (treated == 0 || control == 0) {
            return new Uplift(treated, treatedConverted, control, controlConverted, Double.NaN, Double.NaN);
        }
        double p1 = (double) treatedConverted / treated;
        double p2 = (double) controlConverted / control;
        double[] w1 = wilson(treatedConverted, treated);
        double[] w2 = wilson(controlConverted, control);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new Uplift(treated, treatedConverted, control, controlConverted, low, high);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {centre - half, centre + half};
    }

    /** @return the treated conversion rate (NaN without treated members) */
    public double treatedRate() {
        return treated == 0 ? Double.NaN : (double) treatedConverted / treated;
    }

    /** @return the control conversion rate (NaN without control members) */
    public double controlRate() {
        return control == 0 ? Double.NaN : (double) controlConverted / control;
    }

    /** @return treated rate minus control rate */
    public double difference() {
        return treatedRate() - controlRate();
    }
}
