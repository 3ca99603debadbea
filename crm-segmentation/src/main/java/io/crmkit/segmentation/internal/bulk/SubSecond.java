package io.crmkit.segmentation.internal.bulk;

import java.util.Arrays;

/**
 * The nanoseconds of the rare instants that are not whole seconds, by index; every other index has
 * 0. Lets time columns hold whole seconds in an {@code int} and still compare instants exactly.
 */
public final class SubSecond {
    private final int[] index;
    private final int[] nanos;

    private SubSecond(int[] index, int[] nanos) {
        this.index = index;
        this.nanos = nanos;
    }

    /**
     * @param nanosByIndex the nanoseconds of every index
     * @return the sparse column
     */
    public static SubSecond of(int[] nanosByIndex) {
        Bufs.IntBuf idx = new Bufs.IntBuf(4);
        Bufs.IntBuf ns = new Bufs.IntBuf(4);
        for (int i = 0; i < nanosByIndex.length; i++) {
            if (nanosByIndex[i] != 0) {
                idx.add(i);
                ns.add(nanosByIndex[i]);
            }
        }
        return new SubSecond(idx.toArray(), ns.toArray());
    }

    /**
     * @param i an index
     * @return its nanoseconds, 0 for most
     */
    public int get(int i) {
        if (index.length == 0) {
            return 0;
        }
        int k = Arrays.binarySearch(index, i);
        return k >= 0 ? nanos[k] : 0;
    }

    /** @return the bytes of the side table */
    public long bytes() {
        return index.length * 8L;
    }
}
