package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.util.List;

/**
 * How members moved between lifecycle stages from one as-of date to another: a flow matrix of
 * counts, over the members in both tables (matched by id), plus the members who are only in the
 * later one (joined since) by stage.
 *
 * <pre>{@code
 * LifecycleTable march = snapshot.lifecycle(napl, marchFirst);
 * LifecycleTable april = snapshot.lifecycle(napl, aprilFirst);
 * LifecycleFlow flow = LifecycleFlow.between(march, april);
 * flow.count(LifecycleStage.ACTIVE, LifecycleStage.DORMANT);   // went to sleep in March
 * }</pre>
 */
public final class LifecycleFlow {
    private final List<LifecycleStage> stages;
    private final long[][] counts;
    private final long[] joined;

    private LifecycleFlow(List<LifecycleStage> stages, long[][] counts, long[] joined) {
        this.stages = stages;
        this.counts = counts;
        this.joined = joined;
    }

    /**
     * @param before the stages at the earlier date
     * @param after the stages at the later date, with the same kind of model
     * @return the flow
     * @throws InvalidValueException if the two tables use different schemes
     */
    public static LifecycleFlow between(LifecycleTable before, LifecycleTable after) {
        if (before.model().kind() != after.model().kind()) {
            throw new InvalidValueException(
                    "flow",
                    "needs two tables of one scheme, had " + before.model().kind() + " and "
                            + after.model().kind());
        }
        List<LifecycleStage> stages = after.model().stages();
        int k = LifecycleStage.values().length;
        long[][] counts = new long[k][k];
        long[] joined = new long[k];
        Snapshot a = after.snapshot();
        Snapshot b = before.snapshot();
        boolean same = a == b;
        for (int i = 0; i < a.size(); i++) {
            int to = after.stageAt(i).ordinal();
            int j = i;
            if (!same) {
                MemberId id = a.columns().id(i);
                j = b.columns().ordinal(id);
            }
            if (j < 0) {
                joined[to]++;
            } else {
                counts[before.stageAt(j).ordinal()][to]++;
            }
        }
        return new LifecycleFlow(stages, counts, joined);
    }

    /** @return the scheme's stages, in funnel order */
    public List<LifecycleStage> stages() {
        return stages;
    }

    /**
     * @param from the stage at the earlier date
     * @param to the stage at the later date
     * @return how many members moved from one to the other (or stayed, when equal)
     */
    public long count(LifecycleStage from, LifecycleStage to) {
        return counts[from.ordinal()][to.ordinal()];
    }

    /**
     * @param to a stage
     * @return how many members of the later table were not in the earlier one, by their stage
     */
    public long joined(LifecycleStage to) {
        return joined[to.ordinal()];
    }

    /** @return the matrix over {@link #stages()}: rows are the earlier stage, columns the later */
    public long[][] matrix() {
        long[][] out = new long[stages.size()][stages.size()];
        for (int r = 0; r < stages.size(); r++) {
            for (int c = 0; c < stages.size(); c++) {
                out[r][c] = count(stages.get(r), stages.get(c));
            }
        }
        return out;
    }
}
