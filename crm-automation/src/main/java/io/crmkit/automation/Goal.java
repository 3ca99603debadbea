package io.crmkit.automation;

import io.crmkit.core.InvalidValueException;
import java.time.Duration;

/**
 * What counts as success: a matching event within {@code window} of entering. The member leaves
 * the journey at once, and the conversion is counted for the last step and split arm it passed.
 * Members of a control group stay until the window ends so that their conversions are counted too.
 *
 * @param trigger the goal event, e.g. {@link Trigger#orderPlaced()}
 * @param window the attribution window from entry
 */
public record Goal(Trigger trigger, Duration window) {
    /** @throws InvalidValueException if a field is missing or the window is not positive */
    public Goal {
        if (trigger == null || window == null) {
            throw new InvalidValueException("goal", "trigger and window are required");
        }
        if (window.isNegative() || window.isZero()) {
            throw new InvalidValueException("goal.window", "must be positive");
        }
    }

    /**
     * @param trigger the goal event
     * @param window the attribution window
     * @return the goal
     */
    public static Goal of(Trigger trigger, Duration window) {
        return new Goal(trigger, window);
    }
}
