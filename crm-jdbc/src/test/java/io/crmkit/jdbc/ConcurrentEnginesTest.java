package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.Entry;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Engines on threads, sharing one PostgreSQL journey store, tick at the same time over the same due
 * instances: the leases (claimDue's {@code FOR UPDATE SKIP LOCKED}, kept while an instance is running
 * between two actions) make every instance run on one engine at a time, so no version conflict is
 * thrown and every gateway sees each key exactly once.
 */
class ConcurrentEnginesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    private static final int MEMBERS = 600;
    private static final int ENGINES = 3;

    @Test
    void enginesTickingTogetherRunEachInstanceOnceAtATime() throws Exception {
        PostgresStores stores = Db.fresh("concurrent_engines");
        PostgresJourneyStateStore store = stores.journeys();
        Crm crm = Crm.inMemory(BrandSettings.ofDefaults());
        List<JourneyEvent> events = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Member m = crm.members()
                    .save(Member.builder(MemberId.of(String.format("M%05d", i)), T0.plusMillis(i))
                            .email(Email.parse("m" + i + "@example.com"))
                            .consent(Consent.optIn(ContactChannel.EMAIL, T0, "signup"))
                            .build());
            events.add(JourneyEvent.registered(m));
        }
        // two actions in a row: the engine stores the instance as RUNNING between them
        Journey journey = Journey.builder("together")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("wait", Duration.ofDays(1)))
                .step(Step.send("a", ContactChannel.EMAIL, "a"))
                .step(Step.send("b", ContactChannel.EMAIL, "b"))
                .step(Step.waitFor("hour", Duration.ofHours(1)))
                .step(Step.send("c", ContactChannel.EMAIL, "c"))
                .build();
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        JourneyEngine[] engines = new JourneyEngine[ENGINES];
        for (int k = 0; k < ENGINES; k++) {
            engines[k] = JourneyEngine.builder(crm)
                    .store(store)
                    .owner("node-" + k)
                    .batchSize(7)
                    .messages(msg -> calls.merge(msg.key(), 1, Integer::sum))
                    .build();
            engines[k].deploy(journey);
        }
        onThreads(k -> {
            for (int i = k; i < MEMBERS; i += ENGINES) {
                engines[k].publish(events.get(i));
            }
        });
        int[] ran = new int[ENGINES];
        Instant day = T0.plus(Duration.ofDays(1)).plusSeconds(1);
        onThreads(k -> ran[k] += engines[k].tick(day));
        Instant later = day.plus(Duration.ofHours(2));
        onThreads(k -> ran[k] += engines[k].tick(later));

        assertThat(calls).hasSize(3 * MEMBERS);
        assertThat(calls.values()).allMatch(n -> n == 1);
        assertThat(ran[0] + ran[1] + ran[2]).isEqualTo(2 * MEMBERS);
        assertThat(java.util.Arrays.stream(ran).min().orElseThrow()).isPositive(); // the engines shared the work
        try (Connection c = Db.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE status = 'DONE' AND lease_owner IS NULL),"
                        + " count(*) FROM concurrent_engines.journey_instance")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(MEMBERS);
            assertThat(rs.getInt(2)).isEqualTo(MEMBERS);
        }
        assertThat(store.nextDue()).isEmpty();
    }

    private interface Part {
        void run(int k) throws Exception;
    }

    /** Runs the parts on {@link #ENGINES} threads started together; rethrows the first failure. */
    private static void onThreads(Part part) throws Exception {
        CyclicBarrier start = new CyclicBarrier(ENGINES);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < ENGINES; k++) {
            int kk = k;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    part.run(kk);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("an engine failed: " + failures.get(0), failures.get(0));
        }
    }
}
