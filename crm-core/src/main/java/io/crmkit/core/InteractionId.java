package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a interaction. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * InteractionId id = InteractionId.of("I10042");
 * }</pre>
 *
 * @param value the id text
 */
public record InteractionId(String value) implements Comparable<InteractionId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public InteractionId {
        Check.id(value, "interactionId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static InteractionId of(String value) {
        return new InteractionId(value);
    }

    @Override
    public int compareTo(InteractionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
