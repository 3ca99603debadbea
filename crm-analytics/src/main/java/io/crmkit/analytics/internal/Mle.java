package io.crmkit.analytics.internal;

import io.crmkit.analytics.NumericalException;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood over positive parameters: Hipparchus' Nelder-Mead on the logarithms of the
 * parameters, restarted from its own optimum until a restart no longer moves the log-likelihood
 * by more than 1e-9 (Nelder-Mead can stall on a simplex that has collapsed; a fresh simplex cannot).
 */
public final class Mle {
    /** The search never leaves e^±40. */
    static final double BOUND = 40;

    /**
     * An optimum with a parameter beyond e^±15 (3.3·10^6 or 3·10^-7) lies on the boundary: the
     * likelihood keeps rising as the parameter runs off to 0 or infinity, so there is no interior
     * maximum (e.g. no heterogeneity at all, or nobody ever drops out).
     */
    static final double RUN_OFF = 15;

    private Mle() {}

    /** The optimum: parameters (not logs), the maximised log-likelihood, evaluations spent. */
    public record Result(double[] parameters, double logLikelihood, int evaluations) {}

    /** The optimum could not be reached; the message says why and where the search stopped. */
    public static final class NotConverged extends Exception {
        private static final long serialVersionUID = 1L;

        NotConverged(String message) {
            super(message, null, false, false);
        }
    }

    /** Summaries with more merged rows than this are first fitted on a stride sample of this size. */
    public static final int WARM_START_ROWS = 50_000;

    /**
     * Maximises a likelihood over summary rows; on large summaries it first fits a stride sample of
     * {@link #WARM_START_ROWS} rows and starts the full fit there with a small simplex, which saves
     * about half of the evaluations of the full likelihood. The optimum is the full data's either way.
     *
     * @param rows the rows
     * @param logLikelihood the log-likelihood of the rows at positive parameters
     * @param start a starting point, all positive
     * @param names parameter names for messages
     * @param maxEvaluations the evaluation budget of each stage
     * @param relativeTolerance convergence tolerance
     * @return the maximum; evaluations count both stages
     * @throws NotConverged as {@link #maximize(ToDoubleFunction, double[], String[], int, double)}
     */
    public static Result maximize(
            Rows rows,
            java.util.function.BiFunction<Rows, double[], Double> logLikelihood,
            double[] start,
            String[] names,
            int maxEvaluations,
            double relativeTolerance)
            throws NotConverged {
        double[] from = start;
        int spent = 0;
        double step = 0.5;
        if (rows.size() > WARM_START_ROWS) {
            Rows sample = rows.stride(WARM_START_ROWS);
            Result first =
                    maximize(p -> logLikelihood.apply(sample, p), start, names, maxEvaluations, relativeTolerance, 0.5);
            from = first.parameters();
            spent = first.evaluations();
            step = 0.05;
        }
        Result full = maximize(p -> logLikelihood.apply(rows, p), from, names, maxEvaluations, relativeTolerance, step);
        return new Result(full.parameters(), full.logLikelihood(), spent + full.evaluations());
    }

    /**
     * @param logLikelihood the log-likelihood of positive parameters; NaN or -infinity for points
     *     where it cannot be evaluated
     * @param start a starting point, all positive
     * @param names parameter names for messages
     * @param maxEvaluations the evaluation budget over all restarts
     * @param relativeTolerance convergence tolerance on the log-likelihood between iterations
     * @return the maximum
     * @throws NotConverged if the budget runs out, the start cannot be evaluated or a parameter runs
     *     off to 0 or infinity
     */
    public static Result maximize(
            ToDoubleFunction<double[]> logLikelihood,
            double[] start,
            String[] names,
            int maxEvaluations,
            double relativeTolerance)
            throws NotConverged {
        return maximize(logLikelihood, start, names, maxEvaluations, relativeTolerance, 0.5);
    }

    private static Result maximize(
            ToDoubleFunction<double[]> logLikelihood,
            double[] start,
            String[] names,
            int maxEvaluations,
            double relativeTolerance,
            double firstStep)
            throws NotConverged {
        int dim = start.length;
        double[] x0 = new double[dim];
        for (int i = 0; i < dim; i++) {
            x0[i] = Math.log(start[i]);
        }
        int[] evaluations = {0};
        ObjectiveFunction objective = new ObjectiveFunction(u -> {
            evaluations[0]++;
            for (double v : u) {
                if (!(Math.abs(v) <= BOUND)) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            double[] p = new double[dim];
            for (int i = 0; i < dim; i++) {
                p[i] = Math.exp(u[i]);
            }
            double ll;
            try {
                ll = logLikelihood.applyAsDouble(p);
            } catch (ArithmeticException | NumericalException e) {
                return Double.POSITIVE_INFINITY; // a point where the likelihood cannot be evaluated: not a candidate
            }
            return Double.isNaN(ll) ? Double.POSITIVE_INFINITY : -ll;
        });
        double startValue = objective.getObjectiveFunction().value(x0);
        if (!Double.isFinite(startValue)) {
            throw new NotConverged("the log-likelihood is not finite at the starting point " + show(names, start));
        }
        double best = startValue;
        double[] point = x0;
        int restarts = 0;
        while (true) {
            int left = maxEvaluations - evaluations[0];
            if (left <= dim + 1) {
                throw new NotConverged("did not converge within " + maxEvaluations + " evaluations; it stopped at "
                        + show(names, exp(point)) + " with log-likelihood " + (-best));
            }
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(relativeTolerance, 1e-300));
            PointValuePair opt;
            try {
                opt = optimizer.optimize(
                        new MaxEval(left),
                        objective,
                        GoalType.MINIMIZE,
                        new InitialGuess(point),
                        new NelderMeadSimplex(steps(dim, restarts == 0 ? firstStep : 0.05)));
            } catch (MathIllegalStateException e) {
                throw new NotConverged("did not converge within " + maxEvaluations + " evaluations; it stopped at "
                        + show(names, exp(point)) + " with log-likelihood " + (-best));
            }
            double value = opt.getValue();
            double[] next = opt.getPoint();
            for (int i = 0; i < dim; i++) {
                if (Math.abs(next[i]) > RUN_OFF) {
                    throw new NotConverged("parameter " + names[i] + " ran off to "
                            + (next[i] > 0 ? "infinity" : "0") + " (" + Math.exp(next[i])
                            + "): the data do not identify the model");
                }
            }
            boolean settled = best - value <= 1e-9 && restarts > 0;
            if (value < best) {
                best = value;
                point = next;
            }
            if (settled) {
                return new Result(exp(point), -best, evaluations[0]);
            }
            restarts++;
        }
    }

    private static double[] steps(int dim, double step) {
        double[] s = new double[dim];
        java.util.Arrays.fill(s, step);
        return s;
    }

    private static double[] exp(double[] u) {
        double[] p = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            p[i] = Math.exp(u[i]);
        }
        return p;
    }

    private static String show(String[] names, double[] p) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < p.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(p[i]);
        }
        return sb.append(')').toString();
    }
}
