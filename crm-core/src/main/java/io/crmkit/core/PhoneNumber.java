package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +8869xxxxxxxx}), so that the same phone written as {@code
 * 0912-345-678}, {@code +886 912 345 678} or {@code 886912345678} is one value.
 *
 * <p>{@link #parse(String, String)} reads what people and shop exports write: spaces, dashes, dots
 * and brackets are dropped; a leading {@code '} (Excel text marker) is dropped; {@code 00} means
 * international; a leading {@code 0} is the national trunk prefix; digits without either are taken
 * as a national number whose leading {@code 0} was lost (Excel turns {@code 0912345678} into {@code
 * 912345678}). For Taiwan, a trunk {@code 0} written after {@code +886} is dropped too.
 *
 * <pre>{@code
 * PhoneNumber.parse("0912-345-678", "886").e164();     // "+886912345678"
 * PhoneNumber.parse("+886 912 345 678", "886").e164(); // "+886912345678"
 * }</pre>
 *
 * @param e164 the number as "+" and 8 to 15 digits
 */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final java.util.regex.Pattern CALLING_CODE = java.util.regex.Pattern.compile("[1-9]\\d{0,2}");
    private static final java.util.regex.Pattern TAIWAN_IDD = java.util.regex.Pattern.compile("00[25679]");
    private static final Pattern INTERNATIONAL_DIGITS = Pattern.compile("[1-9]\\d{7,14}");

    /** @throws InvalidValueException if the value is not "+" and 8 to 15 digits */
    public PhoneNumber {
        Check.notNull(e164, "phone");
        Check.that(E164.matcher(e164).matches(), "phone", "the value is not in E.164 form (\"+\" and 8 to 15 digits)");
    }

    /**
     * Reads a phone number as written by a person or a shop export.
     *
     * @param raw the number as written
     * @param defaultCallingCode the country calling code for numbers written without one, e.g.
     *     {@link BrandSettings#countryCallingCode()}
     * @return the number
     * @throws InvalidValueException if the text is not a phone number
     */
    public static PhoneNumber parse(String raw, String defaultCallingCode) {
        Check.notNull(raw, "phone");
        Check.notNull(defaultCallingCode, "defaultCallingCode");
        Check.that(
                CALLING_CODE.matcher(defaultCallingCode).matches(),
                "defaultCallingCode",
                Check.quote(defaultCallingCode) + " is not a country calling code (1 to 3 digits, no \"+\", e.g. 886)");
        // full-width digits and dashes (０９１２－３４５－６７８) become ASCII
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (s.startsWith("'")) {
            s = s.substring(1);
        }
        StringBuilder digits = new StringBuilder(s.length());
        boolean plus = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && digits.length() == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00a0') {
                throw new InvalidValueException(
                        "phone", masked(raw) + " has a character that is not part of a phone number: '" + c + "'");
            }
        }
        String d = digits.toString();
        String international;
        if (plus) {
            international = d;
        } else if (defaultCallingCode.equals("886") && TAIWAN_IDD.matcher(d).lookingAt() && d.length() >= 3 + 8) {
            // Taiwan's international prefixes are 002, 005, 006, 007 and 009 (carrier codes), not 00
            international = d.substring(3);
        } else if (d.startsWith("00")) {
            international = d.substring(2);
        } else if (d.startsWith("0")) {
            international = defaultCallingCode + d.substring(1);
        } else if (d.startsWith(defaultCallingCode) && d.length() >= defaultCallingCode.length() + 8) {
            international = d;
        } else {
            international = defaultCallingCode + d;
        }
        if (international.startsWith("8860")) {
            international = "886" + international.substring(4);
        }
        if (!INTERNATIONAL_DIGITS.matcher(international).matches()) {
            throw new InvalidValueException("phone", masked(raw) + " is not a phone number");
        }
        return new PhoneNumber("+" + international);
    }

    /** The input for an error message, without most of the digits: messages end up in logs. */
    private static String masked(String raw) {
        String t = raw.strip();
        if (t.length() <= 4) {
            return Check.quote(t);
        }
        return Check.quote("*".repeat(Math.min(t.length() - 3, 12)) + t.substring(t.length() - 3));
    }

    /** @return true for a Taiwan mobile number ({@code +8869} and 8 more digits) */
    public boolean isTaiwanMobile() {
        return e164.length() == 13 && e164.startsWith("+8869");
    }

    @Override
    public String toString() {
        return e164;
    }
}
