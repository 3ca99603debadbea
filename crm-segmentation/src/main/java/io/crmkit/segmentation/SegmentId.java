package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;

/**
 * Identifies a saved segment: 1 to 64 lower-case letters, digits, {@code -} and {@code _},
 * starting with a letter, so that it is safe in JSON, URLs and SQL names.
 *
 * <pre>{@code
 * SegmentId.of("lapsed-vip");
 * }</pre>
 *
 * @param value the id
 */
public record SegmentId(String value) implements Comparable<SegmentId> {
    /** @throws InvalidValueException if the id is not well formed */
    public SegmentId {
        if (value == null || !value.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new InvalidValueException(
                    "segmentId",
                    "\"" + value
                            + "\" is not a segment id (a lower-case letter, then up to 63 lower-case letters, digits, - or _)");
        }
    }

    /**
     * @param value the id
     * @return the segment id
     */
    public static SegmentId of(String value) {
        return new SegmentId(value);
    }

    @Override
    public int compareTo(SegmentId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
