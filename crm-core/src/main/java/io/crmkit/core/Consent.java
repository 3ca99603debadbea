package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;

/**
 * A member's marketing consent for one channel: opted in or out, when, and where it was given
 * (e.g. "signup-form", "pos", "shopify-import"), so that the brand can show it later.
 *
 * <pre>{@code
 * Consent c = Consent.optIn(ContactChannel.LINE, Instant.parse("2026-01-05T02:00:00Z"), "line-oa");
 * }</pre>
 *
 * @param channel the channel
 * @param optedIn true if the member agreed to marketing on this channel
 * @param at when the consent was given or withdrawn
 * @param source where it was given
 */
public record Consent(ContactChannel channel, boolean optedIn, Instant at, String source) {
    /** @throws InvalidValueException if a field is missing or the source is blank */
    public Consent {
        Check.notNull(channel, "consent.channel");
        Check.notNull(at, "consent.at");
        source = Check.text(source, "consent.source");
    }

    /**
     * @param channel the channel
     * @param at when
     * @param source where
     * @return an opt-in
     */
    public static Consent optIn(ContactChannel channel, Instant at, String source) {
        return new Consent(channel, true, at, source);
    }

    /**
     * @param channel the channel
     * @param at when
     * @param source where
     * @return an opt-out
     */
    public static Consent optOut(ContactChannel channel, Instant at, String source) {
        return new Consent(channel, false, at, source);
    }
}
