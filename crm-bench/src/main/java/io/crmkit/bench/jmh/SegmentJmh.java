package io.crmkit.bench.jmh;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.gender;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.spend;
import static io.crmkit.segmentation.Where.tagged;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Gender;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentEngine;
import io.crmkit.segmentation.Snapshot;
import io.crmkit.segmentation.Window;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmarks of the segment engine and the classifiers on a generated shop: the 5-clause
 * count (as of "now", which reuses cached columns, and cold at a new as-of each call), one member's
 * re-test, and RFM + NAPL for every member. Run with {@code ./crmkit bench jmh} (JMH's own options
 * follow, e.g. {@code -p members=1000000 -f 1}); the side-by-side DuckDB comparisons are {@code
 * ./crmkit bench segments} and {@code ./crmkit bench rfm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class SegmentJmh {
    @Param("200000")
    int members;

    Crm crm;
    Snapshot snapshot;
    SegmentEngine engine;
    Condition fiveClauses;
    Instant asOf;
    MemberView view;
    long cold;
    final RfmModel rfm = RfmModel.ofDefaults();
    final LifecycleModel napl = LifecycleModel.napl().build();

    /** Generates the shop and builds the snapshot once per fork. */
    @Setup(Level.Trial)
    public void setUp() {
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(42)
                .interactions(false)
                .build();
        crm = Crm.inMemory(config.brand());
        java.util.Iterator<GeneratedMember> it =
                ShopGenerator.of(config).members().iterator();
        while (it.hasNext()) {
            GeneratedMember g = it.next();
            crm.members().save(g.member());
            crm.orders().upsertAll(g.orders());
        }
        asOf = config.end().minusSeconds(1);
        snapshot = Snapshot.of(crm, SegmentCatalog.empty());
        engine = SegmentEngine.of(crm, SegmentCatalog.empty());
        fiveClauses = allOf(
                spend(Window.lastDays(365))
                        .atLeast(Money.of(3_000, config.brand().currency())),
                daysSinceLastPurchase().moreThan(30),
                gender(Gender.FEMALE),
                reachableBy(ContactChannel.EMAIL),
                not(tagged("marketplace:shopee")));
        MemberId someone = crm.members().scan(null, 1).get(0).id();
        view = crm.view(someone, asOf).orElseThrow();
    }

    /** The count as of now: after the snapshot's last order, order measures come from the cache. */
    @Benchmark
    public long fiveClauseCountAsOfNow() {
        return snapshot.count(fiveClauses, asOf);
    }

    /** The count at an as-of never seen before (a second earlier each call): computed afresh. */
    @Benchmark
    public long fiveClauseCountCold() {
        return snapshot.count(fiveClauses, asOf.minusSeconds(86_400 + ++cold));
    }

    /** One member's re-test with its view in hand (the per-member path). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean retest() {
        return engine.test(fiveClauses, view);
    }

    /** RFM (NTILE 5, all time) and NAPL stages for every member, at an as-of never seen before. */
    @Benchmark
    public long rfmAndLifecycleCold() {
        Instant at = asOf.minusSeconds(86_400 + ++cold);
        return snapshot.rfm(rfm, at).scored()
                + snapshot.lifecycle(napl, at).counts().size();
    }
}
