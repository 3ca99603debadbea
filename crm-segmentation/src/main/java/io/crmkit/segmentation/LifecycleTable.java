package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.roaringbitmap.RoaringBitmap;

/**
 * The lifecycle stage of every member of a {@link Snapshot} as of an instant: stage look-up, counts
 * in funnel order, the members of a stage, and the invalid-contact flag.
 *
 * <pre>{@code
 * LifecycleTable t = snapshot.lifecycle(LifecycleModel.orderly().build(), now);
 * t.stage(MemberId.of("M1"));            // Optional[REPEAT]
 * t.counts();                            // {POTENTIAL=…, FIRST_TIME=…, REPEAT=…, LAPSED=…}
 * MemberSet winBack = t.members(LifecycleStage.LAPSED).andNot(t.invalidContact());
 * }</pre>
 */
public final class LifecycleTable {
    private final Snapshot snapshot;
    private final LifecycleModel model;
    private final Instant asOf;
    private final byte[] stage;
    private final double medianCycle;
    private final RoaringBitmap invalid;
    private final io.crmkit.core.BrandSettings brand;

    LifecycleTable(
            Snapshot snapshot,
            LifecycleModel model,
            Instant asOf,
            byte[] stage,
            double medianCycle,
            RoaringBitmap invalid,
            io.crmkit.core.BrandSettings brand) {
        this.brand = brand;
        this.snapshot = snapshot;
        this.model = model;
        this.asOf = asOf;
        this.stage = stage;
        this.medianCycle = medianCycle;
        this.invalid = invalid;
    }

    /** @return the model */
    public LifecycleModel model() {
        return model;
    }

    /** @return the as-of instant */
    public Instant asOf() {
        return asOf;
    }

    /** @return the snapshot */
    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * @param id a member
     * @return the member's stage; empty if the member is not in the snapshot
     */
    public Optional<LifecycleStage> stage(MemberId id) {
        int ordinal = snapshot.columns().ordinal(id);
        return ordinal < 0 ? Optional.empty() : Optional.of(stageAt(ordinal));
    }

    LifecycleStage stageAt(int ordinal) {
        return STAGES[stage[ordinal]];
    }

    private static final LifecycleStage[] STAGES = LifecycleStage.values();

    /** @return the number of members in each of the model's stages, in funnel order; they sum to the snapshot's size */
    public Map<LifecycleStage, Long> counts() {
        long[] c = new long[STAGES.length];
        for (byte s : stage) {
            c[s]++;
        }
        Map<LifecycleStage, Long> out = new LinkedHashMap<>();
        for (LifecycleStage s : model.stages()) {
            out.put(s, c[s.ordinal()]);
        }
        return out;
    }

    /**
     * @param s a stage of the model
     * @return its members
     * @throws InvalidValueException if the model has no such stage
     */
    public MemberSet members(LifecycleStage s) {
        List<LifecycleStage> stages = model.stages();
        if (s == null || !stages.contains(s)) {
            throw new InvalidValueException("stage", s + " is not a stage of " + model.kind() + "; it has " + stages);
        }
        RoaringBitmap out = new RoaringBitmap();
        byte code = (byte) s.ordinal();
        for (int i = 0; i < stage.length; i++) {
            if (stage[i] == code) {
                out.add(i);
            }
        }
        return new MemberSet(snapshot, out);
    }

    /**
     * @return the model with this run's brand-wide figures, to give any member its stage at any
     *     instant and to use stages in segment conditions
     */
    public LifecycleCalibration calibration() {
        return new LifecycleCalibration(
                model, brand, Double.isNaN(medianCycle) ? model.defaultCycleDays() : medianCycle);
    }

    /** @return the members the model's invalid-contact condition flags */
    public MemberSet invalidContact() {
        return new MemberSet(snapshot, invalid.clone());
    }

    /**
     * @return ORDERLY: the brand's median repurchase cycle in days that members with one purchase
     *     day are measured with; empty for the other schemes
     */
    public OptionalDouble medianCycleDays() {
        return Double.isNaN(medianCycle) ? OptionalDouble.empty() : OptionalDouble.of(medianCycle);
    }
}
