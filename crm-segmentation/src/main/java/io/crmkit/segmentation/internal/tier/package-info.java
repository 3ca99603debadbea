/**
 * Membership tiers: the replay of a member's orders through a {@link
 * io.crmkit.segmentation.TierProgram}'s upgrade and review rules, calendar periods in the brand's
 * zone, compact per-member results for the bulk path, and the {@code tiers/1} JSON mapping. Not
 * API: use {@link io.crmkit.segmentation.TierProgram} and {@link io.crmkit.segmentation.TierJson}.
 */
@NullMarked
package io.crmkit.segmentation.internal.tier;

import org.jspecify.annotations.NullMarked;
