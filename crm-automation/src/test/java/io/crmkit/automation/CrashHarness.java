package io.crmkit.automation;

import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.CouponIssuer;
import io.crmkit.automation.spi.DeliveryException;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.Message;
import io.crmkit.automation.spi.PointsAwarder;
import io.crmkit.automation.spi.TagWriter;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * The crash-test harness of {@code CrashTest} here and of crm-jdbc's {@code MultiEngineCrashTest}
 * (through this module's test-jar): a fuse that kills the engine at chosen operations, stores and
 * gateways with fuses, a random shop, six journeys, and a loop that restarts a killed engine from the
 * store.
 */
public final class CrashHarness {
    /** The shop's zone. */
    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** Where the shop's history starts. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /** Where the shop's history (and a run) ends. */
    public static final Instant END = Instant.parse("2026-09-01T00:00:00Z");

    private CrashHarness() {}

    /** Thrown at a crash point; an Error, so that no catch of the engine swallows it. */
    public static final class Crash extends Error {
        Crash() {
            super("crash", null, false, false);
        }
    }

    /** Counts operations and crashes at chosen ones. */
    public static final class Fuse {
        private final TreeSet<Long> at;
        private long ops;
        private int crashes;

        /** @param at the operations (counted from 1) to crash at; used up as they are reached */
        public Fuse(TreeSet<Long> at) {
            this.at = at;
        }

        /** Counts one operation, and throws {@link Crash} if it is a chosen one. */
        public void tick() {
            ops++;
            if (at.remove(ops)) {
                crashes++;
                throw new Crash();
            }
        }

        /** @return the operations counted so far */
        public long ops() {
            return ops;
        }

        /** @return the crashes so far */
        public int crashes() {
            return crashes;
        }
    }

    /**
     * A store with a fuse before every write; it hides a batching store's batch methods (one call per
     * write).
     */
    public static class FusedStore implements JourneyStateStore {
        private final JourneyStateStore inner;
        private final Fuse fuse;

        /**
         * @param inner the store written to
         * @param fuse the fuse
         */
        public FusedStore(JourneyStateStore inner, Fuse fuse) {
            this.inner = inner;
            this.fuse = fuse;
        }

        @Override
        public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
            fuse.tick();
            return inner.enter(instance, reentry, zone);
        }

        @Override
        public boolean schedule(JourneyInstance instance) {
            fuse.tick();
            return inner.schedule(instance);
        }

        @Override
        public Optional<JourneyInstance> find(String id) {
            return inner.find(id);
        }

        @Override
        public void update(JourneyInstance next) {
            fuse.tick();
            inner.update(next);
        }

        @Override
        public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
            fuse.tick();
            return inner.claimDue(now, limit, owner, lease);
        }

        @Override
        public Optional<Instant> nextDue() {
            return inner.nextDue();
        }

        @Override
        public List<JourneyInstance> live(MemberId member) {
            return inner.live(member);
        }

        @Override
        public EffectRecord intend(EffectRecord intent) {
            fuse.tick();
            return inner.intend(intent);
        }

        @Override
        public void complete(EffectRecord done) {
            fuse.tick();
            inner.complete(done);
        }

        @Override
        public Optional<EffectRecord> effect(String key) {
            return inner.effect(key);
        }

        @Override
        public int messagesSince(MemberId member, Instant since) {
            return inner.messagesSince(member, since);
        }

        @Override
        public Optional<Instant> cursor(String name) {
            return inner.cursor(name);
        }

        @Override
        public void cursor(String name, Instant value) {
            fuse.tick();
            inner.cursor(name, value);
        }
    }

    /** A batching store with a fuse before every write and right after every batch is applied. */
    public static final class FusedBatchingStore extends FusedStore implements BatchingJourneyStateStore {
        private final BatchingJourneyStateStore inner;
        private final Fuse fuse;

        /**
         * @param inner the store written to
         * @param fuse the fuse
         */
        public FusedBatchingStore(BatchingJourneyStateStore inner, Fuse fuse) {
            super(inner, fuse);
            this.inner = inner;
            this.fuse = fuse;
        }

        @Override
        public Map<MemberId, List<JourneyInstance>> live(Collection<MemberId> members) {
            return inner.live(members);
        }

        @Override
        public List<EffectRecord> effectsByPrefix(Collection<String> keyPrefixes) {
            return inner.effectsByPrefix(keyPrefixes);
        }

        @Override
        public List<EffectRecord> messages(Collection<MemberId> members, Instant since) {
            return inner.messages(members, since);
        }

        @Override
        public List<JourneyInstance> claim(Collection<String> ids, Instant now, String owner, Duration lease) {
            fuse.tick();
            return inner.claim(ids, now, owner, lease);
        }

        @Override
        public List<EnterResult> apply(WriteBatch batch) {
            fuse.tick();
            List<EnterResult> r = inner.apply(batch);
            fuse.tick(); // applied, and the engine dies before it goes on
            return r;
        }
    }

    /** Gateways that de-duplicate by key (as documented), fail transiently on some first attempts, and have fuses. */
    public static final class Outside {
        private final Fuse fuse;
        private final Map<String, String> delivered = new TreeMap<>();
        private final Map<String, Integer> calls = new HashMap<>();

        /** @param fuse the fuse ticked before every call and right after a successful one */
        public Outside(Fuse fuse) {
            this.fuse = fuse;
        }

        /**
         * One gateway call.
         *
         * @param key the effect's key
         * @param what what was carried out, remembered on the first success for the key
         * @return the gateway's reference
         */
        public String carry(String key, String what) {
            fuse.tick();
            int n = calls.merge(key, 1, Integer::sum);
            if (n == 1 && Math.floorMod(key.hashCode(), 13) == 0) {
                throw DeliveryException.transientFailure("rate limited");
            }
            if (Math.floorMod(key.hashCode(), 97) == 0) {
                throw DeliveryException.permanent("invalid address");
            }
            delivered.putIfAbsent(key, what);
            fuse.tick(); // a crash after the gateway did its work, before the engine records it
            return "C-" + Integer.toHexString(key.hashCode());
        }

        /** @return what was carried out, by key (sorted) */
        public Map<String, String> delivered() {
            return delivered;
        }

        /** @return the calls per key */
        public Map<String, Integer> calls() {
            return calls;
        }

        /** @return the calls beyond the first for each key */
        public long repeats() {
            return calls.values().stream().mapToLong(n -> n - 1).sum();
        }
    }

    /**
     * A random shop in Taipei: its data and its events between {@link #START} and {@link #END}, in order.
     *
     * @param crm the shop's data
     * @param events the events, by instant and id
     */
    public record Shop(Crm crm, List<JourneyEvent> events) {}

    /**
     * @param seed the random seed
     * @param members how many members join in the first 120 days
     * @return a shop whose members buy, get their orders delivered and answer surveys
     */
    public static Shop shop(long seed, int members) {
        Random r = new Random(seed);
        Crm crm = Crm.inMemory(BrandSettings.custom()
                .zone(TAIPEI)
                .currency(Currency.getInstance("TWD"))
                .build());
        List<JourneyEvent> events = new ArrayList<>();
        int orderNo = 0, interactionNo = 0;
        for (int i = 0; i < members; i++) {
            Instant joined = START.plusSeconds(r.nextInt(120 * 86400));
            Member.Builder b = Member.builder(MemberId.of(String.format("M%05d", i)), joined)
                    .name("M" + i)
                    .birthday(LocalDate.of(1970 + r.nextInt(35), 1, 1).plusDays(r.nextInt(366)))
                    .email(Email.parse("m" + i + "@example.com"));
            if (r.nextInt(10) < 8) {
                b.consent(Consent.optIn(ContactChannel.EMAIL, joined, "signup"));
            }
            Member m = crm.members().save(b.build());
            events.add(JourneyEvent.registered(m));
            Instant t = joined.plusSeconds(r.nextInt(20 * 86400));
            boolean first = true;
            while (t.isBefore(END) && r.nextInt(10) < 7) {
                Order o = Sim.newOrder(OrderId.of("O" + (++orderNo)), m.id(), t).toBuilder()
                        .deliveredAt(t.plusSeconds(86400 + r.nextInt(3 * 86400)))
                        .build();
                crm.orders().upsertAll(List.of(o));
                events.add(JourneyEvent.orderPlaced(o, first));
                events.add(JourneyEvent.orderDelivered(o));
                first = false;
                if (r.nextInt(3) == 0) {
                    Interaction in = Interaction.builder(
                                    InteractionId.of("I" + (++interactionNo)),
                                    m.id(),
                                    t.plusSeconds(10 * 86400 + r.nextInt(5 * 86400)),
                                    InteractionType.SURVEY_ANSWERED)
                            .property(Interaction.SCORE, 1 + r.nextInt(5))
                            .build();
                    crm.interactions().appendAll(List.of(in));
                    events.add(JourneyEvent.interaction(in));
                }
                t = t.plusSeconds(5 * 86400 + r.nextInt(60 * 86400));
            }
        }
        events.removeIf(e -> !e.at().isBefore(END));
        events.sort(Comparator.comparing(JourneyEvent::at).thenComparing(JourneyEvent::id));
        return new Shop(crm, events);
    }

    /**
     * @return the six journeys: {@code ScenarioTest}'s survey, thanks, S5 lifecycle, birthday and win-back,
     *     and an A/B split for repeat buyers
     */
    public static List<Journey> journeys() {
        Journey ab = Journey.builder("repeat-ab")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.oncePer(Period.ofDays(60)))
                .filter(Where.orderCount(Window.allTime()).atLeast(2))
                .step(Step.split(
                        "ab", Step.arm("mail", 45, "offer"), Step.arm("points", 45, "bonus"), Step.control(10)))
                .step(Step.goTo(Step.send("offer", ContactChannel.EMAIL, "repeat-offer"), "tag"))
                .step(Step.goTo(Step.awardPoints("bonus", 50, "repeat buyer"), "tag"))
                .step(Step.tag("tag", "repeat-buyer"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
        return List.of(
                ScenarioTest.survey7d(),
                ScenarioTest.firstPurchaseThanks(),
                ScenarioTest.s5(),
                ScenarioTest.birthday(),
                ScenarioTest.winBack(),
                ab);
    }

    /**
     * An engine (a new process) on {@code store}, with retries, quiet hours, the gateways of {@code
     * outside} and {@link #journeys()} deployed.
     *
     * @param crm the shop's data
     * @param store the store
     * @param outside the gateways
     * @param options more settings of the builder (e.g. an owner name, a batch size)
     * @return the engine
     */
    public static JourneyEngine engine(
            Crm crm, JourneyStateStore store, Outside outside, Consumer<JourneyEngine.Builder> options) {
        JourneyEngine.Builder b = JourneyEngine.builder(crm).store(store);
        options.accept(b);
        JourneyEngine e = b.retries(4, Duration.ofMinutes(10))
                .guards(Guards.builder()
                        .quietHours(LocalTime.of(22, 0), LocalTime.of(8, 0))
                        .build())
                .messages((Message m) -> outside.carry(m.key(), "message " + m.template() + " " + m.variables()))
                .coupons((CouponIssuer) r -> outside.carry(r.key(), "coupon " + r.campaign()))
                .points((PointsAwarder) r -> outside.carry(r.key(), "points " + r.points()))
                .tags((TagWriter) r -> outside.carry(r.key(), "tag " + r.tag()))
                .build();
        journeys().forEach(e::deploy);
        return e;
    }

    /** How a run feeds the shop's events to the engines. */
    public enum Pace {
        /**
         * A tick at {@link #START} with the first event, then for each event the timers due up to it
         * and the event; at last the timers up to {@link #END}.
         */
        TIMERS,
        /**
         * A tick at {@link #START}, then for each event the timers due up to it, a tick at its instant
         * and the event; at last the timers up to {@link #END} and a tick there.
         */
        TICKS
    }

    /**
     * What a run left.
     *
     * @param outside the gateways
     * @param fuse the fuse
     * @param restarts how many engines were replaced after a crash
     * @param turns how many steps each engine completed
     */
    public record Run(Outside outside, Fuse fuse, int restarts, int[] turns) {}

    /**
     * Runs the shop's events through {@code engines} engines on one store, the engine for each step
     * chosen at random (seeded); an engine that crashes is replaced by a new one (made with the same
     * {@code options}), which does the step again.
     *
     * @param shop the shop
     * @param pace how the events are fed
     * @param store the (fused) store all engines share
     * @param fuse the fuse of the store and of the gateways
     * @param engines how many engines take turns
     * @param seed the seed of the choice of engines
     * @param options more settings of engine {@code k}'s builder
     * @return what the run left
     */
    public static Run run(
            Shop shop,
            Pace pace,
            JourneyStateStore store,
            Fuse fuse,
            int engines,
            long seed,
            ObjIntConsumer<JourneyEngine.Builder> options) {
        List<Consumer<JourneyEngine>> steps = steps(shop.events(), pace);
        Outside outside = new Outside(fuse);
        JourneyEngine[] nodes = new JourneyEngine[engines];
        for (int k = 0; k < engines; k++) {
            nodes[k] = node(shop, store, outside, options, k);
        }
        int[] turns = new int[engines];
        Random pick = new Random(seed);
        int restarts = 0;
        int i = 0;
        int k = pick.nextInt(engines);
        while (i < steps.size()) {
            try {
                steps.get(i).accept(nodes[k]);
                turns[k]++;
                i++;
                k = pick.nextInt(engines);
            } catch (Crash c) {
                restarts++;
                // a new process (with the same settings): nothing but the store survives
                nodes[k] = node(shop, store, outside, options, k);
            }
        }
        return new Run(outside, fuse, restarts, turns);
    }

    private static JourneyEngine node(
            Shop shop, JourneyStateStore store, Outside outside, ObjIntConsumer<JourneyEngine.Builder> options, int k) {
        return engine(shop.crm(), store, outside, b -> options.accept(b, k));
    }

    private static List<Consumer<JourneyEngine>> steps(List<JourneyEvent> events, Pace pace) {
        List<Consumer<JourneyEngine>> steps = new ArrayList<>();
        boolean ticks = pace == Pace.TICKS;
        if (ticks) {
            steps.add(e -> e.tick(START));
        }
        for (JourneyEvent event : events) {
            steps.add(e -> {
                e.runUntil(event.at());
                if (ticks) {
                    e.tick(event.at());
                }
                e.publish(event);
            });
        }
        steps.add(e -> {
            e.runUntil(END);
            if (ticks) {
                e.tick(END);
            }
        });
        if (!ticks) {
            Consumer<JourneyEngine> first = steps.get(0);
            steps.set(0, e -> {
                e.tick(START);
                first.accept(e);
            });
        }
        return steps;
    }

    /**
     * @param i an instance
     * @return all of its state (context sorted by key)
     */
    public static String state(JourneyInstance i) {
        return i.status() + " " + i.outcome() + " " + i.step() + " " + i.dueAt() + " " + i.arm() + " " + i.lastStep()
                + " " + i.actions() + " " + new TreeMap<>(i.context()) + " " + i.enteredAt();
    }

    /**
     * @param s an in-memory store
     * @return every instance's {@link #state}, by id
     */
    public static Map<String, String> states(InMemoryJourneyStateStore s) {
        Map<String, String> m = new TreeMap<>();
        for (JourneyInstance i : s.instances()) {
            m.put(i.id(), state(i));
        }
        return m;
    }
}
