package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.automation.spi.CouponIssuer;
import io.crmkit.automation.spi.DeliveryException;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.Message;
import io.crmkit.automation.spi.PointsAwarder;
import io.crmkit.automation.spi.TagWriter;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Kills the engine at 1,200 random points (before any store write or gateway call, and right after a
 * gateway call) over a run of 2,000 members, restarts it from the store each time, and compares with
 * a run without crashes: the same effects, none carried out twice, no timer lost, every instance in
 * the same final state.
 */
class CrashTest {
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-09-01T00:00:00Z");

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

    /** The in-memory store with a fuse before every write. */
    static final class FusedStore implements JourneyStateStore {
        final InMemoryJourneyStateStore inner = new InMemoryJourneyStateStore();
        final Fuse fuse;

        FusedStore(Fuse fuse) {
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

    static List<Journey> journeys() {
        Journey ab = Journey.builder("repeat-ab")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.oncePer(java.time.Period.ofDays(60)))
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

    record Run(Outside outside, FusedStore store, Fuse fuse, int restarts) {}

    static Run run(Shop shop, TreeSet<Long> crashAt) {
        Fuse fuse = new Fuse(crashAt);
        FusedStore store = new FusedStore(fuse);
        Outside outside = new Outside(fuse);
        int restarts = 0;
        JourneyEngine engine = engine(shop.crm, store, outside);
        int i = 0;
        while (true) {
            try {
                if (i == 0) {
                    engine.tick(START);
                }
                for (; i < shop.events.size(); i++) {
                    JourneyEvent e = shop.events.get(i);
                    engine.runUntil(e.at());
                    engine.publish(e);
                }
                engine.runUntil(END);
                return new Run(outside, store, fuse, restarts);
            } catch (Crash c) {
                restarts++;
                engine = engine(shop.crm, store, outside); // a new process: nothing but the store survives
            }
        }
    }

    static JourneyEngine engine(Crm crm, JourneyStateStore store, Outside outside) {
        JourneyEngine e = JourneyEngine.builder(crm)
                .store(store)
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

    @Test
    void restartsAtAThousandRandomPointsChangeNothing() {
        Shop shop = shop(7, 2000);
        Run reference = run(shop, new TreeSet<>());
        long ops = reference.fuse.ops;
        assertThat(reference.outside.delivered).hasSizeGreaterThan(3000);

        Random r = new Random(11);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < 1200) {
            points.add(1 + (long) (r.nextDouble() * ops));
        }
        Run crashed = run(shop, points);

        assertThat(crashed.restarts).isEqualTo(1200);
        // the same effects, with the same content
        assertThat(crashed.outside.delivered).isEqualTo(reference.outside.delivered);
        // a gateway is called again for a key only after a crash left its outcome unknown
        long repeats =
                crashed.outside.calls.values().stream().mapToLong(n -> n - 1).sum();
        long referenceRepeats =
                reference.outside.calls.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(repeats - referenceRepeats).isBetween(0L, (long) crashed.restarts);
        // no timer lost: every instance ends in the same state, nothing is left due before the end
        Map<String, String> a = states(reference.store.inner);
        Map<String, String> b = states(crashed.store.inner);
        assertThat(b).isEqualTo(a);
        crashed.store.nextDue().ifPresent(t -> assertThat(t).isAfter(END));
        // the effect log agrees with what the gateways saw
        for (EffectRecord e : crashed.store.inner.effects()) {
            assertThat(e.status()).isNotEqualTo(EffectRecord.Status.PENDING);
            assertThat(crashed.outside.delivered.containsKey(e.key()))
                    .as(e.key())
                    .isEqualTo(e.status() == EffectRecord.Status.DONE);
        }
    }

    private static Map<String, String> states(InMemoryJourneyStateStore s) {
        Map<String, String> m = new TreeMap<>();
        for (JourneyInstance i : s.instances()) {
            m.put(
                    i.id(),
                    i.status() + " " + i.outcome() + " " + i.step() + " " + i.dueAt() + " " + i.arm() + " "
                            + i.lastStep() + " " + i.actions() + " " + i.context());
        }
        return m;
    }
}
