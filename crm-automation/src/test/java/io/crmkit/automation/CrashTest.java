package io.crmkit.automation;

import static io.crmkit.automation.CrashHarness.END;
import static io.crmkit.automation.CrashHarness.states;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.CrashHarness.Fuse;
import io.crmkit.automation.CrashHarness.FusedStore;
import io.crmkit.automation.CrashHarness.Pace;
import io.crmkit.automation.CrashHarness.Run;
import io.crmkit.automation.CrashHarness.Shop;
import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Kills the engine at 1,200 random points (before any store write or gateway call, and right after a
 * gateway call) over a run of 2,000 members, restarts it from the store each time, and compares with
 * a run without crashes: the same effects, none carried out twice, no timer lost, every instance in
 * the same final state. The harness is {@link CrashHarness}.
 */
class CrashTest {
    private static final int MEMBERS = 2000;
    private static final int CRASHES = 1200;

    /** A run of one engine on the in-memory store, and that store. */
    record Crashed(Run run, InMemoryJourneyStateStore memory, FusedStore store) {}

    static Crashed run(Shop shop, TreeSet<Long> crashAt) {
        Fuse fuse = new Fuse(crashAt);
        InMemoryJourneyStateStore memory = new InMemoryJourneyStateStore();
        FusedStore store = new FusedStore(memory, fuse);
        Run run = CrashHarness.run(shop, Pace.TIMERS, store, fuse, 1, 0, (b, k) -> {});
        return new Crashed(run, memory, store);
    }

    @Test
    void restartsAtAThousandRandomPointsChangeNothing() {
        Shop shop = CrashHarness.shop(7, MEMBERS);
        Crashed reference = run(shop, new TreeSet<>());
        long ops = reference.run().fuse().ops();
        assertThat(reference.run().outside().delivered()).hasSizeGreaterThan(3000);

        Random r = new Random(11);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < CRASHES) {
            points.add(1 + (long) (r.nextDouble() * ops));
        }
        Crashed crashed = run(shop, points);

        assertThat(crashed.run().restarts()).isEqualTo(CRASHES);
        // the same effects, with the same content
        assertThat(crashed.run().outside().delivered())
                .isEqualTo(reference.run().outside().delivered());
        // a gateway is called again for a key only after a crash left its outcome unknown
        long repeats = crashed.run().outside().repeats();
        long referenceRepeats = reference.run().outside().repeats();
        assertThat(repeats - referenceRepeats)
                .isBetween(0L, (long) crashed.run().restarts());
        System.out.printf(
                "CrashTest: %d members, %d events, %d store writes and gateway calls, %d effects, %d crashes,"
                        + " %d gateway calls repeated beyond the reference%n",
                MEMBERS,
                shop.events().size(),
                ops,
                reference.run().outside().delivered().size(),
                crashed.run().restarts(),
                repeats - referenceRepeats);
        // no timer lost: every instance ends in the same state, nothing is left due before the end
        Map<String, String> a = states(reference.memory());
        Map<String, String> b = states(crashed.memory());
        assertThat(b).isEqualTo(a);
        crashed.store().nextDue().ifPresent(t -> assertThat(t).isAfter(END));
        // the effect log agrees with what the gateways saw
        for (EffectRecord e : crashed.memory().effects()) {
            assertThat(e.status()).isNotEqualTo(EffectRecord.Status.PENDING);
            assertThat(crashed.run().outside().delivered().containsKey(e.key()))
                    .as(e.key())
                    .isEqualTo(e.status() == EffectRecord.Status.DONE);
        }
    }
}
