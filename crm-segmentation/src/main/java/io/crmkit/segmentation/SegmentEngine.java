package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.internal.MemberEvaluator;
import java.time.Instant;

/**
 * Answers conditions and segments. Per member: {@link #test(Condition, MemberView)}, used when one
 * member changes (journeys, live segments). For every member at once: {@link #snapshot()}, a
 * columnar copy of the stores that gives the same answers in bulk.
 *
 * <pre>{@code
 * SegmentEngine engine = SegmentEngine.of(crm, catalog);
 * boolean vip = engine.test(lapsedVip.condition(), crm.view(memberId).orElseThrow());
 * long vips = engine.snapshot().count(lapsedVip.condition(), crm.settings().now());
 * }</pre>
 */
public final class SegmentEngine {
    private final Crm crm;
    private final SegmentCatalog catalog;

    private SegmentEngine(Crm crm, SegmentCatalog catalog) {
        this.crm = crm;
        this.catalog = catalog;
    }

    /**
     * @param crm the brand's settings and stores
     * @param catalog the saved segments and custom predicates conditions may refer to
     * @return the engine
     */
    public static SegmentEngine of(Crm crm, SegmentCatalog catalog) {
        if (crm == null) {
            throw new InvalidValueException("crm", "is required");
        }
        if (catalog == null) {
            throw new InvalidValueException("catalog", "is required");
        }
        return new SegmentEngine(crm, catalog);
    }

    /** @return the catalogue */
    public SegmentCatalog catalog() {
        return catalog;
    }

    /** @return the brand settings */
    public BrandSettings brand() {
        return crm.settings();
    }

    /**
     * Reads the stores once into a columnar snapshot that evaluates conditions for every member at
     * once, with this engine's catalogue. Build one per batch of counts or lists; it does not see
     * later writes.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        return Snapshot.of(crm, catalog);
    }

    /**
     * Tests one member, as of the instant the view was taken ({@code view.stats().asOf()}).
     *
     * @param condition the condition
     * @param view the member's view
     * @return true if the member matches
     * @throws SegmentationException if the condition names an unknown segment or predicate
     * @throws io.crmkit.core.CurrencyMismatchException if a money bound is not in the brand's
     *     currency
     */
    public boolean test(Condition condition, MemberView view) {
        if (condition == null) {
            throw new InvalidValueException("condition", "is required");
        }
        if (view == null) {
            throw new InvalidValueException("view", "is required");
        }
        return MemberEvaluator.test(condition, view, crm.settings(), catalog);
    }

    /**
     * Tests one stored member as of an instant.
     *
     * @param condition the condition
     * @param member the member
     * @param asOf the as-of instant
     * @return true if the member exists and matches
     */
    public boolean test(Condition condition, MemberId member, Instant asOf) {
        return crm.view(member, asOf).map(v -> test(condition, v)).orElse(false);
    }
}
