package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.segmentation.internal.bulk.RfmPass;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * The RFM scores of every member of a {@link Snapshot} as of an instant, from one bulk pass: per
 * member values and scores, the k×k×k count grid, segment sizes, and the members of a segment or a
 * score range as a {@link MemberSet}.
 *
 * <pre>{@code
 * RfmTable table = snapshot.rfm(RfmModel.ofDefaults(), now);
 * table.scored();                         // members with a purchase in the window
 * table.count(5, 5, 5);                   // how many scored 555
 * table.segmentCounts();                  // {Champions=…, Loyal=…, …}
 * MemberSet atRisk = table.members("At Risk");
 * for (RfmScore s : table) { ... }        // in member id order
 * }</pre>
 */
public final class RfmTable implements Iterable<RfmScore> {
    private final Snapshot snapshot;
    private final RfmModel model;
    private final Instant asOf;
    private final RfmPass pass;
    private final Currency currency;
    /** Segment index per population index; -1 for none. */
    private final byte[] segment;

    private final String[] names;

    private final io.crmkit.core.BrandSettings brand;

    RfmTable(Snapshot snapshot, RfmModel model, Instant asOf, RfmPass pass, io.crmkit.core.BrandSettings brand) {
        this.brand = brand;
        Currency currency = brand.currency();
        this.snapshot = snapshot;
        this.model = model;
        this.asOf = asOf;
        this.pass = pass;
        this.currency = currency;
        int k = model.scores();
        names = model.segments().stream().map(RfmSegmentRule::name).toArray(String[]::new);
        byte[] lut = new byte[(k + 1) * 100];
        for (int r = 1; r <= k; r++) {
            for (int f = 1; f <= k; f++) {
                for (int m = 1; m <= k; m++) {
                    lut[r * 100 + f * 10 + m] = (byte) index(model, r, f, m);
                }
            }
        }
        int n = pass.population.length;
        segment = new byte[n];
        for (int i = 0; i < n; i++) {
            segment[i] = lut[pass.r[i] * 100 + pass.f[i] * 10 + pass.m[i]];
        }
    }

    private static int index(RfmModel model, int r, int f, int m) {
        int i = 0;
        for (RfmSegmentRule rule : model.segments()) {
            if (rule.matches(r, f, m)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * @return this run's cut points, to score any member the same way at any instant and to use RFM
     *     scores and segments in segment conditions. With fewer scored members than scores, the
     *     higher scores stay empty for later members too
     * @throws InvalidValueException if no member has a purchase in the window (nothing to calibrate on)
     */
    public RfmCalibration calibration() {
        if (pass.population.length == 0) {
            throw new InvalidValueException(
                    "rfm",
                    "no member has a purchase in the window as of " + asOf
                            + ": a calibration needs members to place the score boundaries between");
        }
        MemberId[][] ids = new MemberId[3][];
        long[][] cuts = new long[3][];
        for (int d = 0; d < 3; d++) {
            cuts[d] = pass.cutValue[d].clone();
            ids[d] = new MemberId[cuts[d].length];
            for (int j = 0; j < cuts[d].length; j++) {
                int ordinal = pass.cutOrdinal[d][j];
                ids[d][j] = ordinal < 0 ? null : snapshot.columns().id(ordinal);
            }
        }
        return new RfmCalibration(model, brand, cuts, ids);
    }

    /** @return the model */
    public RfmModel model() {
        return model;
    }

    /** @return the as-of instant */
    public Instant asOf() {
        return asOf;
    }

    /** @return the snapshot */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** @return how many members have scores: those with a purchase in the window */
    public int scored() {
        return pass.population.length;
    }

    /** @return how many members have no scores: no purchase in the window as of the as-of instant */
    public int unscored() {
        return snapshot.size() - pass.population.length;
    }

    /**
     * @param id a member id
     * @return the member's scores; empty if the member is not in the snapshot or has no purchase in
     *     the window
     */
    public Optional<RfmScore> score(MemberId id) {
        int ordinal = snapshot.columns().ordinal(id);
        if (ordinal < 0) {
            return Optional.empty();
        }
        int i = Arrays.binarySearch(pass.population, ordinal);
        return i < 0 ? Optional.empty() : Optional.of(row(i));
    }

    private RfmScore row(int i) {
        int s = segment[i];
        return new RfmScore(
                snapshot.columns().id(pass.population[i]),
                pass.recency[i],
                pass.frequency[i],
                Money.ofMinor(pass.monetary[i], currency),
                pass.r[i],
                pass.f[i],
                pass.m[i],
                s < 0 ? Optional.empty() : Optional.of(names[s]));
    }

    /**
     * @param r an R score
     * @param f an F score
     * @param m an M score
     * @return how many members have exactly these scores
     */
    public long count(int r, int f, int m) {
        grid();
        long[] g = grid;
        int k = model.scores();
        if (r < 1 || r > k || f < 1 || f > k || m < 1 || m > k) {
            throw new InvalidValueException("rfm score", "must be 1.." + k + ", was " + r + "," + f + "," + m);
        }
        return g[((r - 1) * k + (f - 1)) * k + (m - 1)];
    }

    /**
     * @return the counts of every (R, F, M), flattened: index {@code ((r-1)·k + (f-1))·k + (m-1)};
     *     k³ cells (125 for 5 scores) that sum to {@link #scored()}
     */
    public long[] grid() {
        long[] g = grid;
        if (g == null) {
            int k = model.scores();
            g = new long[k * k * k];
            for (int i = 0; i < pass.population.length; i++) {
                g[((pass.r[i] - 1) * k + (pass.f[i] - 1)) * k + (pass.m[i] - 1)]++;
            }
            grid = g;
        }
        return g.clone();
    }

    private volatile long @org.jspecify.annotations.Nullable [] grid;

    /** @return the number of members in each segment, in the model's rule order (empty ones included) */
    public Map<String, Long> segmentCounts() {
        long[] c = new long[names.length];
        for (byte s : segment) {
            if (s >= 0) {
                c[s]++;
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], c[i]);
        }
        return out;
    }

    /**
     * @param segmentName a segment of the model
     * @return its members
     * @throws InvalidValueException if the model has no such segment
     */
    public MemberSet members(String segmentName) {
        int want = -1;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(segmentName)) {
                want = i;
            }
        }
        if (want < 0) {
            throw new InvalidValueException(
                    "segment",
                    "\"" + segmentName + "\" is not a segment of the model; it has " + Arrays.toString(names));
        }
        RoaringBitmap out = new RoaringBitmap();
        for (int i = 0; i < segment.length; i++) {
            if (segment[i] == want) {
                out.add(pass.population[i]);
            }
        }
        return new MemberSet(snapshot, out);
    }

    /**
     * @param rMin lowest R
     * @param rMax highest R
     * @param fMin lowest F
     * @param fMax highest F
     * @param mMin lowest M
     * @param mMax highest M
     * @return the members whose scores are in all three ranges
     */
    public MemberSet members(int rMin, int rMax, int fMin, int fMax, int mMin, int mMax) {
        RoaringBitmap out = new RoaringBitmap();
        for (int i = 0; i < pass.population.length; i++) {
            int r = pass.r[i];
            int f = pass.f[i];
            int m = pass.m[i];
            if (r >= rMin && r <= rMax && f >= fMin && f <= fMax && m >= mMin && m <= mMax) {
                out.add(pass.population[i]);
            }
        }
        return new MemberSet(snapshot, out);
    }

    /** @return the members with scores */
    public MemberSet scoredMembers() {
        return new MemberSet(snapshot, RoaringBitmap.bitmapOf(pass.population));
    }

    /** @return the scores of every scored member, in member id order */
    @Override
    public Iterator<RfmScore> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < pass.population.length;
            }

            @Override
            public RfmScore next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return row(i++);
            }
        };
    }
}
