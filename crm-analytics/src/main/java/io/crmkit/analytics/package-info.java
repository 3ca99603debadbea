/**
 * Analytics: customer-lifetime-value models and, later, dashboard reports and member profitability.
 *
 * <p>Turn transactions into a per-customer {@link io.crmkit.analytics.CustomerSummary} with a
 * {@link io.crmkit.analytics.TransactionSummarizer} (or read one from a file with {@link
 * io.crmkit.analytics.TransactionFile} / {@link io.crmkit.analytics.SummaryFile}), fit a model by
 * maximum likelihood ({@link io.crmkit.analytics.BgNbd}, {@link io.crmkit.analytics.ParetoNbd},
 * {@link io.crmkit.analytics.GammaGamma}, {@link io.crmkit.analytics.BgBb}) and ask it for P(alive),
 * expected purchases, expected spend and discounted CLV ({@link io.crmkit.analytics.Clv}).
 * Conventions are those of the standard BTYD tools; see {@code docs/clv.md}.
 */
@NullMarked
package io.crmkit.analytics;

import org.jspecify.annotations.NullMarked;
