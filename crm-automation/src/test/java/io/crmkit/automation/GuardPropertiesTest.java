package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.spi.Message;
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
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Random journeys × random event streams: no idempotency key is carried out twice, and the guards
 * hold for every message (consent, quiet hours in the member's zone, the frequency cap, suppression).
 */
class GuardPropertiesTest {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> ZONES = List.of("Asia/Taipei", "America/New_York", "Europe/London");

    /** A random shop (25 members, their orders, deliveries and surveys), guards and journeys. */
    record Scenario(
            Crm crm,
            Guards guards,
            int cap,
            Duration capWindow,
            List<Journey> journeys,
            List<JourneyEvent> events,
            Map<MemberId, Member> members) {}

    static Scenario scenario(long seed) {
        Random r = new Random(seed);
        Crm crm = Crm.inMemory(BrandSettings.custom()
                .zone(ZoneId.of("Asia/Taipei"))
                .currency(Currency.getInstance("TWD"))
                .build());
        int cap = 1 + r.nextInt(3);
        Duration capWindow = Duration.ofDays(1 + r.nextInt(7));
        Guards.Builder gb = Guards.builder().frequencyCap(cap, capWindow).suppressTags(java.util.Set.of("dnc"));
        if (r.nextBoolean()) {
            gb.quietHours(LocalTime.of(18 + r.nextInt(6), 0), LocalTime.of(6 + r.nextInt(4), 30));
        }
        Guards guards = gb.build();
        List<Journey> js = new ArrayList<>();
        int journeys = 1 + r.nextInt(4);
        for (int j = 0; j < journeys; j++) {
            js.add(randomJourney(r, "j" + j));
        }

        List<JourneyEvent> events = new ArrayList<>();
        Map<MemberId, Member> members = new HashMap<>();
        int orderNo = 0;
        for (int i = 0; i < 25; i++) {
            Instant joined = START.plusSeconds(r.nextInt(20 * 86400));
            Member.Builder b = Member.builder(MemberId.of("M" + i), joined)
                    .name("M" + i)
                    .email(Email.parse("m" + i + "@example.com"))
                    .phone(PhoneNumber.parse("0912345" + String.format("%03d", i), "886"))
                    .attribute(Guards.ZONE, ZONES.get(r.nextInt(ZONES.size())));
            for (ContactChannel c : List.of(ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.APP_PUSH)) {
                if (r.nextBoolean()) {
                    b.consent(r.nextInt(4) == 0 ? Consent.optOut(c, joined, "t") : Consent.optIn(c, joined, "t"));
                }
            }
            if (r.nextInt(6) == 0) {
                b.tag(Tag.manual("dnc", "agent", joined));
            }
            Member m = crm.members().save(b.build());
            members.put(m.id(), m);
            events.add(JourneyEvent.registered(m));
            Instant t = joined;
            boolean first = true;
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                t = t.plusSeconds(r.nextInt(15 * 86400));
                Order o = Sim.newOrder(OrderId.of("O" + (++orderNo)), m.id(), t).toBuilder()
                        .deliveredAt(t.plusSeconds(r.nextInt(4 * 86400)))
                        .build();
                crm.orders().upsertAll(List.of(o));
                events.add(JourneyEvent.orderPlaced(o, first));
                events.add(JourneyEvent.orderDelivered(o));
                first = false;
                if (r.nextBoolean()) {
                    Interaction in = Interaction.builder(
                                    InteractionId.of("I" + orderNo),
                                    m.id(),
                                    t.plusSeconds(r.nextInt(9 * 86400)),
                                    InteractionType.SURVEY_ANSWERED)
                            .property(Interaction.SCORE, 1 + r.nextInt(5))
                            .build();
                    crm.interactions().appendAll(List.of(in));
                    events.add(JourneyEvent.interaction(in));
                }
            }
        }
        events.sort(Comparator.comparing(JourneyEvent::at).thenComparing(JourneyEvent::id));
        return new Scenario(crm, guards, cap, capWindow, js, events, members);
    }

    @Property(tries = 40)
    void guardsHoldAndNoKeyIsCarriedOutTwice(@ForAll long seed) {
        Scenario sc = scenario(seed);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        Crm crm = sc.crm();
        Guards guards = sc.guards();
        int cap = sc.cap();
        Duration capWindow = sc.capWindow();
        List<JourneyEvent> events = sc.events();
        Map<MemberId, Member> members = sc.members();
        List<Message> sent = new ArrayList<>();
        Map<String, Integer> calls = new HashMap<>();
        List<String> otherEffects = new ArrayList<>();
        JourneyEngine engine = JourneyEngine.builder(crm)
                .guards(guards)
                .messages(m -> {
                    calls.merge(m.key(), 1, Integer::sum);
                    sent.add(m);
                })
                .coupons(c -> {
                    calls.merge(c.key(), 1, Integer::sum);
                    otherEffects.add(c.member().value());
                    return "C" + calls.size();
                })
                .tags(t -> {
                    calls.merge(t.key(), 1, Integer::sum);
                    otherEffects.add(t.member().value());
                })
                .build();
        sc.journeys().forEach(engine::deploy);
        io.crmkit.automation.spi.JourneyStateStore store = engine.store();
        engine.tick(START);
        for (JourneyEvent e : events) {
            engine.runUntil(e.at());
            engine.publish(e);
            if (r.nextInt(10) == 0) {
                engine.publish(e); // delivered twice
            }
        }
        engine.runUntil(START.plus(Duration.ofDays(200)));

        Statistics.label("messages").collect(sent.isEmpty() ? "none" : "some");
        Statistics.label("messages").coverage(c -> c.check("some").percentage(p -> p >= 50));
        assertThat(calls.values()).allMatch(n -> n == 1);
        Map<MemberId, List<Instant>> perMember = new HashMap<>();
        for (Message m : sent) {
            Member member = members.get(m.member());
            assertThat(member.isReachableBy(m.channel()))
                    .as("consent of %s", m.key())
                    .isTrue();
            assertThat(member.hasTag("dnc")).as("suppression of %s", m.key()).isFalse();
            ZoneId zone = ZoneId.of(member.attribute(Guards.ZONE).orElseThrow());
            assertThat(guards.isQuiet(m.at().atZone(zone).toLocalTime()))
                    .as("quiet hours of %s at %s", m.key(), m.at().atZone(zone))
                    .isFalse();
            List<Instant> earlier = perMember.computeIfAbsent(m.member(), k -> new ArrayList<>());
            Instant since = m.at().minus(capWindow);
            long inWindow = earlier.stream().filter(t -> t.isAfter(since)).count();
            assertThat(inWindow).as("frequency cap before %s", m.key()).isLessThan(cap);
            earlier.add(m.at());
        }
        for (String member : otherEffects) {
            assertThat(members.get(MemberId.of(member)).hasTag("dnc")).isFalse();
        }
    }

    private static Journey randomJourney(Random r, String id) {
        Journey.Builder b = Journey.builder(id);
        b.entry(
                switch (r.nextInt(6)) {
                    case 0 -> Entry.on(Trigger.orderPlaced());
                    case 1 -> Entry.on(Trigger.firstOrder());
                    case 2 -> Entry.on(Trigger.memberRegistered());
                    case 3 -> Entry.on(Trigger.interaction(InteractionType.SURVEY_ANSWERED, r.nextInt(6)));
                    case 4 -> Entry.on(Trigger.orderDelivered());
                    default -> Entry.daysAfterLastPurchase(1 + r.nextInt(30), LocalTime.of(r.nextInt(24), 0));
                });
        b.reentry(
                switch (r.nextInt(3)) {
                    case 0 -> Reentry.once();
                    case 1 -> Reentry.oncePer(Period.ofDays(1 + r.nextInt(20)));
                    default -> Reentry.always();
                });
        int n = 1 + r.nextInt(6);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sid = "s" + i;
            String later = "s" + Math.min(n - 1, i + 1 + r.nextInt(Math.max(1, n - i - 1)));
            boolean last = i == n - 1;
            int kind = r.nextInt(last ? 4 : 8);
            steps.add(
                    switch (kind) {
                        case 0 ->
                            Step.send(sid, r.nextBoolean() ? null : ContactChannel.values()[r.nextInt(3)], "t" + i);
                        case 1 -> Step.issueCoupon(sid, "camp");
                        case 2 -> Step.tag(sid, "t" + r.nextInt(3));
                        case 3 -> Step.exit(sid);
                        case 4 -> Step.waitFor(sid, Duration.ofMinutes(1 + r.nextInt(10 * 24 * 60)));
                        case 5 -> Step.waitUntil(sid, LocalTime.of(r.nextInt(24), 15 * r.nextInt(4)));
                        case 6 -> Step.branch(sid, condition(r), later, "s" + (i + 1));
                        default ->
                            r.nextBoolean()
                                    ? Step.split(sid, Step.arm("a", 60, later), Step.control(40))
                                    : Step.waitForEvent(
                                            sid, Trigger.orderPlaced(), Duration.ofDays(1 + r.nextInt(10)), later);
                    });
        }
        b.steps(steps);
        if (r.nextBoolean()) {
            b.goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(1 + r.nextInt(30))));
        }
        return b.build();
    }

    private static Condition condition(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Where.orderCount(Window.allTime()).atLeast(1 + r.nextInt(3));
            case 1 -> Where.tagged("t" + r.nextInt(3));
            default -> Where.reachableBy(ContactChannel.SMS);
        };
    }
}
