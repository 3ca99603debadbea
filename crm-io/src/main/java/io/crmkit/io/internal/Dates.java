package io.crmkit.io.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dates and times in the formats of a mapping, tried in order: {@code iso} (an instant, an
 * offset or local date-time with {@code T} or a space, or a date), {@code minguo} (Republic of
 * China years: {@code 112/05/01}, {@code 112-5-1}, {@code 1120501}, {@code 112年5月1日}, optionally
 * followed by a time), {@code epochSeconds}, {@code epochMillis}, or a {@link DateTimeFormatter}
 * pattern such as {@code yyyy-MM-dd HH:mm:ss Z} or {@code M/d/yyyy H:mm}. Local times are read in
 * the zone. Days that do not exist (30 February) are rejected, never moved.
 */
public final class Dates {
    /** Names of the formats that are not patterns. */
    public static final List<String> NAMED = List.of("iso", "minguo", "epochSeconds", "epochMillis");

    private static final Pattern MINGUO = Pattern.compile(
            "(?:民國)?\\s*(\\d{2,3})\\s*(?:[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})|年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日?)"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern MINGUO_COMPACT = Pattern.compile("(\\d{2,3})(\\d{2})(\\d{2})");
    private static final DateTimeFormatter ISO_LOCAL_SPACE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private final List<Format> formats;
    private final ZoneId zone;
    private final String described;

    private interface Format {
        /** @return an Instant, a LocalDate or null when the text is not in this format */
        Object parse(String s, ZoneId zone);
    }

    /**
     * @param names format names or patterns, tried in order; empty means {@code iso}
     * @param zone the zone of local times
     * @throws IllegalArgumentException if a pattern is not a valid {@link DateTimeFormatter} pattern
     */
    public Dates(List<String> names, ZoneId zone) {
        this.zone = zone;
        List<String> use = names.isEmpty() ? List.of("iso") : names;
        List<Format> fs = new ArrayList<>();
        for (String n : use) {
            fs.add(format(n));
        }
        this.formats = List.copyOf(fs);
        this.described = String.join(", ", use);
    }

    private static Format format(String name) {
        switch (name) {
            case "iso":
                return Dates::iso;
            case "minguo":
                return (s, z) -> minguo(s, z);
            case "epochSeconds":
                return (s, z) -> epoch(s, 1000);
            case "epochMillis":
                return (s, z) -> epoch(s, 1);
            default:
                DateTimeFormatter f = pattern(name);
                return (s, z) -> withPattern(f, s, z);
        }
    }

    /** Compiles a pattern strictly: {@code y} is read as the proleptic year, so 30 February fails. */
    public static DateTimeFormatter pattern(String p) {
        String strict = p.contains("G") ? p : p.replace('y', 'u');
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(strict)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static Object iso(String s, ZoneId zone) {
        if (s.endsWith("Z") && s.indexOf('T') == 10) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // below
            }
        }
        if (s.length() == 10) {
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        try {
            TemporalAccessor t = ISO_LOCAL_SPACE.parse(s);
            LocalDateTime ldt = LocalDateTime.of(LocalDate.from(t), LocalTime.from(t));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return ldt.toInstant(java.time.ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)));
            }
            return ldt.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Object minguo(String s, ZoneId zone) {
        Matcher m = MINGUO.matcher(s);
        int y;
        int mo;
        int d;
        int h = 0;
        int mi = 0;
        int se = 0;
        boolean time = false;
        if (m.matches()) {
            y = Integer.parseInt(m.group(1));
            mo = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            d = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(5));
            if (m.group(6) != null) {
                time = true;
                h = Integer.parseInt(m.group(6));
                mi = Integer.parseInt(m.group(7));
                se = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
            }
        } else {
            Matcher c = MINGUO_COMPACT.matcher(s);
            if (!c.matches()) {
                return null;
            }
            y = Integer.parseInt(c.group(1));
            mo = Integer.parseInt(c.group(2));
            d = Integer.parseInt(c.group(3));
        }
        if (y < 1) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(y + 1911, mo, d);
            if (!time) {
                return date;
            }
            return LocalDateTime.of(date, LocalTime.of(h, mi, se)).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new CellException(
                    Values.quote(s) + " is ROC year " + y + " (" + (y + 1911) + "), but " + e.getMessage());
        }
    }

    private static Object epoch(String s, long factor) {
        try {
            return Instant.ofEpochMilli(Math.multiplyExact(Long.parseLong(s), factor));
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    private static Object withPattern(DateTimeFormatter f, String s, ZoneId zone) {
        TemporalAccessor t;
        try {
            t = f.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
        try {
            if (!t.isSupported(ChronoField.HOUR_OF_DAY) && !t.isSupported(ChronoField.CLOCK_HOUR_OF_AMPM)) {
                return LocalDate.from(t);
            }
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(t);
            }
            LocalDateTime ldt = LocalDateTime.from(t);
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.of(ldt, java.time.ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)))
                        .toInstant();
            }
            return ZonedDateTime.of(ldt, zone).toInstant();
        } catch (DateTimeException e) {
            throw new CellException(Values.quote(s) + " is not a valid date: " + e.getMessage());
        }
    }

    /**
     * @param raw a cell
     * @return the instant; a date alone is the start of that day in the zone
     */
    public Instant instant(String raw) {
        Object v = parse(raw);
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        return (Instant) v;
    }

    /**
     * @param raw a cell
     * @return the date; an instant is read as the date in the zone
     */
    public LocalDate date(String raw) {
        Object v = parse(raw);
        if (v instanceof Instant i) {
            return LocalDate.ofInstant(i, zone);
        }
        return (LocalDate) v;
    }

    private Object parse(String raw) {
        String s = Values.ascii(Values.clean(raw));
        if (s.isEmpty()) {
            throw new CellException("is empty");
        }
        for (Format f : formats) {
            Object v = f.parse(s, zone);
            if (v != null) {
                return v;
            }
        }
        throw new CellException(Values.quote(raw) + " is not a date in the format " + described);
    }
}
