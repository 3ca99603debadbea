package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.internal.BatchingInMemoryJourneyStateStore;
import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyListener;
import io.crmkit.automation.spi.JourneyStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The engine's batch path (a {@link io.crmkit.automation.spi.BatchingJourneyStateStore}: reads
 * fetched per batch, writes applied per batch, entries admitted at the commit) does what its
 * one-call-at-a-time path does: random journeys × random event streams (events delivered twice at
 * random) run once on the plain in-memory store with {@code publish} per event, and once on the same
 * store seen as a batching store with {@code publishAll} over random runs of events and random batch
 * sizes. Same gateway calls with the same content, same effect log, same final state of every
 * instance, same counters.
 */
class BatchPathPropertiesTest {

    /** What a run did, in a form two runs can be compared by. */
    record Outcome(
            Map<String, String> calls,
            Map<String, String> effects,
            Map<String, String> states,
            String metrics,
            List<String> heard) {}

    @Property(tries = 60)
    void batchesDoWhatSingleCallsDo(@ForAll long seed) {
        Random r = new Random(seed);
        int batchSize = 1 + r.nextInt(12);
        Outcome single = run(seed, false, batchSize, new Random(seed + 1));
        Outcome batched = run(seed, true, batchSize, new Random(seed + 1));
        assertThat(batched.calls()).isEqualTo(single.calls());
        assertThat(batched.effects()).isEqualTo(single.effects());
        assertThat(batched.states()).isEqualTo(single.states());
        assertThat(batched.metrics()).isEqualTo(single.metrics());
        assertThat(batched.heard()).containsExactlyInAnyOrderElementsOf(single.heard());
    }

    /** The same on fixed seeds, which between them carry out effects (so the comparison is not empty). */
    @Example
    void fixedSeedsCarryOutEffectsAlike() {
        int withEffects = 0;
        for (long seed = 1; seed <= 20; seed++) {
            batchesDoWhatSingleCallsDo(seed);
            withEffects += run(seed, false, 5, new Random(seed + 1)).effects().isEmpty() ? 0 : 1;
        }
        assertThat(withEffects).isGreaterThanOrEqualTo(10);
    }

    private static Outcome run(long seed, boolean batching, int batchSize, Random chunks) {
        GuardPropertiesTest.Scenario sc = GuardPropertiesTest.scenario(seed);
        InMemoryJourneyStateStore memory = (InMemoryJourneyStateStore) JourneyStateStore.inMemory();
        JourneyStateStore store = batching ? new BatchingInMemoryJourneyStateStore(memory) : memory;
        Map<String, String> calls = new TreeMap<>();
        List<String> heard = new ArrayList<>();
        JourneyEngine engine = JourneyEngine.builder(sc.crm())
                .store(store)
                .batchSize(batchSize)
                .guards(sc.guards())
                // codes and records depend on the key only: batches may call members in another order
                .messages(m ->
                        calls.merge(m.key(), "message " + m.template() + " " + m.variables(), (a, b) -> a + "|" + b))
                .coupons(c -> {
                    calls.merge(c.key(), "coupon " + c.campaign(), (a, b) -> a + "|" + b);
                    return "C" + Integer.toHexString(c.key().hashCode());
                })
                .tags(t -> calls.merge(t.key(), "tag " + t.tag() + " " + t.add(), (a, b) -> a + "|" + b))
                .listener(new JourneyListener() {
                    @Override
                    public void entered(JourneyInstance i) {
                        heard.add("entered " + i.id());
                    }

                    @Override
                    public void effect(JourneyInstance i, io.crmkit.automation.Step step, EffectRecord done) {
                        heard.add("effect " + done.key() + " " + done.status());
                    }

                    @Override
                    public void finished(JourneyInstance i) {
                        heard.add("finished " + i.id() + " " + i.outcome());
                    }
                })
                .build();
        sc.journeys().forEach(engine::deploy);
        engine.tick(GuardPropertiesTest.START);
        List<JourneyEvent> events = sc.events();
        int i = 0;
        while (i < events.size()) {
            // a run of events published together, with no tick in between (in both runs)
            int n = 1 + chunks.nextInt(8);
            List<JourneyEvent> run = new ArrayList<>();
            for (int k = i; k < Math.min(events.size(), i + n); k++) {
                run.add(events.get(k));
                if (chunks.nextInt(10) == 0) {
                    run.add(events.get(k)); // delivered twice
                }
            }
            engine.runUntil(run.get(0).at());
            if (batching) {
                engine.publishAll(run);
            } else {
                run.forEach(engine::publish);
            }
            i += n;
        }
        engine.runUntil(GuardPropertiesTest.START.plus(Duration.ofDays(200)));
        Map<String, String> effects = new TreeMap<>();
        for (EffectRecord e : memory.effects()) {
            effects.put(e.key(), e.status() + " " + e.detail() + " " + e.at() + " " + e.completedAt());
        }
        Map<String, String> states = new TreeMap<>();
        for (JourneyInstance s : memory.instances()) {
            states.put(
                    s.id(),
                    s.status() + " " + s.outcome() + " " + s.step() + " " + s.dueAt() + " " + s.arm() + " "
                            + s.lastStep() + " " + s.actions() + " " + s.attempt() + " " + new TreeMap<>(s.context())
                            + " " + s.enteredAt());
        }
        return new Outcome(
                calls, effects, states, String.valueOf(engine.metrics().steps()), heard);
    }
}
