package io.crmkit.analytics.internal;

/** Sums of numbers given by their logarithms, without overflow. */
public final class LogSum {
    private LogSum() {}

    /**
     * @param x log of a non-negative number (may be -infinity)
     * @param y log of a non-negative number (may be -infinity)
     * @return log(e^x + e^y)
     */
    public static double add(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
    }

    /**
     * @param x log of a number
     * @param y log of a smaller number
     * @return log(e^x - e^y), -infinity if y >= x
     */
    public static double subtract(double x, double y) {
        if (y >= x) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double d = y - x;
        return x + (d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
    }
}
