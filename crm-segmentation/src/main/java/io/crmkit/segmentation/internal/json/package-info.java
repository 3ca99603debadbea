/**
 * The JSON form of segment definitions: a location-keeping JSON tree read with Jackson's streaming
 * parser, the hand-written mapping between that tree and {@link io.crmkit.segmentation.Condition}s,
 * and a small pretty printer whose output is fixed by {@code docs/segment-json.md}. Not API: use
 * {@link io.crmkit.segmentation.SegmentJson}.
 */
@NullMarked
package io.crmkit.segmentation.internal.json;

import org.jspecify.annotations.NullMarked;
