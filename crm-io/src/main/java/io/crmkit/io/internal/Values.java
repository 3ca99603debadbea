package io.crmkit.io.internal;

import io.crmkit.core.Email;
import io.crmkit.core.Gender;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.core.PhoneNumber;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value transforms of crm-io: each reads one cell as written by a person or an export and
 * either returns the value or throws a {@link CellException} whose message says why not. Callers
 * pass cells that are not empty.
 */
public final class Values {
    private static final Pattern EXCEL_SCIENTIFIC = Pattern.compile("[+-]?\\d+(\\.\\d+)?[eE][+-]?\\d+");
    private static final Pattern GROUPED_POINT = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");
    private static final Pattern GROUPED_COMMA = Pattern.compile("[+-]?\\d{1,3}([. ]\\d{3})+(,\\d*)?");
    private static final Pattern PLAIN_POINT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern PLAIN_COMMA = Pattern.compile("[+-]?(\\d+(,\\d*)?|,\\d+)");

    /** ISO 3166 alpha-2 codes and common names to calling codes, for phones with a country column. */
    private static final Map<String, String> CALLING_CODES = Map.ofEntries(
            Map.entry("TW", "886"),
            Map.entry("TWN", "886"),
            Map.entry("TAIWAN", "886"),
            Map.entry("台灣", "886"),
            Map.entry("臺灣", "886"),
            Map.entry("中華民國", "886"),
            Map.entry("US", "1"),
            Map.entry("USA", "1"),
            Map.entry("UNITED STATES", "1"),
            Map.entry("CA", "1"),
            Map.entry("CANADA", "1"),
            Map.entry("HK", "852"),
            Map.entry("HONG KONG", "852"),
            Map.entry("香港", "852"),
            Map.entry("MO", "853"),
            Map.entry("澳門", "853"),
            Map.entry("CN", "86"),
            Map.entry("CHINA", "86"),
            Map.entry("中國", "86"),
            Map.entry("JP", "81"),
            Map.entry("JAPAN", "81"),
            Map.entry("日本", "81"),
            Map.entry("KR", "82"),
            Map.entry("SOUTH KOREA", "82"),
            Map.entry("韓國", "82"),
            Map.entry("SG", "65"),
            Map.entry("SINGAPORE", "65"),
            Map.entry("新加坡", "65"),
            Map.entry("MY", "60"),
            Map.entry("MALAYSIA", "60"),
            Map.entry("馬來西亞", "60"),
            Map.entry("TH", "66"),
            Map.entry("THAILAND", "66"),
            Map.entry("VN", "84"),
            Map.entry("VIETNAM", "84"),
            Map.entry("PH", "63"),
            Map.entry("PHILIPPINES", "63"),
            Map.entry("ID", "62"),
            Map.entry("INDONESIA", "62"),
            Map.entry("IN", "91"),
            Map.entry("INDIA", "91"),
            Map.entry("AU", "61"),
            Map.entry("AUSTRALIA", "61"),
            Map.entry("NZ", "64"),
            Map.entry("NEW ZEALAND", "64"),
            Map.entry("GB", "44"),
            Map.entry("UK", "44"),
            Map.entry("UNITED KINGDOM", "44"),
            Map.entry("DE", "49"),
            Map.entry("GERMANY", "49"),
            Map.entry("FR", "33"),
            Map.entry("FRANCE", "33"),
            Map.entry("IT", "39"),
            Map.entry("ES", "34"),
            Map.entry("NL", "31"),
            Map.entry("BR", "55"),
            Map.entry("MX", "52"));

    private Values() {}

    /** Quotes a value for a message, shortened if long. */
    public static String quote(String v) {
        String s = v.length() > 60 ? v.substring(0, 57) + "..." : v;
        return '"' + s.replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + '"';
    }

    /** Trims white space (also the no-break space) and drops the {@code '} Excel adds to keep text. */
    public static String clean(String raw) {
        String s = raw.strip();
        if (s.indexOf('\u00a0') >= 0) {
            s = s.replace('\u00a0', ' ').strip();
        }
        if (s.length() > 1 && s.charAt(0) == '\'') {
            s = s.substring(1).strip();
        }
        return s;
    }

    /** NFKC for text with full-width characters; ASCII is returned as is, cheaply. */
    public static String ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7e) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC);
            }
        }
        return s;
    }

    /**
     * An id: cleaned; a number in Excel's scientific notation ({@code 7.02255E+12}) is rejected,
     * because the digits it stood for are lost.
     */
    public static String id(String raw) {
        String s = clean(raw);
        if (s.isEmpty()) {
            throw new CellException("is empty");
        }
        if (EXCEL_SCIENTIFIC.matcher(s).matches()) {
            throw new CellException(quote(raw)
                    + " is a number in scientific notation, as Excel writes long ids: the digits are lost;"
                    + " export the column as text");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new CellException(quote(raw) + " contains a control character");
            }
        }
        if (s.length() > 200) {
            throw new CellException("is " + s.length() + " characters long; an id has at most 200");
        }
        return s;
    }

    /** Free text, cleaned; control characters other than new lines and tabs are rejected. */
    public static String text(String raw) {
        String s = clean(raw);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new CellException(quote(raw) + " contains a control character");
            }
        }
        return s;
    }

    /** A normalised e-mail address. */
    public static Email email(String raw) {
        try {
            return Email.parse(clean(raw));
        } catch (InvalidValueException e) {
            throw new CellException(stripField(e));
        }
    }

    /**
     * A phone in E.164.
     *
     * @param country the cell of the country column, or null: an ISO code, a calling code or a name
     * @param defaultCallingCode the calling code when there is no country
     */
    public static PhoneNumber phone(String raw, @Nullable String country, String defaultCallingCode) {
        String cc = defaultCallingCode;
        if (country != null && !country.isBlank()) {
            cc = callingCode(country);
        }
        PhoneNumber p;
        try {
            p = PhoneNumber.parse(clean(raw), cc);
        } catch (InvalidValueException e) {
            throw new CellException(stripField(e));
        }
        // the lengths of the numbering plans crmkit's users meet most; others are only checked for E.164
        String e = p.e164();
        if (e.startsWith("+886")
                && (e.length() < 4 + 8 || e.length() > 4 + 9 || (e.charAt(4) == '9' && e.length() != 13))) {
            throw new CellException(quote(masked(raw)) + " is not a phone number: a Taiwanese number has 8 or 9 digits"
                    + " after +886 (mobile: 9, starting with 9)");
        }
        if (e.startsWith("+1") && e.length() != 12) {
            throw new CellException(
                    quote(masked(raw)) + " is not a phone number: a North American number has 10 digits" + " after +1");
        }
        return p;
    }

    /** A phone for a message, without most of its digits: messages end up in logs. */
    static String masked(String raw) {
        String t = raw.strip();
        if (t.length() <= 4) {
            return t;
        }
        return "*".repeat(Math.min(t.length() - 3, 12)) + t.substring(t.length() - 3);
    }

    /** The calling code of a country written as an ISO code, a name or {@code +886}. */
    public static String callingCode(String country) {
        String c = ascii(clean(country)).toUpperCase(Locale.ROOT);
        if (c.startsWith("+")) {
            c = c.substring(1);
        }
        if (!c.isEmpty() && c.length() <= 3 && c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return c;
        }
        String code = CALLING_CODES.get(c);
        if (code == null) {
            throw new CellException("country " + quote(country)
                    + " is not known; write an ISO code such as TW or the calling code such as +886");
        }
        return code;
    }

    /**
     * An amount: currency symbols and codes ({@code NT$}, {@code $}, {@code €}, {@code 元}, {@code
     * TWD}) and thousands separators are dropped; a decimal comma is read when asked for.
     *
     * @param decimalSeparator {@code '.'} or {@code ','}
     */
    public static Money money(String raw, Currency currency, char decimalSeparator) {
        String s = raw;
        long fast = decimalSeparator == '.' ? plainMinor(s, currency) : Long.MIN_VALUE;
        if (fast != Long.MIN_VALUE) {
            return Money.ofMinor(fast, currency);
        }
        s = ascii(clean(raw));
        StringBuilder b = new StringBuilder(s.length());
        boolean negative = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == '+') {
                b.append(c);
            } else if (c == '-') {
                if (b.length() == 0 && !negative) {
                    negative = true;
                } else {
                    throw new CellException(quote(raw) + " is not an amount");
                }
            } else if (c == '(' && i == 0 && s.endsWith(")")) {
                negative = true;
            } else if (c == ')' && i == s.length() - 1 && s.startsWith("(")) {
                // accounting negative
            } else if (c == ' '
                    && decimalSeparator == ','
                    && b.length() > 0
                    && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1))) {
                b.append(c);
            } else if (c == '$'
                    || c == '€'
                    || c == '£'
                    || c == '¥'
                    || c == '元'
                    || c == ' '
                    || (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')) {
                if ((c == 'e' || c == 'E') && b.length() > 0) {
                    throw new CellException(quote(raw) + " is in scientific notation; write the amount in full");
                }
                // currency symbol or code
            } else {
                throw new CellException(quote(raw) + " is not an amount");
            }
        }
        String n = b.toString().strip();
        if (n.isEmpty()) {
            throw new CellException(quote(raw) + " is not an amount");
        }
        String plain;
        if (decimalSeparator == '.') {
            if (PLAIN_POINT.matcher(n).matches()) {
                plain = n;
            } else if (GROUPED_POINT.matcher(n).matches()) {
                plain = n.replace(",", "");
            } else {
                throw new CellException(
                        quote(raw)
                                + " is not an amount (thousands separators must be ',' in groups of three, the decimal point '.')");
            }
        } else {
            if (PLAIN_COMMA.matcher(n).matches()) {
                plain = n.replace(',', '.');
            } else if (GROUPED_COMMA.matcher(n).matches()) {
                plain = n.replace(".", "").replace(" ", "").replace(',', '.');
            } else {
                throw new CellException(
                        quote(raw)
                                + " is not an amount (thousands separators must be '.' or ' ' in groups of three, the decimal comma ',')");
            }
        }
        if (negative) {
            plain = plain.startsWith("+") ? "-" + plain.substring(1) : "-" + plain;
        }
        try {
            return Money.parse(plain, currency);
        } catch (InvalidValueException e) {
            throw new CellException(quote(raw) + ": " + stripField(e));
        }
    }

    /**
     * Minor units of a plain decimal ({@code 1280}, {@code -3.5}, {@code 1280.00}) without
     * allocation, or {@link Long#MIN_VALUE} if the text is anything else (the slow path decides).
     */
    static long plainMinor(String s, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        int n = s.length();
        if (n == 0 || n > 17) {
            return Long.MIN_VALUE;
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-') {
            neg = true;
            i = 1;
        }
        long v = 0;
        int intDigits = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                intDigits++;
            } else {
                break;
            }
        }
        if (intDigits == 0) {
            return Long.MIN_VALUE;
        }
        int frac = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return Long.MIN_VALUE;
            }
            i++;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9' || frac >= digits) {
                    return Long.MIN_VALUE;
                }
                v = v * 10 + (c - '0');
                frac++;
            }
        }
        for (; frac < digits; frac++) {
            v *= 10;
        }
        return neg ? -v : v;
    }

    /**
     * {@link Instant#parse}, with a fast path for whole seconds in UTC ({@code 2025-11-11T04:05:06Z},
     * what the canonical format writes for nearly every instant).
     *
     * @throws java.time.format.DateTimeParseException if the text is not an ISO-8601 instant
     */
    public static Instant isoInstant(String s) {
        if (s.length() == 20
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(19) == 'Z') {
            int y = digits(s, 0, 4);
            int mo = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            int h = digits(s, 11, 2);
            int mi = digits(s, 14, 2);
            int se = digits(s, 17, 2);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 28 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59
                    && se >= 0 && se <= 59) {
                long day = java.time.LocalDate.of(y, mo, d).toEpochDay();
                return Instant.ofEpochSecond(day * 86_400 + h * 3600L + mi * 60L + se);
            }
        }
        return Instant.parse(s);
    }

    /** @return the number written by n ASCII digits at from, or -1 */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A whole number, e.g. a quantity. */
    public static long integer(String raw) {
        String s = ascii(clean(raw));
        int n = s.length();
        int i = s.startsWith("+") ? 1 : 0;
        boolean neg = false;
        if (s.startsWith("-")) {
            neg = true;
            i = 1;
        }
        if (i >= n || n - i > 18) {
            throw new CellException(quote(raw) + " is not a whole number");
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                if (c == '.' && s.substring(i + 1).chars().allMatch(ch -> ch == '0')) {
                    break; // "2.0" from a spreadsheet
                }
                throw new CellException(quote(raw) + " is not a whole number");
            }
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    /** yes / no in the words exports use. */
    public static boolean bool(String raw) {
        String s = ascii(clean(raw)).toLowerCase(Locale.ROOT);
        switch (s) {
            case "yes", "y", "true", "t", "1", "是", "subscribed", "opted_in", "confirmed_opt_in", "on" -> {
                return true;
            }
            case "no", "n", "false", "f", "0", "否", "unsubscribed", "not_subscribed", "opted_out", "off" -> {
                return false;
            }
            default -> throw new CellException(quote(raw) + " is not yes or no");
        }
    }

    /** A gender in English or Chinese words. */
    public static Gender gender(String raw) {
        String s = ascii(clean(raw)).toLowerCase(Locale.ROOT);
        switch (s) {
            case "male", "m", "man", "男", "男性", "先生" -> {
                return Gender.MALE;
            }
            case "female", "f", "woman", "女", "女性", "小姐", "女士" -> {
                return Gender.FEMALE;
            }
            case "other", "o", "其他", "non-binary", "nonbinary" -> {
                return Gender.OTHER;
            }
            case "unknown", "u", "n/a", "na", "不透露", "未知" -> {
                return Gender.UNKNOWN;
            }
            default ->
                throw new CellException(
                        quote(raw) + " is not a gender (male / female / other / unknown, 男 / 女, or map it)");
        }
    }

    /** An upper-case code: letters, digits and {@code _}; spaces and dashes become {@code _}. */
    public static String code(String raw) {
        String s = ascii(clean(raw)).toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (s.isEmpty()) {
            throw new CellException("is empty");
        }
        return s;
    }

    /** A currency by ISO 4217 code. */
    public static Currency currency(String raw) {
        String s = ascii(clean(raw)).toUpperCase(Locale.ROOT);
        if (s.equals("NT$") || s.equals("NTD") || s.equals("新台幣") || s.equals("新臺幣")) {
            s = "TWD";
        }
        try {
            return Currency.getInstance(s);
        } catch (IllegalArgumentException e) {
            throw new CellException(quote(raw) + " is not an ISO 4217 currency code");
        }
    }

    private static String stripField(InvalidValueException e) {
        String m = e.getMessage() == null ? "invalid" : e.getMessage();
        String prefix = e.field() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** The message of a domain exception without its field prefix. */
    public static String reason(InvalidValueException e) {
        return stripField(e);
    }
}
