package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.internal.bulk.BulkPredicate;
import io.crmkit.segmentation.internal.bulk.ColumnarSnapshot;
import io.crmkit.segmentation.internal.bulk.RfmPass;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The cut points of one RFM run ({@link RfmTable#calibration()}), to score any member the way that
 * run did, at any instant, one member at a time or in bulk; and a segment condition on RFM scores.
 * Brands score nightly: the run fixes where the score boundaries lie in the member population, and
 * segments, journeys and live membership place each member's current values between them.
 *
 * <pre>{@code
 * RfmCalibration rfm = snapshot.rfm(model, now).calibration();
 * SegmentCatalog catalog = SegmentCatalog.builder().predicate(rfm.predicate("rfm")).build();
 * Condition atRisk = Where.custom("rfm", Map.of("segment", "At Risk"));
 * Condition recentBig = Where.custom("rfm", Map.of("r", "4-5", "m", "5"));
 * }</pre>
 *
 * <p>Scoring: R, F and M values as {@link RfmModel} defines them; a value scores one plus the number
 * of cut points it beats. For NTILE a cut is the (value, member id) of the last member of a group,
 * so members of the calibrating snapshot, unchanged, get exactly their scores of the run; for
 * QUANTILE the cuts are the k-quantiles; for FIXED the brand's thresholds. A member with no purchase
 * in the window has no scores and never matches.
 *
 * <p>Parameters of the predicate: {@code segment} (a segment of the model), or any of {@code r},
 * {@code f}, {@code m} as a score {@code "5"} or an inclusive range {@code "3-5"}.
 */
public final class RfmCalibration {
    private final RfmModel model;
    private final BrandSettings brand;
    private final long[][] cuts;
    private final MemberId[][] cutIds;

    RfmCalibration(RfmModel model, BrandSettings brand, long[][] cuts, MemberId[][] cutIds) {
        this.model = model;
        this.brand = brand;
        this.cuts = cuts;
        this.cutIds = cutIds;
    }

    /** @return the model */
    public RfmModel model() {
        return model;
    }

    /**
     * @param view a member's view (its stats need not be as of {@code asOf}: the orders are read)
     * @param asOf the as-of instant
     * @return the member's scores; empty without a purchase in the model's window
     * @throws io.crmkit.core.CurrencyMismatchException if an order that counts is in another currency
     */
    public Optional<RfmScore> score(MemberView view, Instant asOf) {
        TimeRange range = model.window().range(asOf, brand);
        MemberStats s = MemberStats.of(view.orders(), range, asOf, brand);
        if (s.orderCount() == 0) {
            return Optional.empty();
        }
        MemberId id = view.member().id();
        int recency = (int) s.daysSinceLastPurchase().orElseThrow();
        long f = model.frequency() == RfmModel.Frequency.ORDERS ? s.orderCount() : s.purchaseDays();
        Money m = model.monetary() == RfmModel.Monetary.TOTAL
                ? s.netSpend()
                : s.netSpend().dividedBy(s.orderCount(), RoundingMode.HALF_EVEN);
        int rs = RfmPass.place(-(long) recency, id, cuts[0], cutIds[0]);
        int fs = RfmPass.place(f, id, cuts[1], cutIds[1]);
        int ms = RfmPass.place(m.minorUnits(), id, cuts[2], cutIds[2]);
        return Optional.of(new RfmScore(id, recency, f, m, rs, fs, ms, model.segmentOf(rs, fs, ms)));
    }

    /**
     * @param name the name conditions use, e.g. {@code "rfm"}
     * @return a predicate to register in a {@link SegmentCatalog}; evaluated on the columns in bulk
     */
    public CustomPredicate predicate(String name) {
        return new Predicate(name);
    }

    private static final Set<String> PARAMS = Set.of("segment", "r", "f", "m");

    /** The parameters, checked: {segment index or -1, rMin, rMax, fMin, fMax, mMin, mMax}. */
    private int[] parse(Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!PARAMS.contains(key)) {
                throw new InvalidValueException(
                        "params." + key, "unknown parameter; an rfm condition takes segment, r, f, m");
            }
        }
        if (params.isEmpty()) {
            throw new InvalidValueException("params", "an rfm condition needs segment, or r, f or m");
        }
        int k = model.scores();
        int[] out = {-1, 1, k, 1, k, 1, k};
        String segment = params.get("segment");
        if (segment != null) {
            if (params.size() > 1) {
                throw new InvalidValueException("params.segment", "cannot be combined with r, f or m");
            }
            for (int i = 0; i < model.segments().size(); i++) {
                if (model.segments().get(i).name().equals(segment)) {
                    out[0] = i;
                }
            }
            if (out[0] < 0) {
                throw new InvalidValueException(
                        "params.segment",
                        "\"" + segment + "\" is not a segment of the model; it has "
                                + model.segments().stream()
                                        .map(RfmSegmentRule::name)
                                        .toList());
            }
        }
        range(params, "r", out, 1, k);
        range(params, "f", out, 3, k);
        range(params, "m", out, 5, k);
        return out;
    }

    private static void range(Map<String, String> params, String key, int[] out, int at, int k) {
        String v = params.get(key);
        if (v == null) {
            return;
        }
        String[] parts = v.split("-", -1);
        try {
            int lo = Integer.parseInt(parts[0].trim());
            int hi = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : lo;
            if (parts.length > 2 || lo < 1 || hi > k || lo > hi) {
                throw new NumberFormatException();
            }
            out[at] = lo;
            out[at + 1] = hi;
        } catch (NumberFormatException e) {
            throw new InvalidValueException(
                    "params." + key, "\"" + v + "\" is not a score or range within 1.." + k + " such as \"4-5\"");
        }
    }

    private boolean matches(int[] p, int r, int f, int m) {
        if (p[0] >= 0) {
            return model.segments()
                    .get(p[0])
                    .name()
                    .equals(model.segmentOf(r, f, m).orElse(null));
        }
        return r >= p[1] && r <= p[2] && f >= p[3] && f <= p[4] && m >= p[5] && m <= p[6];
    }

    /** Day columns are in the snapshot's zone; the calibration's days must be counted in the same one. */
    static void sameZone(BrandSettings snapshot, BrandSettings calibration) {
        if (!snapshot.zone().equals(calibration.zone())) {
            throw new io.crmkit.segmentation.SegmentationException("a calibration made in zone " + calibration.zone()
                    + " cannot be evaluated on a snapshot in zone " + snapshot.zone() + "; calibrate again");
        }
    }

    private record Parsed(Map<String, String> params, int[] parsed) {}

    private final class Predicate implements CustomPredicate, BulkPredicate {
        private final String name;

        Predicate(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void validate(Map<String, String> params) {
            parse(params);
        }

        /** The last parameters parsed: a condition passes the same map for every member it tests. */
        private volatile Parsed last = new Parsed(Map.of(), new int[0]);

        @Override
        public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
            Parsed l = last;
            int[] p;
            if (l.params() == params) {
                p = l.parsed();
            } else {
                p = parse(params);
                last = new Parsed(params, p);
            }
            return score(member, asOf).map(s -> matches(p, s.r(), s.f(), s.m())).orElse(false);
        }

        @Override
        public RoaringBitmap filter(
                ColumnarSnapshot snap, Map<String, String> params, Instant asOf, RoaringBitmap candidates) {
            int[] p = parse(params);
            sameZone(snap.brand(), brand);
            return RfmPass.filter(
                    snap,
                    model.window().range(asOf, brand),
                    asOf,
                    model.frequency() == RfmModel.Frequency.PURCHASE_DAYS,
                    model.monetary() == RfmModel.Monetary.AVERAGE,
                    cuts,
                    cutIds,
                    (r, f, m) -> matches(p, r, f, m),
                    candidates);
        }

        @Override
        public String toString() {
            return "rfm predicate " + name + " " + model + " cuts " + Arrays.deepToString(cuts);
        }
    }
}
