package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.MemberId;
import java.time.Instant;

/**
 * Adds and removes member tags. The engine's default writes them to the member store as rule tags
 * named after the journey; back-tests record them instead.
 */
@FunctionalInterface
public interface TagWriter {
    /**
     * A tag change.
     *
     * @param key the idempotency key
     * @param journey the journey
     * @param member the member
     * @param tag the tag name
     * @param add true to add, false to remove
     * @param at when (engine time)
     */
    record Request(String key, JourneyId journey, MemberId member, String tag, boolean add, Instant at) {}

    /**
     * Applies a tag change (idempotent by nature: adding a tag twice leaves one tag).
     *
     * @param request the change
     * @throws DeliveryException if it could not be applied
     */
    void apply(Request request);
}
