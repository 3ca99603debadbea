package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * When earned points expire. Dates are days of the brand's zone; points expire at the start of the
 * day after their last valid day.
 *
 * <pre>{@code
 * ExpiryPolicy.never();
 * ExpiryPolicy.afterMonths(12); // earned 2026-03-15 → usable through 2027-03-15
 * ExpiryPolicy.fixedDates(12, MonthDay.of(12, 31)); // usable through the first 31 Dec at least 12 months later
 * }</pre>
 */
public sealed interface ExpiryPolicy permits ExpiryPolicy.Never, ExpiryPolicy.AfterMonths, ExpiryPolicy.FixedDates {

    /** @return points never expire */
    static ExpiryPolicy never() {
        return new Never();
    }

    /**
     * @param months 1 to 1200
     * @return points are usable through the same day of the month {@code months} later (or that
     *     month's last day) and expire at the start of the next day
     */
    static ExpiryPolicy afterMonths(int months) {
        return new AfterMonths(months);
    }

    /**
     * @param minMonths 0 to 1200: the last valid day is at least this many months after the earn day
     * @param dates the fixed last valid days of a year, e.g. 30 June and 31 December
     * @return points are usable through the first of the dates on or after the earn day plus {@code
     *     minMonths} months
     */
    static ExpiryPolicy fixedDates(int minMonths, MonthDay... dates) {
        return new FixedDates(minMonths, dates == null ? null : Arrays.asList(dates));
    }

    /**
     * @param earnedAt when the points were earned
     * @param zone the brand's zone
     * @return when they expire, if they do
     */
    Optional<Instant> expiresAt(Instant earnedAt, ZoneId zone);

    /** Points never expire. */
    record Never() implements ExpiryPolicy {
        @Override
        public Optional<Instant> expiresAt(Instant earnedAt, ZoneId zone) {
            return Optional.empty();
        }
    }

    /**
     * Points expire a number of months after the day they were earned.
     *
     * @param months 1 to 1200
     */
    record AfterMonths(int months) implements ExpiryPolicy {
        /** @throws InvalidValueException if months is out of range */
        public AfterMonths {
            if (months < 1 || months > 1200) {
                throw new InvalidValueException("expiry.months", "must be 1 to 1200, was " + months);
            }
        }

        @Override
        public Optional<Instant> expiresAt(Instant earnedAt, ZoneId zone) {
            LocalDate last = LocalDate.ofInstant(earnedAt, zone).plusMonths(months);
            return Optional.of(last.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    /**
     * Points expire on fixed days of the year.
     *
     * @param minMonths 0 to 1200
     * @param dates one or more last valid days (29 February counts as 28 February in other years)
     */
    record FixedDates(int minMonths, List<MonthDay> dates) implements ExpiryPolicy {
        /** @throws InvalidValueException if minMonths is out of range or no date is given */
        public FixedDates {
            if (minMonths < 0 || minMonths > 1200) {
                throw new InvalidValueException("expiry.minMonths", "must be 0 to 1200, was " + minMonths);
            }
            if (dates == null || dates.isEmpty() || dates.stream().anyMatch(java.util.Objects::isNull)) {
                throw new InvalidValueException("expiry.dates", "give at least one date, e.g. MonthDay.of(12, 31)");
            }
            MonthDay[] sorted = dates.toArray(MonthDay[]::new);
            Arrays.sort(sorted);
            dates = List.of(sorted);
        }

        @Override
        public Optional<Instant> expiresAt(Instant earnedAt, ZoneId zone) {
            LocalDate earliest = LocalDate.ofInstant(earnedAt, zone).plusMonths(minMonths);
            for (int year = earliest.getYear(); ; year++) {
                for (MonthDay d : dates) {
                    LocalDate candidate = d.atYear(year);
                    if (!candidate.isBefore(earliest)) {
                        return Optional.of(
                                candidate.plusDays(1).atStartOfDay(zone).toInstant());
                    }
                }
            }
        }
    }
}
