package io.crmkit.automation.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** Local-time arithmetic of journeys; a local time in a DST gap moves forward by the gap's length. */
public final class Times {
    private Times() {}

    /**
     * @param date a local date
     * @param time a local time
     * @param zone the zone
     * @return that local date and time as an instant
     */
    public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /**
     * @param after an instant
     * @param time a local time
     * @param days allowed weekdays (not empty)
     * @param zone the zone
     * @return the first instant strictly after {@code after} that is {@code time} on an allowed day
     */
    public static Instant nextLocal(Instant after, LocalTime time, Set<DayOfWeek> days, ZoneId zone) {
        LocalDate d = after.atZone(zone).toLocalDate();
        for (int i = 0; i < 9; i++) {
            LocalDate day = d.plusDays(i);
            if (days.contains(day.getDayOfWeek())) {
                Instant t = at(day, time, zone);
                if (t.isAfter(after)) {
                    return t;
                }
            }
        }
        throw new IllegalStateException("no allowed weekday within 9 days");
    }

    /**
     * @param monthDay a birthday's month and day
     * @param year a year
     * @return the date in that year; 29 February is 28 February in other years
     */
    public static LocalDate inYear(MonthDay monthDay, int year) {
        return monthDay.atYear(year);
    }

    /**
     * Mixes a member id and a journey id into a bucket 0..99, stable across runs and JVMs.
     *
     * @param member the member id
     * @param journey the journey id
     * @return the bucket
     */
    public static int bucket(String member, String journey) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < member.length(); i++) {
            h = (h ^ member.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ '/') * 0x100000001b3L;
        for (int i = 0; i < journey.length(); i++) {
            h = (h ^ journey.charAt(i)) * 0x100000001b3L;
        }
        // splitmix64 finaliser: spreads the low bits
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h = h ^ (h >>> 31);
        return (int) Long.remainderUnsigned(h, 100);
    }
}
