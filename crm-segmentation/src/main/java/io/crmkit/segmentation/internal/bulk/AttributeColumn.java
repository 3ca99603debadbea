package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.AttributeKey;
import io.crmkit.segmentation.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * One custom attribute key (name and type, as {@link io.crmkit.core.Attributes} keys them) as a
 * sparse typed column: the ordinals of the members that have a value, ascending, and the values
 * aligned with them. Numbers, booleans, dates and instants are {@code long}s (instants add their
 * nanoseconds), texts are dictionary codes, decimals stay {@link BigDecimal} (exact, rare).
 */
public final class AttributeColumn {
    private final AttributeKey.Type type;
    private final int[] ords;
    private final long[] longs;
    private final int[] nanos;
    private final int[] codes;
    private final StringDict dict;
    private final BigDecimal[] decimals;

    private AttributeColumn(Builder b) {
        this.type = b.type;
        this.ords = b.ords.toArray();
        this.longs = b.longs.toArray();
        this.nanos = b.nanos.toArray();
        this.codes = b.codes.toArray();
        this.dict = b.dict;
        this.decimals = b.decimals.toArray(new BigDecimal[0]);
    }

    /** @return the number of members with a value */
    public int size() {
        return ords.length;
    }

    /**
     * @param k a slot {@code 0..size()-1}
     * @return the ordinal of the member whose value is in that slot
     */
    int ordinal(int k) {
        return ords[k];
    }

    /** @return the bytes of the column */
    public long bytes() {
        return ords.length * 4L
                + longs.length * 8L
                + nanos.length * 4L
                + codes.length * 4L
                + dict.bytes()
                + decimals.length * 40L;
    }

    /**
     * The members whose value passes a test, exactly as {@code MemberEvaluator} compares values
     * (decimals by value ignoring scale, texts by {@link String#compareTo}).
     *
     * @param test what is asked
     * @param values the test's values, of the key's type
     * @return the members that pass
     */
    RoaringBitmap match(Condition.AttributeTest test, List<Object> values) {
        RoaringBitmapWriter<RoaringBitmap> out = RoaringBitmapWriter.writer().get();
        int n = ords.length;
        if (test == Condition.AttributeTest.EXISTS) {
            out.addMany(ords);
            return out.get();
        }
        boolean in = test == Condition.AttributeTest.IN;
        switch (type) {
            case STRING -> {
                boolean[] ok = new boolean[dict.size() + 1];
                for (int c = 1; c <= dict.size(); c++) {
                    String v = dict.value(c);
                    ok[c] = in
                            ? values.contains(v)
                            : ((String) values.get(0)).compareTo(v) <= 0 && v.compareTo((String) values.get(1)) <= 0;
                }
                for (int i = 0; i < n; i++) {
                    if (ok[codes[i]]) {
                        out.add(ords[i]);
                    }
                }
            }
            case DECIMAL -> {
                for (int i = 0; i < n; i++) {
                    BigDecimal x = decimals[i];
                    boolean pass;
                    if (in) {
                        pass = false;
                        for (Object v : values) {
                            if (((BigDecimal) v).compareTo(x) == 0) {
                                pass = true;
                                break;
                            }
                        }
                    } else {
                        pass = ((BigDecimal) values.get(0)).compareTo(x) <= 0
                                && x.compareTo((BigDecimal) values.get(1)) <= 0;
                    }
                    if (pass) {
                        out.add(ords[i]);
                    }
                }
            }
            case INSTANT -> {
                long[] secs = new long[values.size()];
                int[] ns = new int[values.size()];
                for (int k = 0; k < values.size(); k++) {
                    Instant t = (Instant) values.get(k);
                    secs[k] = t.getEpochSecond();
                    ns[k] = t.getNano();
                }
                for (int i = 0; i < n; i++) {
                    long s = longs[i];
                    int x = nanos[i];
                    boolean pass = false;
                    if (in) {
                        for (int k = 0; k < secs.length; k++) {
                            if (secs[k] == s && ns[k] == x) {
                                pass = true;
                                break;
                            }
                        }
                    } else {
                        pass = compare(secs[0], ns[0], s, x) <= 0 && compare(s, x, secs[1], ns[1]) <= 0;
                    }
                    if (pass) {
                        out.add(ords[i]);
                    }
                }
            }
            default -> {
                long[] vs = new long[values.size()];
                for (int k = 0; k < vs.length; k++) {
                    vs[k] = asLong(values.get(k));
                }
                for (int i = 0; i < n; i++) {
                    long x = longs[i];
                    boolean pass = false;
                    if (in) {
                        for (long v : vs) {
                            if (v == x) {
                                pass = true;
                                break;
                            }
                        }
                    } else {
                        pass = vs[0] <= x && x <= vs[1];
                    }
                    if (pass) {
                        out.add(ords[i]);
                    }
                }
            }
        }
        return out.get();
    }

    private static int compare(long s1, int n1, long s2, int n2) {
        int c = Long.compare(s1, s2);
        return c != 0 ? c : Integer.compare(n1, n2);
    }

    private static long asLong(Object v) {
        if (v instanceof Integer i) {
            return i;
        } else if (v instanceof Long l) {
            return l;
        } else if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (v instanceof LocalDate d) {
            return d.toEpochDay();
        }
        throw new IllegalStateException("not a long-backed attribute value: " + v.getClass());
    }

    /** Collects one key's values, members in ascending ordinal order. */
    static final class Builder {
        private final AttributeKey.Type type;
        private final Bufs.IntBuf ords = new Bufs.IntBuf(16);
        private final Bufs.LongBuf longs = new Bufs.LongBuf(4);
        private final Bufs.IntBuf nanos = new Bufs.IntBuf(4);
        private final Bufs.IntBuf codes = new Bufs.IntBuf(4);
        private final StringDict dict = new StringDict();
        private final List<BigDecimal> decimals = new ArrayList<>(0);

        Builder(AttributeKey.Type type) {
            this.type = type;
        }

        void add(int ord, Object value) {
            ords.add(ord);
            switch (type) {
                case STRING -> codes.add(dict.add((String) value));
                case DECIMAL -> decimals.add((BigDecimal) value);
                case INSTANT -> {
                    Instant t = (Instant) value;
                    longs.add(t.getEpochSecond());
                    nanos.add(t.getNano());
                }
                default -> longs.add(asLong(value));
            }
        }

        /** Copies slot {@code k} of another column of the same key, for the member at {@code ord}. */
        void copy(AttributeColumn from, int k, int ord) {
            ords.add(ord);
            switch (type) {
                case STRING -> codes.add(dict.add(from.dict.value(from.codes[k])));
                case DECIMAL -> decimals.add(from.decimals[k]);
                case INSTANT -> {
                    longs.add(from.longs[k]);
                    nanos.add(from.nanos[k]);
                }
                default -> longs.add(from.longs[k]);
            }
        }

        AttributeColumn build() {
            return new AttributeColumn(this);
        }
    }
}
