package io.crmkit.segmentation.internal.bulk;

/**
 * A column of small unsigned codes (dictionary codes, 0 = no value), stored in 1, 2 or 4 bytes a
 * value depending on the largest code.
 */
public final class Codes {
    private static final byte[] NO_BYTES = new byte[0];
    private static final char[] NO_CHARS = new char[0];
    private static final int[] NO_INTS = new int[0];

    private final int width;
    private final byte[] bytes;
    private final char[] chars;
    private final int[] ints;
    private final int length;

    private Codes(int width, byte[] bytes, char[] chars, int[] ints, int length) {
        this.width = width;
        this.bytes = bytes;
        this.chars = chars;
        this.ints = ints;
        this.length = length;
    }

    /**
     * @param values codes, each {@code 0..maxCode}
     * @param maxCode the largest code that may occur
     * @return the packed column
     */
    public static Codes of(int[] values, int maxCode) {
        int n = values.length;
        if (maxCode <= 0xFF) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) values[i];
            }
            return new Codes(1, b, NO_CHARS, NO_INTS, n);
        }
        if (maxCode <= 0xFFFF) {
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = (char) values[i];
            }
            return new Codes(2, NO_BYTES, c, NO_INTS, n);
        }
        return new Codes(4, NO_BYTES, NO_CHARS, values.clone(), n);
    }

    /**
     * @param i an index
     * @return the code there (0 = no value)
     */
    public int get(int i) {
        if (width == 1) {
            return bytes[i] & 0xFF;
        }
        if (width == 2) {
            return chars[i];
        }
        return ints[i];
    }

    /** @return the number of values */
    public int length() {
        return length;
    }

    /** @return bytes a value takes */
    public int width() {
        return width;
    }

    /** @return the bytes of the column */
    public long bytes() {
        return (long) width * length;
    }
}
