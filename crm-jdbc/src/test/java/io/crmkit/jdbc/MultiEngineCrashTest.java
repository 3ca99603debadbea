package io.crmkit.jdbc;

import static io.crmkit.automation.CrashHarness.END;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.CrashHarness;
import io.crmkit.automation.CrashHarness.Fuse;
import io.crmkit.automation.CrashHarness.FusedBatchingStore;
import io.crmkit.automation.CrashHarness.FusedStore;
import io.crmkit.automation.CrashHarness.Pace;
import io.crmkit.automation.CrashHarness.Run;
import io.crmkit.automation.CrashHarness.Shop;
import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.JourneyStateStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Several journey engines with different owner names share ONE PostgreSQL journey store and take
 * turns over one event stream; each is killed at random points (before any store write, before a
 * gateway call and right after one) and restarted from the store with its owner name. Compared with a
 * reference run of one engine on a fresh schema (and that one with the in-memory store): the same
 * effects with the same content, a gateway called again only for keys whose outcome a crash left
 * unknown, every instance in the same final state, no timer lost, no pending intent left.
 *
 * <p>The shop, the journeys, the fuse, the fused stores, the gateways and the run loop are
 * crm-automation's {@link CrashHarness} (its test-jar), with a smaller shop than its {@code CrashTest}
 * so that three PostgreSQL runs take well under a minute.
 */
class MultiEngineCrashTest {
    private static final int MEMBERS = 500;
    private static final int ENGINES = 3;
    private static final int CRASHES = 300;
    /** The engines' batch size: with a batching store, a crash repeats at most one batch of gateway calls. */
    private static final int BATCH = 16;

    /**
     * Runs the shop's events through {@code engines} engines (owners {@code node-0}, {@code node-1}, ...)
     * on one store, the engine for each event chosen at random (seeded); an engine that crashes is
     * replaced by a new one with its owner name, which handles the event again.
     */
    static Run run(
            Shop shop, JourneyStateStore shared, int engines, TreeSet<Long> crashAt, long seed, boolean batching) {
        Fuse fuse = new Fuse(crashAt);
        JourneyStateStore store = batching
                ? new FusedBatchingStore((BatchingJourneyStateStore) shared, fuse)
                : new FusedStore(shared, fuse); // hides the batch methods: one call per write
        return CrashHarness.run(
                shop,
                Pace.TICKS,
                store,
                fuse,
                engines,
                seed,
                (b, k) -> b.owner("node-" + k).batchSize(BATCH));
    }

    @Test
    void threeEnginesOnOneDatabaseKilledAtRandomPointsChangeNothing() throws SQLException {
        check(false);
    }

    /** The same with the engines' batch path: reads per batch, one transaction per batch of writes. */
    @Test
    void threeBatchingEnginesKilledAtRandomPointsChangeNothing() throws SQLException {
        check(true);
    }

    private static void check(boolean batching) throws SQLException {
        String mode = batching ? "batches" : "single";
        Shop shop = CrashHarness.shop(7, MEMBERS);

        InMemoryJourneyStateStore memory = (InMemoryJourneyStateStore) JourneyStateStore.inMemory();
        Run inMemory = run(shop, memory, 1, new TreeSet<>(), 1, false);

        PostgresJourneyStateStore refStore = Db.fresh("crash_reference_" + mode).journeys();
        Run reference = run(shop, refStore, 1, new TreeSet<>(), 1, batching);
        long ops = reference.fuse().ops();
        assertThat(reference.outside().delivered()).hasSizeGreaterThan(700);
        // the PostgreSQL store behaves as the in-memory one
        assertThat(reference.outside().delivered()).isEqualTo(inMemory.outside().delivered());
        assertThat(reference.outside().calls()).isEqualTo(inMemory.outside().calls());
        Map<String, String> expected = states(refStore);
        assertThat(expected).isEqualTo(CrashHarness.states(memory));

        Random r = new Random(11);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < CRASHES) {
            points.add(1 + (long) (r.nextDouble() * ops));
        }
        PostgresJourneyStateStore sharedStore = Db.fresh("crash_multi_" + mode).journeys();
        Run crashed = run(shop, sharedStore, ENGINES, points, 5, batching);

        assertThat(crashed.restarts()).isEqualTo(CRASHES);
        for (int turns : crashed.turns()) {
            assertThat(turns)
                    .as("every engine took turns")
                    .isGreaterThan(shop.events().size() / (2 * ENGINES));
        }
        // the same effects, with the same content
        assertThat(crashed.outside().delivered()).isEqualTo(reference.outside().delivered());
        // a gateway is called again for a key only after a crash left its outcome unknown: at most the
        // one call in flight (one call per write), or one batch's calls (a batch's records are lost with it)
        long repeats = crashed.outside().repeats();
        long referenceRepeats = reference.outside().repeats();
        assertThat(repeats - referenceRepeats).isBetween(0L, (long) crashed.restarts() * (batching ? BATCH : 1));
        System.out.printf(
                "MultiEngineCrashTest (%s): %d members, %d events, %d store writes and gateway calls, %d effects,"
                        + " %d engines with turns %s, %d crashes, %d gateway calls repeated beyond the reference%n",
                mode,
                MEMBERS,
                shop.events().size(),
                ops,
                reference.outside().delivered().size(),
                ENGINES,
                java.util.Arrays.toString(crashed.turns()),
                crashed.restarts(),
                repeats - referenceRepeats);
        // no timer lost: every instance ends in the same state, nothing is left due before the end
        assertThat(states(sharedStore)).isEqualTo(expected);
        sharedStore.nextDue().ifPresent(t -> assertThat(t).isAfter(END));
        // the effect log agrees with what the gateways saw; no pending intent is left
        Map<String, String> log = effects(sharedStore);
        assertThat(log).hasSameSizeAs(effects(refStore));
        log.forEach((key, status) -> {
            assertThat(status).as(key).isNotEqualTo("PENDING");
            assertThat(crashed.outside().delivered().containsKey(key)).as(key).isEqualTo(status.equals("DONE"));
        });
    }

    private static List<String> column(PostgresJourneyStateStore s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql.replace("$s", s.schema()))) {
            while (rs.next()) {
                out.add(rs.getString(1) + (rs.getMetaData().getColumnCount() > 1 ? " " + rs.getString(2) : ""));
            }
        }
        return out;
    }

    /** Every instance's final state, read back through the store. */
    private static Map<String, String> states(PostgresJourneyStateStore s) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        for (String id : column(s, "SELECT instance_id FROM $s.journey_instance")) {
            m.put(id, CrashHarness.state(s.find(id).orElseThrow()));
        }
        return m;
    }

    private static Map<String, String> effects(PostgresJourneyStateStore s) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        for (String row : column(s, "SELECT effect_key, status FROM $s.journey_effect")) {
            int sp = row.lastIndexOf(' ');
            m.put(row.substring(0, sp), row.substring(sp + 1));
        }
        return m;
    }
}
