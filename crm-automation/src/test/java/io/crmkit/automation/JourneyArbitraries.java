package io.crmkit.automation;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Money;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid journeys and guards for the JSON properties: every entry, step, trigger, goal and
 * re-entry kind, with values across their ranges (sub-second times, fractional factors, Chinese
 * text, control characters and unpaired surrogates in text values). Step graphs are built from a
 * seed: targets of non-wait steps point forward (so every loop passes through a wait), targets of
 * waits anywhere.
 */
final class JourneyArbitraries {
    private JourneyArbitraries() {}

    static Arbitrary<Journey> journeys() {
        return Combinators.combine(
                        journeyIds(),
                        Arbitraries.integers().between(1, 1_000_000),
                        text().injectNull(0.3),
                        entries(),
                        reentries(),
                        conditions(3).injectNull(0.6),
                        Arbitraries.longs(),
                        goals().injectNull(0.4))
                .as((id, version, name, entry, reentry, filter, seed, goal) -> {
                    Journey.Builder b =
                            Journey.builder(id).version(version).entry(entry).reentry(reentry);
                    if (name != null) {
                        b.name(name);
                    }
                    b.filter(filter).goal(goal);
                    b.steps(steps(new Random(seed)));
                    return b.build();
                });
    }

    static Arbitrary<Guards> guards() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 50),
                        durations().injectNull(0.3),
                        times().injectNull(0.4),
                        times(),
                        Arbitraries.of("do-not-contact", "staff", "complaint", "客訴")
                                .set()
                                .ofMaxSize(3),
                        conditions(3).injectNull(0.5))
                .as((cap, window, from, until, tags, audience) -> {
                    Duration w = window == null ? (cap == 0 ? Duration.ZERO : Duration.ofDays(1)) : window;
                    LocalTime u = from != null && from.equals(until) ? until.plusMinutes(1) : until;
                    return new Guards(cap, w, from, from == null ? null : u, tags, audience);
                });
    }

    static Arbitrary<String> journeyIds() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789_-")
                .ofMaxLength(20)
                .map(s -> "j" + s);
    }

    /** Any text: letters, Chinese, emoji, quotes, backslashes, control characters, lone surrogates. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("生日禮：10:00 問候", "We miss you 💌", "a\"b\\c\n\t", "\ud800x", "${member.name}"));
    }

    static Arbitrary<String> nonBlank() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("-_.台北")
                .ofMinLength(1)
                .ofMaxLength(16);
    }

    static Arbitrary<LocalTime> times() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 24 * 60 - 1).map(m -> LocalTime.of(m / 60, m % 60)),
                Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay));
    }

    static Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 400).map(Duration::ofDays),
                Arbitraries.integers().between(1, 100).map(Duration::ofHours),
                Arbitraries.longs().between(1, 100_000_000L).map(Duration::ofSeconds),
                Arbitraries.longs().between(1, 10_000_000_000_000L).map(Duration::ofNanos));
    }

    static Arbitrary<Period> periods() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 11),
                        Arbitraries.integers().between(0, 40))
                .as(Period::of)
                .filter(p -> !p.isZero());
    }

    static Arbitrary<Trigger> triggers() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        Trigger.memberRegistered(),
                        Trigger.orderPlaced(),
                        Trigger.firstOrder(),
                        Trigger.orderDelivered()),
                Arbitraries.of(InteractionType.class)
                        .injectNull(0.2)
                        .flatMap(t -> Arbitraries.integers()
                                .between(-1, 10)
                                .map(s -> new Trigger(Trigger.Kind.INTERACTION, t, s))));
    }

    static Arbitrary<Goal> goals() {
        return Combinators.combine(triggers(), durations()).as(Goal::of);
    }

    static Arbitrary<Reentry> reentries() {
        return Arbitraries.oneOf(
                Arbitraries.of(Reentry.once(), Reentry.always()), periods().map(Reentry::oncePer));
    }

    static Arbitrary<Entry> entries() {
        return Arbitraries.oneOf(
                triggers().map(Entry::on),
                Combinators.combine(Arbitraries.of("vip-at-risk", "lapsed", "s1"), Arbitraries.of(true, false))
                        .as((s, in) ->
                                in ? Entry.segmentEntered(SegmentId.of(s)) : Entry.segmentExited(SegmentId.of(s))),
                Combinators.combine(Arbitraries.integers().between(0, 60), times())
                        .as(Entry::birthday),
                times().map(Entry::joinAnniversary),
                Combinators.combine(Arbitraries.integers().between(1, 3650), times())
                        .as(Entry::daysAfterLastPurchase),
                Combinators.combine(
                                Arbitraries.oneOf(
                                        Arbitraries.doubles()
                                                .between(0.0001, 10.0)
                                                .ofScale(6),
                                        Arbitraries.of(1.0, 2.0, 10.0, 0.1, 1.0 / 3, Double.MIN_VALUE)),
                                Arbitraries.integers().between(0, 3650),
                                times())
                        .as(Entry::repurchaseDue),
                Combinators.combine(
                                conditions(3),
                                Arbitraries.longs()
                                        .between(0, 4_000_000_000L)
                                        .map(s -> Instant.ofEpochSecond(s, s % 7 == 0 ? 123_000_000 : 0)),
                                periods().injectNull(0.4))
                        .as(Entry::broadcast));
    }

    static Arbitrary<Condition> conditions(int depth) {
        Arbitrary<Condition> leaves = Arbitraries.oneOf(
                Arbitraries.of("vip", "do-not-contact", "會員").map(Where::tagged),
                Arbitraries.of(ContactChannel.class).map(Where::optedIn),
                Arbitraries.integers()
                        .between(0, 20)
                        .map(n -> Where.orderCount(Window.lastDays(365)).atLeast(n)),
                Arbitraries.integers()
                        .between(1, 100_000)
                        .map(n -> Where.spend(Window.allTime()).atLeast(Money.of(n, Currency.getInstance("TWD")))),
                Arbitraries.of(Where.all(), Where.none()));
        if (depth <= 1) {
            return leaves;
        }
        Arbitrary<Condition> sub = conditions(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaves),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Condition.And::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Condition.Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Condition.Not::new)));
    }

    /** A valid step list from a seed: every kind of step, targets forward except from waits. */
    static List<Step> steps(Random r) {
        int n = 1 + r.nextInt(9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(r.nextInt(4) == 0 ? "s" + i + "?" : "step-" + i + (r.nextBoolean() ? "" : ".x_" + r.nextInt(99)));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            boolean last = i == n - 1;
            String fwd = last ? null : ids.get(i + 1 + r.nextInt(n - i - 1));
            String any = ids.get(r.nextInt(n));
            int kind = r.nextInt(last ? 10 : 12);
            Step s = switch (kind) {
                case 0 -> new Step.Wait(id, sample(r), r.nextBoolean() ? any : null);
                case 1 -> {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if (r.nextInt(3) > 0) {
                            days.add(d);
                        }
                    }
                    if (days.isEmpty()) {
                        days.add(DayOfWeek.SUNDAY);
                    }
                    yield new Step.WaitUntil(
                            id, LocalTime.ofSecondOfDay(r.nextInt(86_400)), days, r.nextBoolean() ? any : null);
                }
                case 2 ->
                    new Step.WaitForEvent(
                            id,
                            r.nextBoolean()
                                    ? Trigger.orderPlaced()
                                    : Trigger.interaction(InteractionType.SURVEY_ANSWERED, r.nextInt(6)),
                            sample(r),
                            r.nextBoolean() ? any : null,
                            r.nextBoolean() ? any : null);
                case 3 ->
                    new Step.Send(
                            id,
                            r.nextBoolean() ? null : ContactChannel.values()[r.nextInt(ContactChannel.values().length)],
                            "template-" + r.nextInt(5),
                            r.nextBoolean() ? Map.of() : Map.of("name", "${member.name}", "分店", "台北 \"松江\"\n"),
                            fwd);
                case 4 -> new Step.IssueCoupon(id, "campaign-" + r.nextInt(9), fwd);
                case 5 -> new Step.Tag(id, "tag-" + r.nextInt(9), r.nextBoolean(), fwd);
                case 6 ->
                    new Step.AwardPoints(
                            id,
                            1 + (r.nextBoolean() ? r.nextInt(1000) : Long.MAX_VALUE - 1),
                            "reason " + r.nextInt(3),
                            fwd);
                case 7 ->
                    new Step.Custom(
                            id,
                            "action-" + r.nextInt(3),
                            r.nextBoolean() ? Map.of() : Map.of("queue", "vip", "p", ""),
                            fwd);
                case 8, 9 -> new Step.Exit(id);
                case 10 ->
                    new Step.Branch(
                            id,
                            r.nextBoolean() ? Where.tagged("vip") : Where.not(Where.optedIn(ContactChannel.LINE)),
                            fwd,
                            ids.get(i + 1 + r.nextInt(n - i - 1)));
                default -> {
                    int a = 1 + r.nextInt(98);
                    int b = 1 + r.nextInt(99 - a);
                    List<Step.Arm> arms = new ArrayList<>();
                    arms.add(new Step.Arm("a", a, fwd));
                    arms.add(new Step.Arm("b", b, ids.get(i + 1 + r.nextInt(n - i - 1))));
                    if (a + b < 100) {
                        arms.add(r.nextBoolean() ? Step.control(100 - a - b) : new Step.Arm("c", 100 - a - b, fwd));
                    } else {
                        arms.set(1, new Step.Arm("b", b, null));
                    }
                    yield new Step.Split(id, arms);
                }
            };
            steps.add(s);
        }
        return steps;
    }

    private static Duration sample(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Duration.ofDays(1 + r.nextInt(100));
            case 1 -> Duration.ofHours(1 + r.nextInt(100));
            case 2 -> Duration.ofSeconds(1 + r.nextInt(1_000_000), r.nextInt(3) == 0 ? r.nextInt(1_000_000_000) : 0);
            default -> Duration.ofDays(1 + r.nextInt(10)).plusMinutes(1 + r.nextInt(600));
        };
    }
}
