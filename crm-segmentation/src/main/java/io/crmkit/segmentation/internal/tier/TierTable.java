package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.CrmException;
import io.crmkit.core.MemberId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Members and the index of their tier ({@code -1} for none), compact: the ids' characters in one
 * array with offsets, sorted by id, and one byte of tier per member.
 */
public final class TierTable {
    private final char[] chars;
    private final int[] offsets;
    private final byte[] tiers;
    private final long[] counts;
    private final long withoutTier;

    private TierTable(char[] chars, int[] offsets, byte[] tiers, long[] counts, long withoutTier) {
        this.chars = chars;
        this.offsets = offsets;
        this.tiers = tiers;
        this.counts = counts;
        this.withoutTier = withoutTier;
    }

    /** @return how many members */
    public int size() {
        return tiers.length;
    }

    /**
     * @param tier a tier index
     * @return how many members hold it
     */
    public long count(int tier) {
        return counts[tier];
    }

    /** @return how many members hold no tier */
    public long withoutTier() {
        return withoutTier;
    }

    /**
     * @param id a member id
     * @return the member's tier index, -1 for none, -2 if the member is not in the table
     */
    public int tierOf(MemberId id) {
        String s = id.value();
        int lo = 0;
        int hi = tiers.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, s);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return tiers[mid];
            }
        }
        return -2;
    }

    /**
     * @param tier a tier index, or -1 for none
     * @return the members holding it, in id order
     */
    public List<MemberId> members(int tier) {
        List<MemberId> out = new ArrayList<>();
        for (int i = 0; i < tiers.length; i++) {
            if (tiers[i] == tier) {
                out.add(MemberId.of(new String(chars, offsets[i], offsets[i + 1] - offsets[i])));
            }
        }
        return out;
    }

    /** Compares the id at row i with s as {@link String#compareTo} does. */
    private int compare(int i, String s) {
        int from = offsets[i];
        int len = offsets[i + 1] - from;
        int n = Math.min(len, s.length());
        for (int k = 0; k < n; k++) {
            char a = chars[from + k];
            char b = s.charAt(k);
            if (a != b) {
                return a - b;
            }
        }
        return len - s.length();
    }

    /** Collects members in any order; {@link #build()} sorts them by id if needed. */
    public static final class Builder {
        private final int tierCount;
        private char[] chars = new char[1024];
        private int[] offsets = new int[257];
        private byte[] tiers = new byte[256];
        private int size;
        private int length;
        private boolean sorted = true;
        private String last = "";

        /** @param tierCount the number of tiers, at most 127 */
        public Builder(int tierCount) {
            this.tierCount = tierCount;
        }

        /**
         * @param id a member, at most once
         * @param tier its tier index, -1 for none
         */
        public void add(MemberId id, int tier) {
            String s = id.value();
            if (size > 0 && s.compareTo(last) <= 0) {
                sorted = false;
            }
            last = s;
            if ((long) length + s.length() > Integer.MAX_VALUE - 16) {
                throw new CrmException("tier assignments: the member ids add up to more than "
                        + (Integer.MAX_VALUE - 16) + " characters; evaluate members in parts");
            }
            if (length + s.length() > chars.length) {
                chars = Arrays.copyOf(chars, (int) Math.min(
                        Integer.MAX_VALUE - 16, Math.max((long) chars.length * 2, (long) length + s.length())));
            }
            s.getChars(0, s.length(), chars, length);
            length += s.length();
            if (size == tiers.length) {
                tiers = Arrays.copyOf(tiers, size * 2);
                offsets = Arrays.copyOf(offsets, size * 2 + 1);
            }
            tiers[size++] = (byte) tier;
            offsets[size] = length;
        }

        /** @return the table */
        public TierTable build() {
            char[] c = Arrays.copyOf(chars, length);
            int[] o = Arrays.copyOf(offsets, size + 1);
            byte[] t = Arrays.copyOf(tiers, size);
            if (!sorted) {
                Integer[] order = new Integer[size];
                String[] ids = new String[size];
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                    ids[i] = new String(c, o[i], o[i + 1] - o[i]);
                }
                Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
                int at = 0;
                byte[] t2 = new byte[size];
                int[] o2 = new int[size + 1];
                for (int i = 0; i < size; i++) {
                    String s = ids[order[i]];
                    s.getChars(0, s.length(), c, at);
                    at += s.length();
                    o2[i + 1] = at;
                    t2[i] = t[order[i]];
                }
                o = o2;
                t = t2;
            }
            long[] counts = new long[tierCount];
            long none = 0;
            for (byte b : t) {
                if (b < 0) {
                    none++;
                } else {
                    counts[b]++;
                }
            }
            return new TierTable(c, o, t, counts, none);
        }
    }
}
