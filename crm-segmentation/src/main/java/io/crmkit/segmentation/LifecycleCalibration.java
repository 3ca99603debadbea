package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberStats;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.internal.bulk.BulkPredicate;
import io.crmkit.segmentation.internal.bulk.ColumnarSnapshot;
import io.crmkit.segmentation.internal.bulk.LifecyclePass;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * A lifecycle model with the brand-wide figure of one run ({@link LifecycleTable#calibration()}:
 * ORDERLY's median repurchase cycle), to give any member its stage at any instant, one at a time or
 * in bulk; and a segment condition on the stage.
 *
 * <pre>{@code
 * LifecycleCalibration napl = snapshot.lifecycle(LifecycleModel.napl().build(), now).calibration();
 * SegmentCatalog catalog = SegmentCatalog.builder().predicate(napl.predicate("napl")).build();
 * Condition dormant = Where.custom("napl", Map.of("stage", "dormant"));
 * Condition slipping = Where.custom("napl", Map.of("stage", "dormant,lost"));
 * }</pre>
 *
 * <p>The predicate's one parameter, {@code stage}, names one or more stages of the model
 * (comma-separated, case-insensitive).
 */
public final class LifecycleCalibration {
    private final LifecycleModel model;
    private final BrandSettings brand;
    private final double medianCycle;

    LifecycleCalibration(LifecycleModel model, BrandSettings brand, double medianCycle) {
        this.model = model;
        this.brand = brand;
        this.medianCycle = medianCycle;
    }

    /** @return the model */
    public LifecycleModel model() {
        return model;
    }

    /**
     * @param view a member's view (the orders are read)
     * @param asOf the as-of instant
     * @return the member's stage
     * @throws io.crmkit.core.CurrencyMismatchException if an order that counts is in another currency
     */
    public LifecycleStage stage(MemberView view, Instant asOf) {
        MemberStats s = MemberStats.of(view.orders(), asOf, brand);
        LocalDate today = brand.dateOf(asOf);
        int first =
                s.firstPurchase().map(i -> (int) brand.dateOf(i).toEpochDay()).orElse(0);
        int last = s.lastPurchase().map(i -> (int) brand.dateOf(i).toEpochDay()).orElse(0);
        byte code = LifecyclePass.stageOf(
                LifecyclePass.Kind.valueOf(model.kind().name()),
                s.orderCount(),
                s.purchaseDays(),
                first,
                last,
                (int) today.toEpochDay(),
                model.windowStartDay(today),
                model.deepStartDay(today),
                model.lapseFactor(),
                medianCycle);
        return LifecycleStage.values()[code];
    }

    /**
     * @param name the name conditions use, e.g. {@code "napl"}
     * @return a predicate to register in a {@link SegmentCatalog}; evaluated on the columns in bulk
     */
    public CustomPredicate predicate(String name) {
        return new Predicate(name);
    }

    /** @return the stages the parameters name, as a bit set of stage ordinals */
    private int parse(Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!key.equals("stage")) {
                throw new InvalidValueException(
                        "params." + key, "unknown parameter; a lifecycle condition takes stage");
            }
        }
        String v = params.get("stage");
        if (v == null || v.isBlank()) {
            throw new InvalidValueException("params.stage", "is required, e.g. \"dormant\" or \"dormant,lost\"");
        }
        int want = 0;
        for (String part : v.split(",", -1)) {
            String name = part.trim();
            LifecycleStage found = null;
            for (LifecycleStage s : model.stages()) {
                if (s.name().equalsIgnoreCase(name)) {
                    found = s;
                }
            }
            if (found == null) {
                throw new InvalidValueException(
                        "params.stage",
                        "\"" + name + "\" is not a stage of " + model.kind() + "; it has " + model.stages());
            }
            want |= 1 << found.ordinal();
        }
        return want;
    }

    private final class Predicate implements CustomPredicate, BulkPredicate {
        private final String name;

        Predicate(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void validate(Map<String, String> params) {
            parse(params);
        }

        @Override
        public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
            return (parse(params) & (1 << stage(member, asOf).ordinal())) != 0;
        }

        @Override
        public RoaringBitmap filter(
                ColumnarSnapshot snap, Map<String, String> params, Instant asOf, RoaringBitmap candidates) {
            RfmCalibration.sameZone(snap.brand(), brand);
            LocalDate today = brand.dateOf(asOf);
            return LifecyclePass.filter(
                    snap,
                    Window.allTime().range(asOf, brand),
                    asOf,
                    LifecyclePass.Kind.valueOf(model.kind().name()),
                    model.windowStartDay(today),
                    model.deepStartDay(today),
                    model.lapseFactor(),
                    medianCycle,
                    parse(params),
                    candidates);
        }
    }
}
