package io.crmkit.automation.spi;

import io.crmkit.automation.Step;

/**
 * Hears what the engine does, for the host's metrics. Called on the engine's thread after the state
 * is stored; must be quick and must not throw (exceptions are logged and ignored). Every method
 * has an empty default.
 */
public interface JourneyListener {
    /** Why an action was not carried out. */
    enum Skip {
        /** The member is not reachable by the channel (no contact point or no consent). */
        NO_CONSENT,
        /** The frequency cap was reached. */
        FREQUENCY_CAP,
        /** The member has a suppression tag or is in the suppression audience. */
        SUPPRESSED,
        /** The effect failed for good. */
        FAILED
    }

    /** @param instance a member entered */
    default void entered(JourneyInstance instance) {}

    /**
     * @param instance the instance
     * @param step a step it arrived at
     */
    default void arrived(JourneyInstance instance, Step step) {}

    /**
     * @param instance the instance
     * @param step the split
     * @param arm the arm it took
     */
    default void assigned(JourneyInstance instance, Step.Split step, Step.Arm arm) {}

    /**
     * @param instance the instance
     * @param step the action step
     * @param effect the effect, done
     */
    default void effect(JourneyInstance instance, Step step, EffectRecord effect) {}

    /**
     * @param instance the instance
     * @param step the action step
     * @param reason why it was skipped
     */
    default void skipped(JourneyInstance instance, Step step, Skip reason) {}

    /**
     * @param instance the instance
     * @param step the message step deferred by quiet hours
     */
    default void deferred(JourneyInstance instance, Step step) {}

    /** @param instance an instance that ended, with its outcome (converted, completed, exited, ...) */
    default void finished(JourneyInstance instance) {}
}
