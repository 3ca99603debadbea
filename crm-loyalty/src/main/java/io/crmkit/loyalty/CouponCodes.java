package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Unguessable coupon codes: random characters from a 32-letter alphabet without look-alikes (no
 * 0/O, 1/I) drawn from {@link SecureRandom}, plus a Luhn mod 32 check character that catches every
 * single mistyped character and most swaps before any look-up. The default 12 random characters
 * hold 60 bits: among 10^6 issued codes a guess hits one with odds below 10^-12.
 *
 * <pre>{@code
 * CouponCodes codes = CouponCodes.secure(12);
 * String code = codes.next();             // e.g. "7KQ2M9XWPH3TR"
 * CouponCodes.isWellFormed(code);         // true
 * CouponCodes.normalise(" 7kq2-m9xw ");   // "7KQ2M9XW"
 * }</pre>
 */
public final class CouponCodes {
    /** The code alphabet. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private static final int BUFFER = 4096;

    private final SecureRandom random;
    private final int length;
    private final byte[] buffer = new byte[BUFFER];
    private int used = BUFFER;

    private CouponCodes(SecureRandom random, int length) {
        this.random = random;
        this.length = length;
    }

    /**
     * @param length random characters, 8 to 24 (each holds 5 bits); the check character comes on top
     * @return a generator over a fresh {@link SecureRandom}; thread-safe
     */
    public static CouponCodes secure(int length) {
        if (length < 8 || length > 24) {
            throw new InvalidValueException("codeLength", "must be 8 to 24, was " + length);
        }
        return new CouponCodes(new SecureRandom(), length);
    }

    /** @return the number of random characters */
    public int length() {
        return length;
    }

    /** @return a new code: {@link #length()} random characters and a check character */
    public String next() {
        char[] c = new char[length + 1];
        int bytes = (length * 5 + 7) / 8;
        long bits = 0;
        int left = 0;
        int i = 0;
        synchronized (buffer) {
            if (used + bytes > BUFFER) {
                random.nextBytes(buffer); // one call to the (synchronized, slow) SecureRandom per ~400 codes
                used = 0;
            }
            for (int b = 0; b < bytes; b++) {
                bits |= (buffer[used++] & 0xffL) << left;
                left += 8;
                while (left >= 5 && i < length) {
                    c[i++] = ALPHABET.charAt((int) (bits & 31));
                    bits >>>= 5;
                    left -= 5;
                }
            }
            java.util.Arrays.fill(buffer, used - bytes, used, (byte) 0); // drawn bytes are not kept
        }
        c[length] = ALPHABET.charAt(checkValue(c, length));
        return new String(c);
    }

    /**
     * @param count how many, 0 to 10^8
     * @return that many distinct codes (collisions are drawn again)
     */
    public Set<String> distinct(int count) {
        if (count < 0 || count > 100_000_000) {
            throw new InvalidValueException("count", "must be 0 to 10^8, was " + count);
        }
        Set<String> codes = new HashSet<>(Math.max(16, (int) (count / 0.75f) + 1));
        while (codes.size() < count) {
            codes.add(next());
        }
        return codes;
    }

    /**
     * @param code a code as typed
     * @return upper case without spaces and dashes
     */
    public static String normalise(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch != ' ' && ch != '-' && ch != '\t') {
                b.append(ch);
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * @param code a normalised code
     * @return true if every character is in the alphabet and the check character fits
     */
    public static boolean isWellFormed(String code) {
        int n = code.length();
        if (n < 2) {
            return false;
        }
        char[] c = code.toCharArray();
        for (char ch : c) {
            if (ch >= 128 || VALUE[ch] < 0) {
                return false;
            }
        }
        return VALUE[c[n - 1]] == checkValue(c, n - 1);
    }

    /** Luhn mod N: the value that makes the weighted sum of all characters a multiple of 32. */
    private static int checkValue(char[] c, int n) {
        int factor = 2;
        int sum = 0;
        for (int i = n - 1; i >= 0; i--) {
            int addend = factor * VALUE[c[i]];
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return (32 - sum % 32) % 32;
    }
}
