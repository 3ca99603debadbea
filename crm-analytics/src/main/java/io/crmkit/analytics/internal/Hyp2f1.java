package io.crmkit.analytics.internal;

/**
 * The natural logarithm of the Gauss hypergeometric function 2F1(a, b; c; z) for real parameters
 * and {@code 0 <= z < 1}, where the function is positive (every use in the CLV models).
 *
 * <p>Two series are summed in scaled arithmetic (no overflow even where 2F1 is 10^300 or more):
 * the defining series, and the one after Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c-a-b)
 * 2F1(c-a, c-b; c; z). For {@code z <= 0.5} the defining series goes first; above, the one whose
 * terms decay faster (k^(a+b-c-1) z^k against k^(c-a-b-1) z^k). A sum is accepted only when the
 * tail bound is below 1e-16 of it and cancellation cost at most 4 of the 16 digits (largest term
 * / |sum| at most 1e4); otherwise the other series is tried, and if neither qualifies the caller gets
 * an {@link ArithmeticException} naming the arguments. Accuracy: about 1e-12 relative (checked to
 * 1e-10 against 60-digit sums for parameters up to 300 and z up to 0.95), worse as z nears 1
 * because rounding accumulates over the terms. Both series need at most about
 * 37 / (1 - z) terms, so z within 10^-6 of 1 is refused rather than summed for seconds.
 */
public final class Hyp2f1 {
    static final int MAX_TERMS = 40_000_000;
    private static final double SCALE = 1e-280;
    private static final double LOG_SCALE = Math.log(1e280);

    private Hyp2f1() {}

    /**
     * @param a first numerator parameter
     * @param b second numerator parameter
     * @param c denominator parameter, not 0, -1, -2, ...
     * @param z the argument, {@code 0 <= z < 1}
     * @return log 2F1(a, b; c; z)
     * @throws ArithmeticException if the arguments are out of range, the value is not positive, or no
     *     series reaches full precision
     */
    public static double log(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new ArithmeticException(describe(a, b, c, z) + ": needs finite parameters and 0 <= z < 1");
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new ArithmeticException(describe(a, b, c, z) + ": c is 0 or a negative integer");
        }
        if (z == 0 || a == 0 || b == 0) {
            return 0;
        }
        if (1 - z < 1e-6) {
            throw new ArithmeticException(describe(a, b, c, z) + ": z is within 1e-6 of 1");
        }
        boolean eulerFirst = z > 0.5 && a + b - c > 0;
        double first = eulerFirst ? euler(a, b, c, z) : series(a, b, c, z);
        if (!Double.isNaN(first)) {
            return first;
        }
        double second = eulerFirst ? series(a, b, c, z) : euler(a, b, c, z);
        if (!Double.isNaN(second)) {
            return second;
        }
        throw new ArithmeticException(describe(a, b, c, z) + ": neither series reaches double precision");
    }

    /**
     * @return 2F1(a, b; c; z), for tests and small values
     * @see #log(double, double, double, double)
     */
    public static double value(double a, double b, double c, double z) {
        return Math.exp(log(a, b, c, z));
    }

    private static double euler(double a, double b, double c, double z) {
        double s = series(c - a, c - b, c, z);
        return Double.isNaN(s) ? s : (c - a - b) * Math.log1p(-z) + s;
    }

    /** log of the defining series, or NaN if it is not positive, not converged or lost precision. */
    static double series(double a, double b, double c, double z) {
        double[] r = sum(a, b, c, z);
        return r == null || !(r[0] > 0) ? Double.NaN : Math.log(r[0]) + r[1];
    }

    /**
     * 2F1(a, b; c; z) with its sign, for the rare parameters where it may be 0 or negative (c &lt; 0
     * in the BG/NBD expectation when a + b &lt; 1).
     *
     * @return the value
     * @throws ArithmeticException if it is out of range, overflows or cannot be summed precisely
     */
    public static double signedValue(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new ArithmeticException(describe(a, b, c, z) + ": needs finite parameters and 0 <= z < 1");
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new ArithmeticException(describe(a, b, c, z) + ": c is 0 or a negative integer");
        }
        if (1 - z < 1e-6) {
            throw new ArithmeticException(describe(a, b, c, z) + ": z is within 1e-6 of 1");
        }
        double[] r = sum(a, b, c, z);
        if (r == null) {
            double[] e = sum(c - a, c - b, c, z);
            if (e == null) {
                throw new ArithmeticException(describe(a, b, c, z) + ": neither series reaches double precision");
            }
            r = new double[] {e[0], e[1] + (c - a - b) * Math.log1p(-z)};
        }
        double v = r[0] * Math.exp(r[1]);
        if (!Double.isFinite(v)) {
            throw new ArithmeticException(describe(a, b, c, z) + ": overflows a double");
        }
        return v;
    }

    /** {sum, log of its scale}, or null if not converged or more than 4 digits cancelled. */
    private static double @org.jspecify.annotations.Nullable [] sum(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        double maxAbs = 1;
        double logScale = 0;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
            sum += term;
            double abs = Math.abs(term);
            if (abs > maxAbs) {
                maxAbs = abs;
            }
            if (maxAbs > 1e280) {
                term *= SCALE;
                sum *= SCALE;
                maxAbs *= SCALE;
                logScale += LOG_SCALE;
            }
            if (term == 0) {
                break; // a or b is a non-positive integer: a polynomial
            }
            if (abs <= 1e-17 * Math.abs(sum)) {
                double next = Math.abs((a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2.0)) * z);
                double bound = Math.max(next, z);
                if (bound < 1 && abs * bound / (1 - bound) <= 1e-16 * Math.abs(sum)) {
                    break;
                }
            }
            if (k == MAX_TERMS - 1) {
                return null;
            }
        }
        if (maxAbs > 1e4 * Math.abs(sum)) {
            return null;
        }
        return new double[] {sum, logScale};
    }

    private static String describe(double a, double b, double c, double z) {
        return "2F1(" + a + ", " + b + "; " + c + "; " + z + ")";
    }
}
