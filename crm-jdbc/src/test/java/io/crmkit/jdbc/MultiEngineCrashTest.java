package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.Entry;
import io.crmkit.automation.Goal;
import io.crmkit.automation.Guards;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
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
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Provenance: the shop, the journeys, the fuse, the fused store and the gateways are copied from
 * crm-automation's {@code CrashTest}, {@code ScenarioTest} and {@code Sim} (test sources, not a jar),
 * with a smaller shop so that three PostgreSQL runs take well under a minute.
 */
class MultiEngineCrashTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-09-01T00:00:00Z");
    private static final int MEMBERS = 500;
    private static final int ENGINES = 3;
    private static final int CRASHES = 300;
    /** The engines' batch size: with a batching store, a crash repeats at most one batch of gateway calls. */
    private static final int BATCH = 16;

    /** Thrown at a crash point; an Error, so that no catch of the engine swallows it. */
    static final class Crash extends Error {
        Crash() {
            super("crash", null, false, false);
        }
    }

    /** Counts operations and crashes at chosen ones. */
    static final class Fuse {
        final TreeSet<Long> at;
        long ops;
        int crashes;

        Fuse(TreeSet<Long> at) {
            this.at = at;
        }

        void tick() {
            ops++;
            if (at.remove(ops)) {
                crashes++;
                throw new Crash();
            }
        }
    }

    /** A store with a fuse before every write. */
    record FusedStore(JourneyStateStore inner, Fuse fuse) implements JourneyStateStore {
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
    static final class FusedBatchingStore implements BatchingJourneyStateStore {
        private final BatchingJourneyStateStore inner;
        private final FusedStore single;
        private final Fuse fuse;

        FusedBatchingStore(BatchingJourneyStateStore inner, Fuse fuse) {
            this.inner = inner;
            this.single = new FusedStore(inner, fuse);
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

        @Override
        public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
            return single.enter(instance, reentry, zone);
        }

        @Override
        public boolean schedule(JourneyInstance instance) {
            return single.schedule(instance);
        }

        @Override
        public Optional<JourneyInstance> find(String id) {
            return single.find(id);
        }

        @Override
        public void update(JourneyInstance next) {
            single.update(next);
        }

        @Override
        public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
            return single.claimDue(now, limit, owner, lease);
        }

        @Override
        public Optional<Instant> nextDue() {
            return single.nextDue();
        }

        @Override
        public List<JourneyInstance> live(MemberId member) {
            return single.live(member);
        }

        @Override
        public EffectRecord intend(EffectRecord intent) {
            return single.intend(intent);
        }

        @Override
        public void complete(EffectRecord done) {
            single.complete(done);
        }

        @Override
        public Optional<EffectRecord> effect(String key) {
            return single.effect(key);
        }

        @Override
        public int messagesSince(MemberId member, Instant since) {
            return single.messagesSince(member, since);
        }

        @Override
        public Optional<Instant> cursor(String name) {
            return single.cursor(name);
        }

        @Override
        public void cursor(String name, Instant value) {
            single.cursor(name, value);
        }
    }

    /** Gateways that de-duplicate by key (as documented), fail transiently on some first attempts, and have fuses. */
    static final class Outside {
        final Fuse fuse;
        final Map<String, String> delivered = new TreeMap<>();
        final Map<String, Integer> calls = new HashMap<>();

        Outside(Fuse fuse) {
            this.fuse = fuse;
        }

        String carry(String key, String what) {
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
    }

    record Shop(Crm crm, List<JourneyEvent> events) {}

    static Shop shop(long seed, int members) {
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
                Order o = newOrder(OrderId.of("O" + (++orderNo)), m.id(), t).toBuilder()
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

    /** A completed web order with one line of NT$100 (crm-automation's {@code Sim.newOrder}). */
    static Order newOrder(OrderId id, MemberId member, Instant placedAt) {
        return Order.builder(id, member, placedAt)
                .line(OrderLine.of(
                        ProductId.of("P-TEST"),
                        "Test product",
                        Category.of("Test"),
                        1,
                        Money.of(100, Currency.getInstance("TWD"))))
                .build();
    }

    private static Map<String, String> vars(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The six journeys of crm-automation's CrashTest (survey, thanks, the S5 lifecycle, birthday, win-back, an A/B split). */
    static List<Journey> journeys() {
        Journey survey = Journey.builder("survey-7d")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.always())
                .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
                .step(Step.send("survey", ContactChannel.EMAIL, "survey", vars("name", "${member.name}")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
                .build();
        Journey thanks = Journey.builder("first-thanks")
                .entry(Entry.on(Trigger.firstOrder()))
                .step(Step.waitFor("wait-3d", Duration.ofDays(3)))
                .step(Step.send("thanks", ContactChannel.EMAIL, "thanks-needs-survey"))
                .build();
        Journey s5 = Journey.builder("s5-lifecycle")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("next-day", Duration.ofDays(1)))
                .step(Step.branch(
                        "bought?", Where.orderCount(Window.allTime()).atLeast(1), "wait-delivery", "welcome-coupon"))
                .step(Step.issueCoupon("welcome-coupon", "new-customer-30off"))
                .step(Step.goTo(
                        Step.send("welcome", ContactChannel.EMAIL, "welcome", vars("code", "${coupon}")),
                        "wait-delivery"))
                .step(new Step.WaitForEvent("wait-delivery", Trigger.orderDelivered(), Duration.ofDays(60), null, null))
                .step(Step.waitFor("day-after", Duration.ofDays(1)))
                .step(Step.send("tips", ContactChannel.EMAIL, "thanks-usage-tips"))
                .step(Step.waitFor("ten-days", Duration.ofDays(10)))
                .step(Step.send("rate", ContactChannel.EMAIL, "rating-request"))
                .step(Step.waitForEvent(
                        "rated", Trigger.interaction(InteractionType.SURVEY_ANSWERED, 5), Duration.ofDays(14), "later"))
                .step(Step.issueCoupon("five-stars", "thanks-10off"))
                .step(Step.send("thank-coupon", ContactChannel.EMAIL, "thanks-coupon", vars("code", "${coupon}")))
                .step(Step.goTo(Step.waitFor("later", Duration.ofDays(90)), "reminder"))
                .step(Step.send("reminder", ContactChannel.EMAIL, "reminder-new-picks"))
                .build();
        Journey birthday = Journey.builder("birthday")
                .entry(Entry.birthday(0, LocalTime.of(10, 0)))
                .reentry(Reentry.oncePer(Period.ofMonths(11)))
                .step(Step.issueCoupon("gift", "birthday-cake"))
                .step(Step.send(
                        "greeting", null, "happy-birthday", vars("name", "${member.name}", "code", "${coupon}")))
                .build();
        Journey winBack = Journey.builder("win-back")
                .entry(Entry.repurchaseDue(2.0, 90, LocalTime.of(11, 0)))
                .reentry(Reentry.oncePer(Period.ofDays(30)))
                .step(Step.send("miss-you", ContactChannel.EMAIL, "we-miss-you"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
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
        return List.of(survey, thanks, s5, birthday, winBack, ab);
    }

    static JourneyEngine engine(Crm crm, JourneyStateStore store, Outside outside, String owner) {
        JourneyEngine e = JourneyEngine.builder(crm)
                .store(store)
                .owner(owner)
                .batchSize(BATCH)
                .retries(4, Duration.ofMinutes(10))
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

    /** Every timer fired at its instant up to {@code until}, then a tick at {@code until}. */
    static void advance(JourneyEngine engine, Instant until) {
        engine.runUntil(until);
        engine.tick(until);
    }

    record Run(Outside outside, Fuse fuse, int restarts, int[] turns) {}

    /**
     * Runs the shop's events through {@code engines} engines on one store, the engine for each event
     * chosen at random (seeded); an engine that crashes is replaced by a new one with its owner name,
     * which handles the event again.
     */
    static Run run(
            Shop shop, JourneyStateStore shared, int engines, TreeSet<Long> crashAt, long seed, boolean batching) {
        Fuse fuse = new Fuse(crashAt);
        JourneyStateStore store = batching
                ? new FusedBatchingStore((BatchingJourneyStateStore) shared, fuse)
                : new FusedStore(shared, fuse); // hides the batch methods: one call per write
        Outside outside = new Outside(fuse);
        JourneyEngine[] nodes = new JourneyEngine[engines];
        for (int k = 0; k < engines; k++) {
            nodes[k] = engine(shop.crm, store, outside, "node-" + k);
        }
        int[] turns = new int[engines];
        Random pick = new Random(seed);
        int restarts = 0;
        int i = -1; // -1: the first tick at START
        int k = pick.nextInt(engines);
        while (i <= shop.events.size()) {
            try {
                if (i == -1) {
                    nodes[k].tick(START);
                } else if (i < shop.events.size()) {
                    JourneyEvent e = shop.events.get(i);
                    advance(nodes[k], e.at());
                    nodes[k].publish(e);
                } else {
                    advance(nodes[k], END);
                }
                turns[k]++;
                i++;
                k = pick.nextInt(engines);
            } catch (Crash c) {
                restarts++;
                // a new process with the same owner name: nothing but the store survives
                nodes[k] = engine(shop.crm, store, outside, "node-" + k);
            }
        }
        return new Run(outside, fuse, restarts, turns);
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
        Shop shop = shop(7, MEMBERS);

        InMemoryJourneyStateStore memory = (InMemoryJourneyStateStore) JourneyStateStore.inMemory();
        Run inMemory = run(shop, memory, 1, new TreeSet<>(), 1, false);

        PostgresJourneyStateStore refStore = Db.fresh("crash_reference_" + mode).journeys();
        Run reference = run(shop, refStore, 1, new TreeSet<>(), 1, batching);
        long ops = reference.fuse.ops;
        assertThat(reference.outside.delivered).hasSizeGreaterThan(700);
        // the PostgreSQL store behaves as the in-memory one
        assertThat(reference.outside.delivered).isEqualTo(inMemory.outside.delivered);
        assertThat(reference.outside.calls).isEqualTo(inMemory.outside.calls);
        Map<String, String> expected = states(refStore);
        assertThat(expected).isEqualTo(states(memory));

        Random r = new Random(11);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < CRASHES) {
            points.add(1 + (long) (r.nextDouble() * ops));
        }
        PostgresJourneyStateStore sharedStore = Db.fresh("crash_multi_" + mode).journeys();
        Run crashed = run(shop, sharedStore, ENGINES, points, 5, batching);

        assertThat(crashed.restarts).isEqualTo(CRASHES);
        for (int turns : crashed.turns) {
            assertThat(turns).as("every engine took turns").isGreaterThan(shop.events.size() / (2 * ENGINES));
        }
        // the same effects, with the same content
        assertThat(crashed.outside.delivered).isEqualTo(reference.outside.delivered);
        // a gateway is called again for a key only after a crash left its outcome unknown: at most the
        // one call in flight (one call per write), or one batch's calls (a batch's records are lost with it)
        long repeats =
                crashed.outside.calls.values().stream().mapToLong(n -> n - 1).sum();
        long referenceRepeats =
                reference.outside.calls.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(repeats - referenceRepeats).isBetween(0L, (long) crashed.restarts * (batching ? BATCH : 1));
        System.out.printf(
                "MultiEngineCrashTest (%s): %d members, %d events, %d store writes and gateway calls, %d effects,"
                        + " %d engines with turns %s, %d crashes, %d gateway calls repeated beyond the reference%n",
                mode,
                MEMBERS,
                shop.events.size(),
                ops,
                reference.outside.delivered.size(),
                ENGINES,
                java.util.Arrays.toString(crashed.turns),
                crashed.restarts,
                repeats - referenceRepeats);
        // no timer lost: every instance ends in the same state, nothing is left due before the end
        assertThat(states(sharedStore)).isEqualTo(expected);
        sharedStore.nextDue().ifPresent(t -> assertThat(t).isAfter(END));
        // the effect log agrees with what the gateways saw; no pending intent is left
        Map<String, String> log = effects(sharedStore);
        assertThat(log).hasSameSizeAs(effects(refStore));
        log.forEach((key, status) -> {
            assertThat(status).as(key).isNotEqualTo("PENDING");
            assertThat(crashed.outside.delivered.containsKey(key)).as(key).isEqualTo(status.equals("DONE"));
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
            m.put(id, state(s.find(id).orElseThrow()));
        }
        return m;
    }

    private static Map<String, String> states(InMemoryJourneyStateStore s) {
        Map<String, String> m = new TreeMap<>();
        for (JourneyInstance i : s.instances()) {
            m.put(i.id(), state(i));
        }
        return m;
    }

    private static String state(JourneyInstance i) {
        return i.status() + " " + i.outcome() + " " + i.step() + " " + i.dueAt() + " " + i.arm() + " " + i.lastStep()
                + " " + i.actions() + " " + new TreeMap<>(i.context()) + " " + i.enteredAt();
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
