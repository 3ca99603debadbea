package io.crmkit.automation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.segmentation.Condition;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks made at the moment of sending a message, across all journeys of an engine:
 *
 * <ul>
 *   <li><b>consent</b> (always): the member must be reachable by the channel ({@link
 *       Member#isReachableBy}); otherwise the message is skipped;
 *   <li><b>suppression</b>: members with one of {@link #suppressTags()} or in {@link
 *       #suppressAudience()} get no message, coupon or points (skipped);
 *   <li><b>quiet hours</b>: a message due in {@code [quietFrom, quietUntil)} in the member's zone
 *       is deferred to {@code quietUntil}, not dropped;
 *   <li><b>frequency cap</b>: at most {@code capMessages} messages per member in any {@code
 *       capWindow} ending at the moment of sending, excluding its start (counting every journey's sent and in-flight messages); over the cap the message
 *       is skipped.
 * </ul>
 *
 * The member's zone is the string attribute {@link #ZONE} when it holds a valid zone id, else the
 * brand's zone.
 *
 * @param capMessages the most messages per window, or 0 for no cap
 * @param capWindow the window of the cap
 * @param quietFrom start of quiet hours, or null for none
 * @param quietUntil end of quiet hours
 * @param suppressTags members with any of these tags are suppressed
 * @param suppressAudience members matching this are suppressed, or null
 */
public record Guards(
        int capMessages,
        Duration capWindow,
        @Nullable LocalTime quietFrom,
        @Nullable LocalTime quietUntil,
        Set<String> suppressTags,
        @Nullable Condition suppressAudience) {

    /** The member attribute holding the member's own time zone (an IANA id such as {@code Asia/Taipei}). */
    public static final AttributeKey<String> ZONE = AttributeKey.ofString("timezone");

    /** @throws InvalidValueException if the settings contradict each other */
    public Guards {
        if (capMessages < 0) {
            throw new InvalidValueException("guards.capMessages", "must be 0 or more");
        }
        if (capWindow == null || capWindow.isNegative() || (capMessages > 0 && capWindow.isZero())) {
            throw new InvalidValueException("guards.capWindow", "must be positive when there is a cap");
        }
        if ((quietFrom == null) != (quietUntil == null)) {
            throw new InvalidValueException("guards.quietHours", "needs both a start and an end");
        }
        if (quietFrom != null && quietFrom.equals(quietUntil)) {
            throw new InvalidValueException("guards.quietHours", "start and end are the same time");
        }
        suppressTags = Set.copyOf(suppressTags == null ? Set.of() : suppressTags);
    }

    /** @return consent only: no cap, no quiet hours, no suppression */
    public static Guards consentOnly() {
        return new Guards(0, Duration.ZERO, null, null, Set.of(), null);
    }

    /** @return a builder starting from {@link #consentOnly()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param member the member
     * @param brandZone the brand's zone
     * @return the member's zone: attribute {@link #ZONE} if valid, else the brand's
     */
    public static ZoneId zoneOf(Member member, ZoneId brandZone) {
        Optional<String> z = member.attribute(ZONE);
        if (z.isPresent()) {
            try {
                return ZoneId.of(z.get());
            } catch (DateTimeException e) {
                return brandZone;
            }
        }
        return brandZone;
    }

    /**
     * @param t a local time
     * @return whether {@code t} is in the quiet hours (which may span midnight)
     */
    public boolean isQuiet(LocalTime t) {
        if (quietFrom == null || quietUntil == null) {
            return false;
        }
        if (quietFrom.isBefore(quietUntil)) {
            return !t.isBefore(quietFrom) && t.isBefore(quietUntil);
        }
        return !t.isBefore(quietFrom) || t.isBefore(quietUntil);
    }

    /** Builds {@link Guards}. */
    public static final class Builder {
        private int capMessages;
        private Duration capWindow = Duration.ZERO;
        private @Nullable LocalTime quietFrom;
        private @Nullable LocalTime quietUntil;
        private Set<String> suppressTags = Set.of();
        private @Nullable Condition suppressAudience;

        private Builder() {}

        /**
         * @param messages the most messages
         * @param per in any window of this length
         * @return this builder
         */
        public Builder frequencyCap(int messages, Duration per) {
            this.capMessages = messages;
            this.capWindow = per;
            return this;
        }

        /**
         * @param from start (e.g. 21:00)
         * @param until end (e.g. 09:00; may be before {@code from}: spans midnight)
         * @return this builder
         */
        public Builder quietHours(LocalTime from, LocalTime until) {
            this.quietFrom = from;
            this.quietUntil = until;
            return this;
        }

        /**
         * @param tags suppression tags (e.g. {@code do-not-contact})
         * @return this builder
         */
        public Builder suppressTags(Set<String> tags) {
            this.suppressTags = tags;
            return this;
        }

        /**
         * @param audience members matching it are suppressed
         * @return this builder
         */
        public Builder suppressAudience(@Nullable Condition audience) {
            this.suppressAudience = audience;
            return this;
        }

        /** @return the guards */
        public Guards build() {
            return new Guards(capMessages, capWindow, quietFrom, quietUntil, suppressTags, suppressAudience);
        }
    }
}
