package io.crmkit.automation;

import static io.crmkit.automation.Sim.local;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.automation.spi.DeliveryException;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyListener;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentMonitor;
import io.crmkit.segmentation.Where;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static Journey onOrder(String id, Reentry reentry, Step... steps) {
        Journey.Builder b =
                Journey.builder(id).entry(Entry.on(Trigger.orderPlaced())).reentry(reentry);
        for (Step s : steps) {
            b.step(s);
        }
        return b.build();
    }

    @Test
    void reentryPolicies() {
        Sim sim = new Sim();
        sim.engine.deploy(onOrder("once", Reentry.once(), Step.send("m", ContactChannel.EMAIL, "once")));
        sim.engine.deploy(onOrder(
                "monthly", Reentry.oncePer(Period.ofMonths(1)), Step.send("m", ContactChannel.EMAIL, "monthly")));
        sim.engine.deploy(onOrder("always", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "always")));
        sim.member("M1", local("2026-01-01T00:00"));
        sim.order("M1", local("2026-01-10T10:00"), true);
        sim.order("M1", local("2026-01-20T10:00"), false);
        sim.order("M1", local("2026-02-10T10:00"), false);
        assertThat(sim.log())
                .containsExactly(
                        "2026-01-10T10:00 M1 once",
                        "2026-01-10T10:00 M1 monthly",
                        "2026-01-10T10:00 M1 always",
                        "2026-01-20T10:00 M1 always",
                        "2026-02-10T10:00 M1 monthly",
                        "2026-02-10T10:00 M1 always");
    }

    @Test
    void anEventDeliveredTwiceEntersOnce() {
        Sim sim = new Sim();
        sim.engine.deploy(onOrder("always", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "hi")));
        sim.member("M1", local("2026-01-01T00:00"));
        var o = sim.order("M1", local("2026-01-10T10:00"), true);
        sim.engine.publish(JourneyEvent.orderPlaced(o, true));
        assertThat(sim.sent).hasSize(1);
    }

    @Test
    void consentSuppressionQuietHoursAndCap() {
        Sim sim = new Sim(b -> b.guards(Guards.builder()
                .frequencyCap(2, Duration.ofDays(7))
                .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0))
                .suppressTags(Set.of("do-not-contact"))
                .build()));
        sim.engine.deploy(onOrder("always", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "hi")));
        sim.engine.deploy(onOrder("sms", Reentry.always(), Step.send("m", ContactChannel.SMS, "sms")));
        sim.member("M1", local("2026-01-01T00:00"));
        sim.member("DNC", local("2026-01-01T00:00"), b -> b.tag(Tag.manual("do-not-contact", "agent", Instant.EPOCH)));
        sim.order("M1", local("2026-01-10T23:30"), true); // quiet: deferred to 09:00
        sim.order("M1", local("2026-01-11T12:00"), false);
        sim.order("M1", local("2026-01-12T12:00"), false); // third in 7 days: capped
        sim.order("M1", local("2026-01-18T09:00"), false); // 7 days after the first send: allowed again
        sim.order("DNC", local("2026-01-12T12:00"), true);
        sim.advance(local("2026-02-01T00:00"));
        assertThat(sim.log())
                .containsExactly("2026-01-11T09:00 M1 hi", "2026-01-11T12:00 M1 hi", "2026-01-18T09:00 M1 hi");
        JourneyMetrics.StepCounts email = sim.engine.metrics().step(JourneyId.of("always"), 1, "m");
        assertThat(email.deferred()).isEqualTo(1);
        assertThat(email.capped()).isEqualTo(1);
        assertThat(email.suppressed()).isEqualTo(1);
        assertThat(sim.engine.metrics().step(JourneyId.of("sms"), 1, "m").noConsent())
                .isEqualTo(4);
    }

    @Test
    void transientFailuresRetryWithBackoffAndPermanentOnesDoNotBlockOthers() {
        AtomicInteger calls = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        Sim sim = new Sim(b -> b.retries(3, Duration.ofMinutes(1)).messages(m -> {
            calls.incrementAndGet();
            if (m.member().value().equals("BAD")) {
                throw DeliveryException.permanent("invalid address");
            }
            if (m.member().value().equals("SLOW") && m.at().isBefore(local("2026-01-10T10:06"))) {
                throw DeliveryException.transientFailure("timeout");
            }
            delivered.add(m.member().value() + "@" + m.at().atZone(Sim.TAIPEI).toLocalTime());
        }));
        sim.engine.deploy(
                onOrder("hi", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "hi"), Step.tag("t", "greeted")));
        sim.member("BAD", local("2026-01-01T00:00"));
        sim.member("SLOW", local("2026-01-01T00:00"));
        sim.member("OK", local("2026-01-01T00:00"));
        sim.order("BAD", local("2026-01-10T10:00"), true);
        sim.order("SLOW", local("2026-01-10T10:00"), true);
        sim.order("OK", local("2026-01-10T10:00"), true);
        sim.advance(local("2026-01-11T00:00"));
        // SLOW: 10:00 fails, 10:01 fails (second attempt after 1 min), 10:06 succeeds (5 min later)
        assertThat(delivered).containsExactly("OK@10:00", "SLOW@10:06");
        assertThat(calls.get()).isEqualTo(5);
        assertThat(sim.engine.metrics().step(JourneyId.of("hi"), 1, "m").failed())
                .isEqualTo(1);
        // the journey goes on after a permanent failure
        assertThat(sim.crm.members().find(MemberId.of("BAD")).orElseThrow().hasTag("greeted"))
                .isTrue();
        assertThat(sim.store.effect("hi/v1/BAD/order:O-1/m#0"))
                .get()
                .extracting(EffectRecord::status)
                .isEqualTo(EffectRecord.Status.FAILED);
    }

    @Test
    void membersInFlightFinishOnTheirVersion() {
        Sim sim = new Sim();
        Journey v1 = onOrder(
                "promo",
                Reentry.always(),
                Step.waitFor("w", Duration.ofDays(2)),
                Step.send("m", ContactChannel.EMAIL, "v1"));
        sim.engine.deploy(v1);
        sim.member("M1", local("2026-01-01T00:00"));
        sim.order("M1", local("2026-01-10T10:00"), true);
        Journey v2 = v1.toBuilder()
                .version(2)
                .steps(List.of(Step.waitFor("w", Duration.ofDays(1)), Step.send("m", ContactChannel.EMAIL, "v2")))
                .build();
        sim.engine.deploy(v2);
        sim.order("M1", local("2026-01-11T10:00"), false);
        sim.advance(local("2026-02-01T00:00"));
        assertThat(sim.log()).containsExactly("2026-01-12T10:00 M1 v1", "2026-01-12T10:00 M1 v2");
        assertThatThrownBy(
                        () -> sim.engine.deploy(v1.toBuilder().name("changed").build()))
                .isInstanceOf(JourneyDefinitionException.class)
                .hasMessageContaining("already deployed");
    }

    @Test
    void splitArmsAreStableAndNearTheirShares() {
        Journey j = Journey.builder("ab")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.always())
                .step(Step.split("split", Step.arm("a", 30, "a"), Step.arm("b", 50, "b"), Step.control(20)))
                .step(Step.goTo(Step.send("a", ContactChannel.EMAIL, "a"), "end"))
                .step(Step.goTo(Step.send("b", ContactChannel.EMAIL, "b"), "end"))
                .step(Step.exit("end"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
        Sim sim = new Sim();
        sim.engine.deploy(j);
        for (int i = 0; i < 2000; i++) {
            sim.member("M" + i, local("2026-01-01T00:00"));
            sim.order("M" + i, local("2026-01-02T10:00"), true);
        }
        List<String> firstRound = sim.log().stream().map(s -> s.substring(17)).toList();
        for (int i = 0; i < 2000; i++) {
            sim.order("M" + i, local("2026-01-20T10:00"), false); // converts the first entry and enters again
        }
        List<String> secondRound = sim
                .log()
                .subList(firstRound.size(), sim.log().size())
                .stream()
                .map(s -> s.substring(17))
                .toList();
        assertThat(secondRound).isEqualTo(firstRound);
        var arms = sim.engine.metrics().arms(JourneyId.of("ab"));
        assertThat(arms).extracting(JourneyMetrics.ArmCounts::arm).containsExactly("a", "b", "control");
        assertThat(arms.get(0).members() / 2.0).isBetween(540.0, 660.0);
        assertThat(arms.get(1).members() / 2.0).isBetween(920.0, 1080.0);
        assertThat(arms.get(2).members() / 2.0).isBetween(340.0, 460.0);
        // the second orders converted every first entry, control too
        Uplift u = sim.engine.metrics().uplift(JourneyId.of("ab"));
        assertThat(u.treated() + u.control()).isEqualTo(4000);
        assertThat(u.treatedConverted() + u.controlConverted()).isEqualTo(2000);
    }

    @Test
    void segmentEntriesComeFromTheMonitor() {
        Sim sim = new Sim(b -> b.catalog(io.crmkit.segmentation.SegmentCatalog.builder()
                .segment(io.crmkit.segmentation.Segment.of("vip", "VIP", Where.tagged("vip")))
                .build()));
        sim.engine.deploy(Journey.builder("vip-welcome")
                .entry(Entry.segmentEntered(SegmentId.of("vip")))
                .step(Step.send("m", ContactChannel.EMAIL, "welcome-vip"))
                .build());
        sim.member("M1", local("2026-01-01T00:00"));
        sim.engine.onSegmentEvent(new SegmentMonitor.Event(
                SegmentId.of("vip"), MemberId.of("M1"), SegmentMonitor.Kind.ENTERED, local("2026-01-05T12:00")));
        sim.engine.onSegmentEvent(new SegmentMonitor.Event(
                SegmentId.of("vip"), MemberId.of("M1"), SegmentMonitor.Kind.EXITED, local("2026-01-06T12:00")));
        assertThat(sim.log()).containsExactly("2026-01-05T12:00 M1 welcome-vip");
    }

    @Test
    void broadcastsToAnAudienceOnceOrEveryPeriod() {
        Sim sim = new Sim();
        sim.member("VIP", local("2026-01-01T00:00"), b -> b.tag(Tag.manual("vip", "a", Instant.EPOCH)));
        sim.member("NEW", local("2026-02-15T00:00"), b -> b.tag(Tag.manual("vip", "a", Instant.EPOCH)));
        sim.member("OTHER", local("2026-01-01T00:00"));
        sim.engine.deploy(Journey.builder("vip-news")
                .entry(Entry.broadcast(Where.tagged("vip"), local("2026-01-11T11:00"), Period.ofMonths(1)))
                .reentry(Reentry.always())
                .step(Step.send("m", ContactChannel.EMAIL, "news"))
                .build());
        sim.advance(local("2026-03-31T00:00"));
        assertThat(sim.log())
                .containsExactly(
                        "2026-01-11T11:00 VIP news",
                        "2026-02-11T11:00 VIP news",
                        "2026-03-11T11:00 NEW news",
                        "2026-03-11T11:00 VIP news");
    }

    @Test
    void badDefinitionsNameTheStep() {
        assertThatThrownBy(() -> Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.branch("b", Where.all(), "nowhere", "b2"))
                        .step(Step.send("b2", null, "t"))
                        .build())
                .isInstanceOf(JourneyDefinitionException.class)
                .hasMessage("journey \"x\" steps[0] \"b\": goes to \"nowhere\", which is not a step");
        assertThatThrownBy(() -> Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.send("a", null, "t"))
                        .step(Step.send("a", null, "t"))
                        .build())
                .hasMessage("journey \"x\" steps[1]: step id \"a\" is already used by steps[0]");
        assertThatThrownBy(() -> Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.goTo(Step.send("a", null, "t"), "b"))
                        .step(Step.branch("b", Where.all(), "a", "a"))
                        .build())
                .hasMessageContaining("is on a loop without a wait step");
        assertThatThrownBy(() -> Step.split("s", Step.arm("a", 50, "x"), Step.control(40)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("percentages add up to 90, not 100");
        Sim sim = new Sim();
        assertThatThrownBy(() -> sim.engine.deploy(Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.send("a", null, "t", Sim.vars("n", "${member.nickname}")))
                        .build()))
                .hasMessageContaining("variable ${member.nickname} is unknown");
        assertThatThrownBy(() -> sim.engine.deploy(Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.awardPoints("a", 10, "r"))
                        .build()))
                .hasMessage("journey \"x\" step \"a\": awards points but the engine has no points awarder");
        assertThatThrownBy(() -> sim.engine.deploy(Journey.builder("x")
                        .entry(Entry.on(Trigger.orderPlaced()))
                        .step(Step.branch("a", Where.inSegment(SegmentId.of("ghost")), "b", "b"))
                        .step(Step.exit("b"))
                        .build()))
                .isInstanceOf(JourneyDefinitionException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void listenersHearEverythingAndTheirFailuresAreIgnored() {
        List<String> heard = new ArrayList<>();
        Sim sim = new Sim(b -> b.listener(new JourneyListener() {
            @Override
            public void entered(JourneyInstance i) {
                heard.add("entered " + i.id());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void finished(JourneyInstance i) {
                heard.add("finished " + i.outcome());
            }
        }));
        sim.engine.deploy(onOrder("hi", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "hi")));
        sim.member("M1", local("2026-01-01T00:00"));
        sim.order("M1", local("2026-01-10T10:00"), true);
        assertThat(heard).containsExactly("entered hi/M1/order:O-1", "finished COMPLETED");
        assertThat(sim.sent).hasSize(1);
    }

    @Test
    void followStoresTurnsWritesIntoEvents() {
        Sim sim = new Sim();
        sim.engine.deploy(Journey.builder("hello")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.send("m", ContactChannel.EMAIL, "hello"))
                .build());
        sim.engine.deploy(onOrder("thanks", Reentry.always(), Step.send("m", ContactChannel.EMAIL, "thanks")));
        sim.engine.deploy(Journey.builder("first")
                .entry(Entry.on(Trigger.firstOrder()))
                .step(Step.send("m", ContactChannel.EMAIL, "first"))
                .build());
        sim.engine.deploy(Journey.builder("delivered")
                .entry(Entry.on(Trigger.orderDelivered()))
                .reentry(Reentry.always())
                .step(Step.send("m", ContactChannel.EMAIL, "delivered"))
                .build());
        var subs = sim.engine.followStores();
        sim.member("M1", local("2026-01-01T10:00"));
        var o1 = Sim.newOrder(io.crmkit.core.OrderId.of("O1"), MemberId.of("M1"), local("2026-01-02T10:00"));
        sim.crm.orders().upsertAll(List.of(o1));
        sim.crm
                .orders()
                .upsertAll(List.of(
                        o1.toBuilder().deliveredAt(local("2026-01-03T10:00")).build()));
        var o2 = Sim.newOrder(io.crmkit.core.OrderId.of("O2"), MemberId.of("M1"), local("2026-01-05T10:00"));
        sim.crm.orders().upsertAll(List.of(o2));
        subs.forEach(io.crmkit.core.spi.Subscription::close);
        sim.crm
                .orders()
                .upsertAll(List.of(
                        Sim.newOrder(io.crmkit.core.OrderId.of("O3"), MemberId.of("M1"), local("2026-01-06T10:00"))));
        assertThat(sim.log())
                .containsExactly(
                        "2026-01-01T10:00 M1 hello",
                        "2026-01-02T10:00 M1 thanks",
                        "2026-01-02T10:00 M1 first",
                        "2026-01-03T10:00 M1 delivered",
                        "2026-01-05T10:00 M1 thanks");
    }
}
