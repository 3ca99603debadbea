package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyInstance.Outcome;
import io.crmkit.automation.spi.JourneyInstance.Status;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link JourneyStateStore}: atomic entries under the re-entry policy, scheduled
 * entries, compare-and-set updates, due timers in order with leases, live instances per member, the
 * effect log and cursors. An adapter's test extends this class and returns a fresh, empty store.
 *
 * <pre>{@code
 * class PgJourneyStateStoreTest extends JourneyStateStoreContract {
 *     @Override
 *     protected JourneyStateStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().journeys();
 *     }
 * }
 * }</pre>
 */
public abstract class JourneyStateStoreContract {
    /** The zone the re-entry periods are counted in. */
    protected static final ZoneId ZONE = ZoneId.of("Asia/Taipei");

    private static final JourneyId J = JourneyId.of("survey");
    private static final MemberId M = MemberId.of("M-1");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private JourneyStateStore store;

    /** @return a new, empty store */
    protected abstract JourneyStateStore newStore();

    @BeforeEach
    void fresh() {
        store = newStore();
    }

    /**
     * @param entryKey the entry key
     * @param at entered at, and due at
     * @return a running instance, version 1
     */
    protected static JourneyInstance running(String entryKey, Instant at) {
        return new JourneyInstance(
                JourneyInstance.idOf(J, M, entryKey),
                J,
                1,
                M,
                entryKey,
                at,
                Status.RUNNING,
                "s1",
                at,
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                1);
    }

    private static JourneyInstance scheduled(String entryKey, Instant at) {
        return new JourneyInstance(
                JourneyInstance.idOf(J, M, entryKey),
                J,
                1,
                M,
                entryKey,
                at,
                Status.SCHEDULED,
                "s1",
                at,
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                1);
    }

    @Test
    void entersOnceAndReturnsWhatIsStored() {
        JourneyInstance i = running("order:O1", T);
        assertThat(store.enter(i, Reentry.always(), ZONE)).isEqualTo(EnterResult.ENTERED);
        assertThat(store.enter(i, Reentry.always(), ZONE)).isEqualTo(EnterResult.DUPLICATE);
        assertThat(store.find(i.id())).contains(i);
        assertThat(store.live(M)).containsExactly(i);
    }

    @Test
    void appliesTheReentryPolicyAgainstEarlierEntries() {
        assertThat(store.enter(running("a", T), Reentry.once(), ZONE)).isEqualTo(EnterResult.ENTERED);
        assertThat(store.enter(running("b", T.plusSeconds(86400 * 400)), Reentry.once(), ZONE))
                .isEqualTo(EnterResult.REFUSED);
        JourneyInstance c = running("c", T.plusSeconds(10));
        assertThat(store.enter(c, Reentry.oncePer(Period.ofDays(30)), ZONE)).isEqualTo(EnterResult.REFUSED);
        assertThat(store.find(c.id())).isEmpty();
    }

    @Test
    void oncePerPeriodAlsoWaitsForTheEarlierEntryToLeave() {
        JourneyInstance a = running("a", T);
        store.enter(a, Reentry.oncePer(Period.ofDays(1)), ZONE);
        Instant later = T.plusSeconds(86400 * 5);
        assertThat(store.enter(running("b", later), Reentry.oncePer(Period.ofDays(1)), ZONE))
                .isEqualTo(EnterResult.REFUSED);
        store.update(a.finish(Outcome.COMPLETED));
        assertThat(store.enter(running("c", later), Reentry.oncePer(Period.ofDays(1)), ZONE))
                .isEqualTo(EnterResult.ENTERED);
    }

    @Test
    void scheduledEntriesAreAdmittedOrRefusedLater() {
        JourneyInstance s = scheduled("birthday:2026", T.plusSeconds(100));
        assertThat(store.schedule(s)).isTrue();
        assertThat(store.schedule(s)).isFalse();
        assertThat(store.live(M)).isEmpty();
        assertThat(store.nextDue()).contains(T.plusSeconds(100));
        JourneyInstance admitted = new JourneyInstance(
                s.id(),
                J,
                1,
                M,
                s.entryKey(),
                s.enteredAt(),
                Status.RUNNING,
                "s1",
                s.dueAt(),
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                2);
        assertThat(store.enter(admitted, Reentry.once(), ZONE)).isEqualTo(EnterResult.ENTERED);
        assertThat(store.find(s.id())).contains(admitted);

        JourneyInstance s2 = scheduled("birthday:2027", T.plusSeconds(86400 * 365));
        store.schedule(s2);
        JourneyInstance refused = new JourneyInstance(
                s2.id(),
                J,
                1,
                M,
                s2.entryKey(),
                s2.enteredAt(),
                Status.RUNNING,
                "s1",
                s2.dueAt(),
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                2);
        assertThat(store.enter(refused, Reentry.once(), ZONE)).isEqualTo(EnterResult.REFUSED);
        assertThat(store.find(s2.id()).orElseThrow().outcome()).isEqualTo(Outcome.NOT_ADMITTED);
    }

    @Test
    void updatesAreCompareAndSet() {
        JourneyInstance i = running("a", T);
        store.enter(i, Reentry.always(), ZONE);
        JourneyInstance waiting = i.moveTo(Status.WAITING, "s1", T.plusSeconds(60));
        store.update(waiting);
        assertThatThrownBy(() -> store.update(i.moveTo(Status.WAITING, "s1", T.plusSeconds(90))))
                .isInstanceOf(io.crmkit.core.spi.StoreException.class);
        assertThat(store.find(i.id())).contains(waiting);
    }

    @Test
    void claimsDueInstancesInOrderWithLeases() {
        for (int k = 0; k < 5; k++) {
            store.enter(running("e" + k, T.plusSeconds(50 - k * 10)), Reentry.always(), ZONE);
        }
        List<JourneyInstance> first = store.claimDue(T.plusSeconds(30), 10, "a", Duration.ofMinutes(5));
        assertThat(first).extracting(JourneyInstance::entryKey).containsExactly("e4", "e3", "e2");
        // leased to a: b gets nothing until the lease ends; a may claim again at once
        assertThat(store.claimDue(T.plusSeconds(30), 10, "b", Duration.ofMinutes(5)))
                .isEmpty();
        assertThat(store.claimDue(T.plusSeconds(30), 10, "a", Duration.ofMinutes(5)))
                .hasSize(3);
        assertThat(store.claimDue(T.plusSeconds(400), 2, "b", Duration.ofMinutes(5)))
                .extracting(JourneyInstance::entryKey)
                .containsExactly("e4", "e3");
        // an update ends the lease and moves the timer; expired leases are claimed by others
        JourneyInstance e1 = store.find(JourneyInstance.idOf(J, M, "e1")).orElseThrow();
        store.update(e1.moveTo(Status.WAITING, "s1", T.plusSeconds(10_000)));
        assertThat(store.claimDue(T.plusSeconds(1000), 10, "c", Duration.ofMinutes(5)))
                .extracting(JourneyInstance::entryKey)
                .containsExactly("e4", "e3", "e2", "e0");
        assertThat(store.nextDue()).contains(T.plusSeconds(10));
    }

    @Test
    void finishedInstancesAreNeitherDueNorLive() {
        JourneyInstance i = running("a", T);
        store.enter(i, Reentry.always(), ZONE);
        store.update(i.finish(Outcome.CONVERTED));
        assertThat(store.claimDue(T.plusSeconds(10), 10, "a", Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(store.live(M)).isEmpty();
        assertThat(store.nextDue()).isEmpty();
    }

    @Test
    void effectLogKeepsTheFirstIntentAndCountsMessages() {
        EffectRecord e = new EffectRecord(
                "k1", EffectRecord.Kind.MESSAGE, J, 1, M, "survey", T, EffectRecord.Status.PENDING, null, null);
        assertThat(store.intend(e)).isEqualTo(e);
        EffectRecord again = new EffectRecord(
                "k1",
                EffectRecord.Kind.MESSAGE,
                J,
                1,
                M,
                "survey",
                T.plusSeconds(5),
                EffectRecord.Status.PENDING,
                null,
                null);
        assertThat(store.intend(again)).isEqualTo(e);
        assertThat(store.messagesSince(M, T.minusSeconds(1))).isEqualTo(1);
        assertThat(store.messagesSince(M, T)).isZero(); // exclusive
        store.complete(e.complete(EffectRecord.Status.DONE, "ok", T.plusSeconds(1)));
        assertThat(store.effect("k1").orElseThrow().status()).isEqualTo(EffectRecord.Status.DONE);
        EffectRecord f = new EffectRecord(
                "k2", EffectRecord.Kind.MESSAGE, J, 1, M, "survey", T, EffectRecord.Status.PENDING, null, null);
        store.intend(f);
        assertThat(store.messagesSince(M, T.minusSeconds(1))).isEqualTo(2);
        store.complete(f.complete(EffectRecord.Status.FAILED, "bounced", T.plusSeconds(1)));
        assertThat(store.messagesSince(M, T.minusSeconds(1))).isEqualTo(1);
        assertThat(store.effect("nope")).isEmpty();
    }

    @Test
    void cursors() {
        assertThat(store.cursor("dates:birthday")).isEmpty();
        store.cursor("dates:birthday", T);
        store.cursor("dates:birthday", T.plusSeconds(86400));
        assertThat(store.cursor("dates:birthday")).contains(T.plusSeconds(86400));
    }

    @Test
    void concurrentEntriesOfOneTriggerEnterOnce() throws Exception {
        Map<EnterResult, AtomicInteger> results = new ConcurrentHashMap<>();
        Concurrently.run(8, thread -> {
            for (int k = 0; k < 200; k++) {
                JourneyInstance i = running("order:O" + k, T.plusSeconds(k));
                results.computeIfAbsent(store.enter(i, Reentry.always(), ZONE), r -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
        assertThat(results.get(EnterResult.ENTERED)).hasValue(200);
        assertThat(results.get(EnterResult.DUPLICATE)).hasValue(7 * 200);
    }
}
