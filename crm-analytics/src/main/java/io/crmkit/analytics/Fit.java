package io.crmkit.analytics;

import java.util.Map;

/**
 * A model fitted by maximum likelihood, with the maximised log-likelihood and what it cost.
 *
 * <pre>{@code
 * Fit<BgNbd> fit = BgNbd.fit(summary);
 * System.out.println(fit.model().r() + " " + fit.logLikelihood() + " after " + fit.evaluations());
 * }</pre>
 *
 * @param model the fitted model
 * @param logLikelihood the log-likelihood at the optimum, weights applied
 * @param customers the number of summary rows used
 * @param evaluations likelihood evaluations spent
 * @param <M> the model type
 */
public record Fit<M extends ClvModel>(M model, double logLikelihood, int customers, int evaluations) {
    /** @return the model's parameters by their conventional names, in order */
    public Map<String, Double> parameters() {
        return model.parameters();
    }
}
