package io.crmkit.analytics;

import java.util.Map;

/**
 * A fitted customer-base model: its name and parameters. See {@link RepeatPurchaseModel} for the
 * continuous-time purchase models, {@link GammaGamma} for spend and {@link BgBb} for discrete
 * opportunities.
 *
 * <pre>{@code
 * ClvModel m = BgNbd.fit(summary).model();
 * m.parameters(); // {r=0.243, alpha=4.414, a=0.793, b=2.426}
 * }</pre>
 */
public sealed interface ClvModel permits RepeatPurchaseModel, GammaGamma, BgBb {
    /** @return the model's name as on the command line, e.g. {@code bg-nbd} */
    String name();

    /** @return the parameters by their conventional names, in the conventional order */
    Map<String, Double> parameters();
}
