package io.crmkit.analytics.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Pattern;

/**
 * The date forms of transaction files: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS (or with T), YYYYMMDD, and
 * ISO-8601 instants with {@code Z} or an offset ({@code 2024-08-11T13:24:22Z}), whose day is taken in
 * a given zone (or at the written offset when none is given).
 */
public final class DateParsing {
    private static final Pattern TIME = Pattern.compile("[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private static final Pattern OFFSET = Pattern.compile("(Z|[+-]\\d{2}:\\d{2})$");

    private DateParsing() {}

    /**
     * @param text the text, surrounding blanks allowed
     * @return the day
     * @throws IllegalArgumentException if the text is none of the forms or not a real date
     */
    public static LocalDate parse(String text) {
        return parse(text, null);
    }

    /**
     * @param text the text, surrounding blanks allowed
     * @param zone the zone whose calendar day an instant with an offset falls on; null for the day at
     *     the written offset
     * @return the day
     * @throws IllegalArgumentException if the text is none of the forms or not a real date
     */
    public static LocalDate parse(String text, java.time.@org.jspecify.annotations.Nullable ZoneId zone) {
        String s = text.strip();
        if (s.length() > 19 && s.charAt(10) == 'T' && OFFSET.matcher(s).find()) {
            try {
                java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(s);
                return zone == null
                        ? t.toLocalDate()
                        : t.atZoneSameInstant(zone).toLocalDate();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(text, e);
            }
        }
        try {
            if (s.length() == 8 && isDigits(s)) {
                return LocalDate.of(
                        Integer.parseInt(s.substring(0, 4)),
                        Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(6, 8)));
            }
            if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                String datePart = s.substring(0, 10);
                if (!isDigits(datePart.substring(0, 4))
                        || !isDigits(datePart.substring(5, 7))
                        || !isDigits(datePart.substring(8, 10))) {
                    throw new IllegalArgumentException(text);
                }
                LocalDate day = LocalDate.parse(datePart);
                if (s.length() > 10) {
                    String rest = s.substring(10);
                    if (!TIME.matcher(rest).matches()) {
                        throw new IllegalArgumentException(text);
                    }
                    LocalTime.parse(rest.substring(1)); // checks 25:00 and the like
                }
                return day;
            }
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(text, e);
        }
        throw new IllegalArgumentException(text);
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
