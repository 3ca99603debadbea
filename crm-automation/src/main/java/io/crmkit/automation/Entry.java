package io.crmkit.automation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentId;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import org.jspecify.annotations.Nullable;

/**
 * When a member enters a journey. Times of day are in the member's zone (see {@link
 * Guards#ZONE}), falling back to the brand's.
 *
 * <pre>{@code
 * Entry.on(Trigger.firstOrder());                          // an event
 * Entry.segmentEntered(SegmentId.of("vip-at-risk"));       // from the live segment monitor
 * Entry.birthday(0, LocalTime.of(10, 0));                  // on the birthday at 10:00 local time
 * Entry.daysAfterLastPurchase(90, LocalTime.of(11, 0));    // no purchase for 90 days
 * Entry.repurchaseDue(1.0, 0, LocalTime.of(11, 0));        // the personal repurchase cycle falls due
 * Entry.broadcast(Where.tagged("vip"), Instant.parse("2026-11-11T02:00:00Z"), null);   // one-off send
 * }</pre>
 */
public sealed interface Entry
        permits Entry.OnEvent,
                Entry.OnSegment,
                Entry.Birthday,
                Entry.JoinAnniversary,
                Entry.DaysAfterLastPurchase,
                Entry.RepurchaseDue,
                Entry.Broadcast {

    /**
     * Enters when an event matches.
     *
     * @param trigger the event
     */
    record OnEvent(Trigger trigger) implements Entry {
        /** @throws InvalidValueException if the trigger is missing */
        public OnEvent {
            if (trigger == null) {
                throw new InvalidValueException("entry.trigger", "is required");
            }
        }
    }

    /**
     * Enters when the member enters (or leaves) a segment, as the {@link
     * io.crmkit.segmentation.SegmentMonitor} reports it to {@link
     * JourneyEngine#onSegmentEvent}.
     *
     * @param segment the segment
     * @param entered true to enter on entering the segment, false on leaving it
     */
    record OnSegment(SegmentId segment, boolean entered) implements Entry {
        /** @throws InvalidValueException if the segment is missing */
        public OnSegment {
            if (segment == null) {
                throw new InvalidValueException("entry.segment", "is required");
            }
        }
    }

    /**
     * Enters {@code daysBefore} days before the member's birthday at a local time; a 29 February
     * birthday is 28 February in other years.
     *
     * @param daysBefore 0 for the birthday itself, up to 60
     * @param at the local time of day
     */
    record Birthday(int daysBefore, LocalTime at) implements Entry {
        /** @throws InvalidValueException if out of range */
        public Birthday {
            if (daysBefore < 0 || daysBefore > 60) {
                throw new InvalidValueException("entry.daysBefore", "must be 0..60, not " + daysBefore);
            }
            if (at == null) {
                throw new InvalidValueException("entry.at", "is required");
            }
        }
    }

    /**
     * Enters on each anniversary of joining (not on the join day itself) at a local time.
     *
     * @param at the local time of day
     */
    record JoinAnniversary(LocalTime at) implements Entry {
        /** @throws InvalidValueException if the time is missing */
        public JoinAnniversary {
            if (at == null) {
                throw new InvalidValueException("entry.at", "is required");
            }
        }
    }

    /**
     * Enters {@code days} calendar days after the member's last purchase, at a local time, unless
     * the member bought again in between.
     *
     * @param days 1 to 3650
     * @param at the local time of day
     */
    record DaysAfterLastPurchase(int days, LocalTime at) implements Entry {
        /** @throws InvalidValueException if out of range */
        public DaysAfterLastPurchase {
            if (days < 1 || days > 3650) {
                throw new InvalidValueException("entry.days", "must be 1..3650, not " + days);
            }
            if (at == null) {
                throw new InvalidValueException("entry.at", "is required");
            }
        }
    }

    /**
     * Enters when the member's personal repurchase cycle falls due: {@code factor} × the member's
     * average days between purchase dates ({@link io.crmkit.core.MemberStats#averageRepurchaseDays()})
     * after the last purchase, at a local time, unless the member bought again in between. Members
     * with a single purchase day use {@code fallbackDays}, or do not enter when it is 0.
     *
     * @param factor how many cycles, more than 0 and at most 10
     * @param fallbackDays the cycle for one-purchase members, 0 for none
     * @param at the local time of day
     */
    record RepurchaseDue(double factor, int fallbackDays, LocalTime at) implements Entry {
        /** @throws InvalidValueException if out of range */
        public RepurchaseDue {
            if (!(factor > 0 && factor <= 10)) {
                throw new InvalidValueException("entry.factor", "must be more than 0 and at most 10, not " + factor);
            }
            if (fallbackDays < 0 || fallbackDays > 3650) {
                throw new InvalidValueException("entry.fallbackDays", "must be 0..3650, not " + fallbackDays);
            }
            if (at == null) {
                throw new InvalidValueException("entry.at", "is required");
            }
        }
    }

    /**
     * Sends to everyone in an audience at an instant, once or every {@code every}.
     *
     * @param audience who enters, evaluated at each send
     * @param first the first send
     * @param every the period between sends, or null for a one-off send
     */
    record Broadcast(
            Condition audience, Instant first, @Nullable Period every) implements Entry {
        /** @throws InvalidValueException if a field is missing or the period is not positive */
        public Broadcast {
            if (audience == null || first == null) {
                throw new InvalidValueException("entry", "audience and first are required");
            }
            if (every != null && (every.isNegative() || every.isZero())) {
                throw new InvalidValueException("entry.every", "must be a positive period");
            }
        }
    }

    /**
     * @param trigger the event
     * @return enters on the event
     */
    static Entry on(Trigger trigger) {
        return new OnEvent(trigger);
    }

    /**
     * @param segment the segment
     * @return enters on entering the segment
     */
    static Entry segmentEntered(SegmentId segment) {
        return new OnSegment(segment, true);
    }

    /**
     * @param segment the segment
     * @return enters on leaving the segment
     */
    static Entry segmentExited(SegmentId segment) {
        return new OnSegment(segment, false);
    }

    /**
     * @param daysBefore 0 for the birthday itself
     * @param at the local time
     * @return enters before or on the birthday
     */
    static Entry birthday(int daysBefore, LocalTime at) {
        return new Birthday(daysBefore, at);
    }

    /**
     * @param at the local time
     * @return enters on join anniversaries
     */
    static Entry joinAnniversary(LocalTime at) {
        return new JoinAnniversary(at);
    }

    /**
     * @param days days without a purchase
     * @param at the local time
     * @return enters after that many days without a purchase
     */
    static Entry daysAfterLastPurchase(int days, LocalTime at) {
        return new DaysAfterLastPurchase(days, at);
    }

    /**
     * @param factor how many personal cycles
     * @param fallbackDays the cycle of one-purchase members, 0 for none
     * @param at the local time
     * @return enters when the repurchase cycle falls due
     */
    static Entry repurchaseDue(double factor, int fallbackDays, LocalTime at) {
        return new RepurchaseDue(factor, fallbackDays, at);
    }

    /**
     * @param audience who enters
     * @param first the first send
     * @param every the period, or null for once
     * @return a scheduled send to an audience
     */
    static Entry broadcast(Condition audience, Instant first, @Nullable Period every) {
        return new Broadcast(audience, first, every);
    }
}
