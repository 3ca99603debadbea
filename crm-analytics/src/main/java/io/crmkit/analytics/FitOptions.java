package io.crmkit.analytics;

import io.crmkit.core.InvalidValueException;

/**
 * Settings of a maximum-likelihood fit: the evaluation budget and the convergence tolerance.
 *
 * <pre>{@code
 * BgNbd.fit(summary, FitOptions.custom().maxEvaluations(50_000).build());
 * }</pre>
 *
 * @param maxEvaluations likelihood evaluations allowed over all restarts ({@code >= 100}); running
 *     out is a {@link FitException}
 * @param relativeTolerance the optimiser stops when an iteration changes the log-likelihood by less
 *     than this fraction ({@code 0 < tolerance <= 1e-4})
 */
public record FitOptions(int maxEvaluations, double relativeTolerance) {
    /** @throws InvalidValueException if a value is out of its range */
    public FitOptions {
        if (maxEvaluations < 100) {
            throw new InvalidValueException("maxEvaluations", maxEvaluations + " is below the minimum of 100");
        }
        if (!(relativeTolerance > 0 && relativeTolerance <= 1e-4)) {
            throw new InvalidValueException(
                    "relativeTolerance",
                    relativeTolerance + " is not in (0, 1e-4]; looser tolerances give wrong parameters");
        }
    }

    /** @return 20,000 evaluations, relative tolerance 1e-12 */
    public static FitOptions ofDefaults() {
        return new FitOptions(20_000, 1e-12);
    }

    /** @return a builder starting from the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /** Builds {@link FitOptions}. */
    public static final class Builder {
        private int maxEvaluations = 20_000;
        private double relativeTolerance = 1e-12;

        private Builder() {}

        /**
         * @param n likelihood evaluations allowed, {@code >= 100}
         * @return this builder
         */
        public Builder maxEvaluations(int n) {
            this.maxEvaluations = n;
            return this;
        }

        /**
         * @param tolerance relative change of the log-likelihood that counts as converged
         * @return this builder
         */
        public Builder relativeTolerance(double tolerance) {
            this.relativeTolerance = tolerance;
            return this;
        }

        /**
         * @return the options
         * @throws InvalidValueException if a value is out of its range
         */
        public FitOptions build() {
            return new FitOptions(maxEvaluations, relativeTolerance);
        }
    }
}
