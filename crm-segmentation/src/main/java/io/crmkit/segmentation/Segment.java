package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;

/**
 * A saved, named condition: what a marketer clicks together and a host stores (as JSON) and
 * compares by campaign results.
 *
 * <pre>{@code
 * Segment lapsedVip = Segment.of("lapsed-vip", "Lapsed VIPs",
 *         spend(Window.lastDays(365)).atLeast(Money.of(10_000, twd))
 *                 .and(daysSinceLastPurchase().moreThan(90)));
 * }</pre>
 *
 * @param id the segment id
 * @param name a display name, not blank
 * @param description a longer description, may be empty
 * @param condition who is in the segment
 */
public record Segment(SegmentId id, String name, String description, Condition condition) {
    /** @throws InvalidValueException if a field is missing or the name is blank */
    public Segment {
        if (id == null) {
            throw new InvalidValueException("segment.id", "is required");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("segment.name", "must not be blank");
        }
        name = name.strip();
        if (description == null) {
            throw new InvalidValueException("segment.description", "is required (may be empty)");
        }
        if (condition == null) {
            throw new InvalidValueException("segment.condition", "is required");
        }
    }

    /**
     * @param id the segment id
     * @param name the display name
     * @param condition who is in it
     * @return a segment without description
     */
    public static Segment of(String id, String name, Condition condition) {
        return new Segment(SegmentId.of(id), name, "", condition);
    }
}
