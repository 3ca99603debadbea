package io.crmkit.segmentation.spi;

import io.crmkit.core.MemberView;
import java.time.Instant;
import java.util.Map;

/**
 * A host's own yes/no question about a member, usable in segments under its name (also from JSON,
 * as {@code {"type": "custom", "name": "crm.store-vip", "params": {...}}}, see {@link
 * io.crmkit.segmentation.SegmentJson}). Register it in a {@link io.crmkit.segmentation.SegmentCatalog},
 * and pass it again to {@link io.crmkit.segmentation.SegmentJson#catalogFromJson(String,
 * CustomPredicate...)} when reading a catalogue.
 *
 * <pre>{@code
 * CustomPredicate vipStore = new CustomPredicate() {
 *     public String name() { return "crm.store-vip"; }
 *     public boolean test(MemberView m, Map<String, String> params, Instant asOf) {
 *         return myLoyaltyService.isStoreVip(m.member().id(), params.get("store"));
 *     }
 * };
 * }</pre>
 */
public interface CustomPredicate {
    /** @return the name conditions refer to: lower-case letters, digits, {@code _ . -} */
    String name();

    /**
     * Checks parameters when a condition naming this predicate is built into a catalogue, so that a
     * bad definition fails at once rather than at evaluation.
     *
     * @param params the parameters of a condition
     * @throws io.crmkit.core.InvalidValueException if they are not acceptable, naming the parameter
     */
    default void validate(Map<String, String> params) {}

    /**
     * @param member the member's view
     * @param params the condition's parameters
     * @param asOf the as-of instant
     * @return true if the member matches; must depend only on the arguments and must be thread-safe
     */
    boolean test(MemberView member, Map<String, String> params, Instant asOf);
}
