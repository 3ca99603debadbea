package io.crmkit.automation;

import io.crmkit.core.InvalidValueException;

/**
 * Identifies a journey across its versions: 1 to 64 lower-case letters, digits, {@code -} and
 * {@code _}, starting with a letter.
 *
 * @param value the id
 */
public record JourneyId(String value) implements Comparable<JourneyId> {
    /** @throws InvalidValueException if the id is not well formed */
    public JourneyId {
        if (value == null || !value.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new InvalidValueException(
                    "journeyId",
                    "\"" + value
                            + "\" is not a journey id (a lower-case letter, then up to 63 lower-case letters, digits, - or _)");
        }
    }

    /**
     * @param value the id
     * @return the journey id
     */
    public static JourneyId of(String value) {
        return new JourneyId(value);
    }

    @Override
    public int compareTo(JourneyId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
