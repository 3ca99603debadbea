package io.crmkit.automation;

import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-journey, per-step and per-arm counters of what an engine did; every engine keeps one ({@link
 * JourneyEngine#metrics()}), and a host may register more as listeners. Counters only grow.
 */
public final class JourneyMetrics implements JourneyListener {
    /**
     * Counters of one step of one journey version.
     *
     * @param journey the journey
     * @param version its version
     * @param step the step id
     * @param arrived members who arrived at the step
     * @param done effects carried out
     * @param noConsent actions skipped: not reachable by the channel
     * @param capped actions skipped: frequency cap
     * @param suppressed actions skipped: suppressed member
     * @param failed effects that failed for good
     * @param deferred deferrals by quiet hours
     * @param conversions conversions attributed to this step (the last action before the goal)
     */
    public record StepCounts(
            JourneyId journey,
            int version,
            String step,
            long arrived,
            long done,
            long noConsent,
            long capped,
            long suppressed,
            long failed,
            long deferred,
            long conversions) {}

    /**
     * Counters of one journey (all versions).
     *
     * @param journey the journey
     * @param entered entries admitted
     * @param converted instances that met the goal
     * @param completed instances that ended without converting
     * @param notAdmitted scheduled entries refused by the re-entry policy or filter
     * @param cancelled scheduled entries that no longer applied
     */
    public record JourneyCounts(
            JourneyId journey, long entered, long converted, long completed, long notAdmitted, long cancelled) {}

    /**
     * Counters of one split arm (all versions).
     *
     * @param journey the journey
     * @param arm the arm's label
     * @param control whether it is a control arm
     * @param members members assigned to it
     * @param conversions of those, how many converted
     */
    public record ArmCounts(JourneyId journey, String arm, boolean control, long members, long conversions) {}

    private enum C {
        ARRIVED,
        DONE,
        NO_CONSENT,
        CAPPED,
        SUPPRESSED,
        FAILED,
        DEFERRED,
        CONVERSIONS
    }

    private enum J {
        ENTERED,
        CONVERTED,
        COMPLETED,
        NOT_ADMITTED,
        CANCELLED
    }

    private record StepKey(JourneyId journey, int version, String step) {}

    private record ArmKey(JourneyId journey, String arm) {}

    private final Map<StepKey, LongAdder[]> steps = new ConcurrentHashMap<>();
    private final Map<JourneyId, LongAdder[]> journeys = new ConcurrentHashMap<>();
    private final Map<ArmKey, LongAdder[]> arms = new ConcurrentHashMap<>();
    private final Map<ArmKey, Boolean> control = new ConcurrentHashMap<>();

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    private void step(JourneyInstance i, String step, C c) {
        steps
                .computeIfAbsent(new StepKey(i.journey(), i.journeyVersion(), step), k -> adders(C.values().length))[
                c.ordinal()]
                .increment();
    }

    private void journey(JourneyInstance i, J c) {
        journeys.computeIfAbsent(i.journey(), k -> adders(J.values().length))[c.ordinal()].increment();
    }

    @Override
    public void entered(JourneyInstance instance) {
        journey(instance, J.ENTERED);
    }

    @Override
    public void arrived(JourneyInstance instance, Step step) {
        step(instance, step.id(), C.ARRIVED);
    }

    @Override
    public void assigned(JourneyInstance instance, Step.Split step, Step.Arm arm) {
        ArmKey k = new ArmKey(instance.journey(), arm.label());
        control.put(k, arm.control());
        arms.computeIfAbsent(k, x -> adders(2))[0].increment();
    }

    @Override
    public void effect(JourneyInstance instance, Step step, EffectRecord effect) {
        step(instance, step.id(), C.DONE);
    }

    @Override
    public void skipped(JourneyInstance instance, Step step, Skip reason) {
        step(
                instance,
                step.id(),
                switch (reason) {
                    case NO_CONSENT -> C.NO_CONSENT;
                    case FREQUENCY_CAP -> C.CAPPED;
                    case SUPPRESSED -> C.SUPPRESSED;
                    case FAILED -> C.FAILED;
                });
    }

    @Override
    public void deferred(JourneyInstance instance, Step step) {
        step(instance, step.id(), C.DEFERRED);
    }

    @Override
    public void finished(JourneyInstance instance) {
        JourneyInstance.Outcome o = instance.outcome();
        if (o == null) {
            return;
        }
        switch (o) {
            case CONVERTED -> {
                journey(instance, J.CONVERTED);
                if (instance.lastStep() != null) {
                    step(instance, instance.lastStep(), C.CONVERSIONS);
                }
                if (instance.arm() != null) {
                    arms.computeIfAbsent(new ArmKey(instance.journey(), instance.arm()), x -> adders(2))[1].increment();
                }
            }
            case COMPLETED -> journey(instance, J.COMPLETED);
            case NOT_ADMITTED -> journey(instance, J.NOT_ADMITTED);
            case CANCELLED -> journey(instance, J.CANCELLED);
        }
    }

    /** @return the step counters, by journey, version and step id */
    public List<StepCounts> steps() {
        List<StepCounts> out = new ArrayList<>();
        steps.forEach((k, a) -> out.add(new StepCounts(
                k.journey(),
                k.version(),
                k.step(),
                a[0].sum(),
                a[1].sum(),
                a[2].sum(),
                a[3].sum(),
                a[4].sum(),
                a[5].sum(),
                a[6].sum(),
                a[7].sum())));
        out.sort(Comparator.comparing(StepCounts::journey)
                .thenComparingInt(StepCounts::version)
                .thenComparing(StepCounts::step));
        return out;
    }

    /**
     * @param journey a journey
     * @param version a version
     * @param step a step id
     * @return the step's counters (zeros if it never ran)
     */
    public StepCounts step(JourneyId journey, int version, String step) {
        LongAdder[] a = steps.get(new StepKey(journey, version, step));
        if (a == null) {
            return new StepCounts(journey, version, step, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new StepCounts(
                journey,
                version,
                step,
                a[0].sum(),
                a[1].sum(),
                a[2].sum(),
                a[3].sum(),
                a[4].sum(),
                a[5].sum(),
                a[6].sum(),
                a[7].sum());
    }

    /**
     * @param journey a journey
     * @return its counters (zeros if nobody entered)
     */
    public JourneyCounts journey(JourneyId journey) {
        LongAdder[] a = journeys.get(journey);
        if (a == null) {
            return new JourneyCounts(journey, 0, 0, 0, 0, 0);
        }
        return new JourneyCounts(journey, a[0].sum(), a[1].sum(), a[2].sum(), a[3].sum(), a[4].sum());
    }

    /**
     * @param journey a journey
     * @return its split arms' counters, by label
     */
    public List<ArmCounts> arms(JourneyId journey) {
        List<ArmCounts> out = new ArrayList<>();
        arms.forEach((k, a) -> {
            if (k.journey().equals(journey)) {
                out.add(new ArmCounts(journey, k.arm(), control.getOrDefault(k, false), a[0].sum(), a[1].sum()));
            }
        });
        out.sort(Comparator.comparing(ArmCounts::arm));
        return out;
    }

    /**
     * Pools the non-control arms against the control arms of a journey. Conversions are counted
     * when instances end, so this is final once every member's goal window has passed.
     *
     * @param journey a journey
     * @return the uplift (NaN interval without a control group)
     */
    public Uplift uplift(JourneyId journey) {
        long t = 0, tc = 0, c = 0, cc = 0;
        for (ArmCounts a : arms(journey)) {
            if (a.control()) {
                c += a.members();
                cc += a.conversions();
            } else {
                t += a.members();
                tc += a.conversions();
            }
        }
        return Uplift.of(t, tc, c, cc);
    }
}
