package io.crmkit.analytics.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Pattern;

/** The date forms of transaction files: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS (or with T), YYYYMMDD. */
public final class DateParsing {
    private static final Pattern TIME = Pattern.compile("[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private DateParsing() {}

    /**
     * @param text the text, surrounding blanks allowed
     * @return the day
     * @throws IllegalArgumentException if the text is none of the forms or not a real date
     */
    public static LocalDate parse(String text) {
        String s = text.strip();
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
