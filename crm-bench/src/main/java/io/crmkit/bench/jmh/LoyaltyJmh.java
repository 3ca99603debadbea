package io.crmkit.bench.jmh;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.CouponCodes;
import io.crmkit.loyalty.PointsLedger;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmarks of crm-loyalty: one earn + redeem pair on a random member of a fresh ledger
 * per iteration (one thread and two), and one unique coupon code next to {@code UUID.randomUUID()}.
 * Run with {@code ./crmkit bench jmh LoyaltyJmh}; the 10^6-code and whole-run figures are {@code
 * io.crmkit.bench.LoyaltyBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
public class LoyaltyJmh {
    @Param("100000")
    int members;

    PointsLedger ledger;
    final AtomicLong keys = new AtomicLong();
    final Instant at = Instant.parse("2026-03-01T00:00:00Z");
    final CouponCodes codes = CouponCodes.secure(12);

    /** A fresh ledger per iteration, so ledgers do not grow without bound across the run. */
    @Setup(Level.Iteration)
    public void setUp() {
        ledger = PointsLedger.builder(BrandSettings.ofDefaults()).build();
    }

    /** @return the redeemed entry's sequence */
    @Benchmark
    @Threads(1)
    public long earnAndRedeem() {
        return pair();
    }

    /** @return the redeemed entry's sequence */
    @Benchmark
    @Threads(2)
    public long earnAndRedeemTwoThreads() {
        return pair();
    }

    private long pair() {
        MemberId m = MemberId.of("M" + ThreadLocalRandom.current().nextInt(members));
        long k = keys.incrementAndGet();
        ledger.earn(m, 10, "bench", "e" + k, at);
        return ledger.redeem(m, 7, "bench", "r" + k, at).sequence();
    }

    /** @return a code */
    @Benchmark
    public String couponCode() {
        return codes.next();
    }

    /** @return a random UUID, the comparison */
    @Benchmark
    public UUID uuid() {
        return UUID.randomUUID();
    }
}
