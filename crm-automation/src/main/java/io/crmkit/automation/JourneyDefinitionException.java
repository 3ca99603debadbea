package io.crmkit.automation;

import java.io.Serial;

/**
 * A journey definition is not valid: a step id used twice, a branch to a step that does not exist,
 * split percentages that do not add up to 100, a loop without a wait. The message names the
 * journey and the step ({@link #where()}, e.g. {@code steps[3] "survey"}).
 */
public class JourneyDefinitionException extends AutomationException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String where;
    private final String reason;

    /**
     * @param where the part of the definition, e.g. {@code journey "welcome" step "w1"}
     * @param reason why it is not valid
     */
    public JourneyDefinitionException(String where, String reason) {
        super(where + ": " + reason);
        this.where = where;
        this.reason = reason;
    }

    /** @return the part of the definition that is not valid */
    public String where() {
        return where;
    }

    /** @return why */
    public String reason() {
        return reason;
    }
}
