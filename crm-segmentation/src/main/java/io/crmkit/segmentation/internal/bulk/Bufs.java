package io.crmkit.segmentation.internal.bulk;

import java.util.Arrays;

/** Growable primitive arrays for building columns; no boxing. */
public final class Bufs {
    private Bufs() {}

    /** A growable {@code int[]}. */
    public static final class IntBuf {
        private int[] a;
        private int size;

        /** @param capacity the initial capacity */
        public IntBuf(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        /** @param v a value to append */
        public void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[size++] = v;
        }

        /**
         * @param i an index below {@link #size()}
         * @return the value
         */
        public int get(int i) {
            return a[i];
        }

        /** @return the number of values */
        public int size() {
            return size;
        }

        /** @return the values, trimmed */
        public int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** A growable {@code long[]}. */
    public static final class LongBuf {
        private long[] a;
        private int size;

        /** @param capacity the initial capacity */
        public LongBuf(int capacity) {
            a = new long[Math.max(4, capacity)];
        }

        /** @param v a value to append */
        public void add(long v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[size++] = v;
        }

        /**
         * @param i an index below {@link #size()}
         * @return the value
         */
        public long get(int i) {
            return a[i];
        }

        /** @return the number of values */
        public int size() {
            return size;
        }

        /** @return the values, trimmed */
        public long[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** A growable {@code byte[]}. */
    public static final class ByteBuf {
        private byte[] a;
        private int size;

        /** @param capacity the initial capacity */
        public ByteBuf(int capacity) {
            a = new byte[Math.max(4, capacity)];
        }

        /** @param v a value to append */
        public void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            a[size++] = (byte) v;
        }

        /**
         * @param i an index below {@link #size()}
         * @return the value
         */
        public byte get(int i) {
            return a[i];
        }

        /** @return the number of values */
        public int size() {
            return size;
        }
    }

    static int grow(int length) {
        long n = (long) length + (length >> 1) + 16;
        if (n > Integer.MAX_VALUE - 16) {
            n = Integer.MAX_VALUE - 16;
            if (n <= length) {
                throw new OutOfMemoryError("column longer than " + length);
            }
        }
        return (int) n;
    }
}
