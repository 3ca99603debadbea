package io.crmkit.generator.internal;

import java.util.SplittableRandom;

/** Random variates for the purchase model, drawn from a caller's {@link SplittableRandom}. */
final class Rand {
    private Rand() {}

    /**
     * Gamma(shape, scale) by Marsaglia and Tsang (2000); shapes below 1 use the boost {@code
     * Gamma(shape + 1) * U^(1/shape)}.
     */
    static double gamma(SplittableRandom r, double shape, double scale) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(r, shape + 1, scale) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = r.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = r.nextDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) {
                return d * v * scale;
            }
            if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v * scale;
            }
        }
    }

    /** Beta(a, b) as X / (X + Y) of two gammas. */
    static double beta(SplittableRandom r, double a, double b) {
        double x = gamma(r, a, 1);
        double y = gamma(r, b, 1);
        double s = x + y;
        return s == 0 ? 0.5 : x / s;
    }

    /** Poisson(mean) by multiplication (Knuth); for small means. */
    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    /** Picks an index from cumulative weights (last element = total) by linear scan. */
    static int pick(SplittableRandom r, double[] cumulative) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Cumulative sums of weights. */
    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }
}
