package io.crmkit.segmentation.internal.bulk;

import java.time.Instant;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Implemented by the library's own custom predicates (calibrated classifiers) next to {@link
 * io.crmkit.segmentation.spi.CustomPredicate}, so that the bulk path evaluates them on the columns
 * instead of one {@code MemberView} per member. Must keep exactly the members whose per-member test
 * passes.
 */
public interface BulkPredicate {
    /**
     * @param snap the snapshot
     * @param params the condition's parameters
     * @param asOf the as-of instant
     * @param candidates the members to test
     * @return those that pass
     */
    RoaringBitmap filter(ColumnarSnapshot snap, Map<String, String> params, Instant asOf, RoaringBitmap candidates);
}
