package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a member. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * MemberId id = MemberId.of("M10042");
 * }</pre>
 *
 * @param value the id text
 */
public record MemberId(String value) implements Comparable<MemberId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public MemberId {
        Check.id(value, "memberId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static MemberId of(String value) {
        return new MemberId(value);
    }

    @Override
    public int compareTo(MemberId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
