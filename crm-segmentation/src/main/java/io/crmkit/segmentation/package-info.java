/**
 * Segments: a marketer's "who" as code and as data. A {@link io.crmkit.segmentation.Segment} is a
 * named {@link io.crmkit.segmentation.Condition}; build one with the typed DSL of {@link
 * io.crmkit.segmentation.Where}, or read it from its JSON form. A condition is answered for one
 * member from a {@link io.crmkit.core.MemberView}, or for every member at once from a columnar
 * snapshot; both give the same answer.
 */
@NullMarked
package io.crmkit.segmentation;

import org.jspecify.annotations.NullMarked;
