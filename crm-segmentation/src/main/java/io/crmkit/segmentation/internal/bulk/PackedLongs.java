package io.crmkit.segmentation.internal.bulk;

import java.util.Arrays;

/**
 * A column of {@code long}s stored as {@code int}s; the rare values that do not fit are kept in a
 * sorted side table. Amounts in minor units almost always fit (NT$21 million).
 */
public final class PackedLongs {
    private static final int ESCAPE = Integer.MIN_VALUE;

    private final int[] values;
    private final int[] bigIndex;
    private final long[] bigValue;

    private PackedLongs(int[] values, int[] bigIndex, long[] bigValue) {
        this.values = values;
        this.bigIndex = bigIndex;
        this.bigValue = bigValue;
    }

    /**
     * @param v the values
     * @return the packed column
     */
    public static PackedLongs of(long[] v) {
        int[] out = new int[v.length];
        Bufs.IntBuf idx = new Bufs.IntBuf(4);
        Bufs.LongBuf big = new Bufs.LongBuf(4);
        for (int i = 0; i < v.length; i++) {
            long x = v[i];
            if (x > Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                out[i] = (int) x;
            } else {
                out[i] = ESCAPE;
                idx.add(i);
                big.add(x);
            }
        }
        return new PackedLongs(out, idx.toArray(), big.toArray());
    }

    /**
     * @param i an index
     * @return the value
     */
    public long get(int i) {
        int x = values[i];
        return x != ESCAPE ? x : big(i);
    }

    private long big(int i) {
        return bigValue[Arrays.binarySearch(bigIndex, i)];
    }

    /** @return the number of values */
    public int length() {
        return values.length;
    }

    /** @return the bytes of the column */
    public long bytes() {
        return values.length * 4L + bigIndex.length * 12L;
    }
}
