package io.crmkit.bench;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponCodes;
import io.crmkit.loyalty.CouponService;
import io.crmkit.loyalty.InsufficientPointsException;
import io.crmkit.loyalty.PointsLedger;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loyalty figures with a same-process comparison, best of {@code runs}: unique coupon codes
 * (SecureRandom + check character, deduplicated) against {@code UUID.randomUUID()} (also
 * SecureRandom); issuing coupons into the in-memory store; points ledger earn + redeem pairs on
 * one and on all cores against a bare {@code ConcurrentHashMap} balance counter (the floor: no
 * ledger, no idempotency, no expiry).
 *
 * <pre>{@code
 * ./mvnw -B -q -DskipTests -Dspotless.check.skip -Djacoco.skip -pl crm-bench -am package
 * java -cp crm-bench/target/classes:$(cat crm-bench/target/classpath.txt) io.crmkit.bench.LoyaltyBench 1000000 3
 * }</pre>
 */
public final class LoyaltyBench {
    private LoyaltyBench() {}

    /**
     * @param args [codes (default 1,000,000)] [runs (default 3)]
     */
    public static void main(String[] args) throws Exception {
        int codes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "loyalty bench: %,d codes, best of %d runs, %d cores, Java %s%n",
                codes,
                runs,
                threads,
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-44s %14s %14s %8s%n", "workload", "crmkit", "comparison", "ratio");

        double gen = best(runs, () -> {
            Set<String> s = CouponCodes.secure(12).distinct(codes);
            check(s.size() == codes);
        });
        double uuid = best(runs, () -> {
            Set<String> s = new HashSet<>(codes * 2);
            for (int i = 0; i < codes; i++) {
                s.add(UUID.randomUUID().toString());
            }
            check(s.size() == codes);
        });
        row(String.format(Locale.ROOT, "%,d unique codes (vs UUID.randomUUID)", codes), gen, uuid, "s");

        BrandSettings brand = BrandSettings.ofDefaults();
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        double issue = best(runs, () -> {
            CouponService coupons = CouponService.builder(brand).build();
            CampaignId id = CampaignId.of("bench");
            coupons.define(CouponCampaign.builder(id, "bench")
                    .valid(t, t.plusSeconds(86_400 * 30))
                    .budget(codes)
                    .build());
            for (int i = 0; i < codes; i++) {
                coupons.issue(id, MemberId.of("M" + i), "k" + i, t);
            }
            check(coupons.report(id, t).issued() == codes);
        });
        row(String.format(Locale.ROOT, "issue %,d coupons (vs generating the codes)", codes), issue, gen, "s");

        int members = 100_000;
        int pairs = 1_000_000;
        for (int th : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            double ledger = best(runs, () -> ledgerRun(members, pairs, th, brand, t));
            double floor = best(runs, () -> counterRun(members, pairs, th));
            System.out.printf(
                    Locale.ROOT,
                    "%-44s %,11.0f /s %,11.0f /s %8.1f%n",
                    "ledger earn+redeem, " + th + " thread(s) (vs counter)",
                    2 * pairs / ledger,
                    2 * pairs / floor,
                    ledger / floor);
        }
    }

    private static void ledgerRun(int members, int pairs, int threads, BrandSettings brand, Instant t) {
        PointsLedger ledger = PointsLedger.builder(brand).build();
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int me = k;
            ts[k] = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(me);
                for (int i = me; i < pairs; i += threads) {
                    MemberId m = MemberId.of("M" + r.nextInt(members));
                    ledger.earn(m, 10, "bench", "e" + i, t);
                    try {
                        ledger.redeem(m, 7, "bench", "r" + i, t);
                    } catch (InsufficientPointsException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            ts[k].start();
        }
        join(ts);
    }

    private static void counterRun(int members, int pairs, int threads) {
        ConcurrentHashMap<MemberId, AtomicLong> balances = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, Boolean> keys = new ConcurrentHashMap<>();
        Thread[] ts = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            int me = k;
            ts[k] = new Thread(() -> {
                java.util.SplittableRandom r = new java.util.SplittableRandom(me);
                for (int i = me; i < pairs; i += threads) {
                    MemberId m = MemberId.of("M" + r.nextInt(members));
                    AtomicLong b = balances.computeIfAbsent(m, x -> new AtomicLong());
                    if (keys.putIfAbsent("e" + i, true) == null) {
                        b.addAndGet(10);
                    }
                    if (keys.putIfAbsent("r" + i, true) == null) {
                        b.addAndGet(-7);
                    }
                }
            });
            ts[k].start();
        }
        join(ts);
    }

    private static void join(Thread[] ts) {
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void row(String what, double a, double b, String unit) {
        System.out.printf(Locale.ROOT, "%-44s %12.3f %s %12.3f %s %8.2f%n", what, a, unit, b, unit, a / b);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a bench run produced a wrong result");
        }
    }

    /** @return the best wall time in seconds */
    private static double best(int runs, Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            System.gc();
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
