/**
 * The bulk evaluation path: a columnar, immutable copy of a brand's members, orders and
 * interactions (primitive arrays indexed by dense member ordinals, RoaringBitmaps for member sets)
 * and the evaluator that answers a {@link io.crmkit.segmentation.Condition} for every member at
 * once. Not API: no compatibility promise; {@link io.crmkit.segmentation.Snapshot} is the API.
 */
@NullMarked
package io.crmkit.segmentation.internal.bulk;

import org.jspecify.annotations.NullMarked;
