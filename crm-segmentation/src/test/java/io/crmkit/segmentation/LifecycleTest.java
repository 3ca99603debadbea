package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.segmentation.RfmTest.Buy;
import io.crmkit.segmentation.internal.bulk.LifecyclePass;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Lifecycle stages against the documented rules, member by member from MemberStats. */
class LifecycleTest {
    static final Instant AS_OF = RfmTest.AS_OF;

    @Provide
    Arbitrary<List<Buy>> buys() {
        return new RfmTest().buys();
    }

    @Provide
    Arbitrary<LifecycleModel> models() {
        Arbitrary<Period> windows = Arbitraries.of(Period.ofDays(30), Period.ofMonths(3), Period.ofMonths(6));
        return Arbitraries.oneOf(
                windows.map(w -> LifecycleModel.napl().window(w).build()),
                windows.map(w -> LifecycleModel.nasld()
                        .window(w)
                        .deepSleep(w.plusMonths(6))
                        .build()),
                Arbitraries.of(1.5, 2.0, 3.0)
                        .map(k -> LifecycleModel.orderly().lapseFactor(k).build()));
    }

    /** The documented rule for one member, from its MemberStats and the brand's median cycle. */
    static LifecycleStage expected(LifecycleModel model, MemberStats s, double median) {
        if (s.orderCount() == 0) {
            return LifecycleStage.POTENTIAL;
        }
        LocalDate today = RfmTest.BRAND.dateOf(AS_OF);
        LocalDate first = RfmTest.BRAND.dateOf(s.firstPurchase().orElseThrow());
        LocalDate last = RfmTest.BRAND.dateOf(s.lastPurchase().orElseThrow());
        boolean firstWithin = first.isAfter(today.minus(model.window()));
        boolean lastWithin = last.isAfter(today.minus(model.window()));
        switch (model.kind()) {
            case ORDERLY:
                double cycle = s.averageRepurchaseDays().orElse(median);
                if (s.daysSinceLastPurchase().orElseThrow() > model.lapseFactor() * cycle) {
                    return LifecycleStage.LAPSED;
                }
                return s.orderCount() == 1 ? LifecycleStage.FIRST_TIME : LifecycleStage.REPEAT;
            case NAPL:
                if (firstWithin) {
                    return LifecycleStage.NEW;
                }
                if (s.orderCount() >= 2) {
                    return lastWithin ? LifecycleStage.ACTIVE : LifecycleStage.DORMANT;
                }
                return LifecycleStage.LOST;
            default:
                if (firstWithin) {
                    return LifecycleStage.NEW;
                }
                if (lastWithin) {
                    return LifecycleStage.ACTIVE;
                }
                if (!last.isAfter(today.minus(model.deepSleep()))) {
                    return LifecycleStage.DEEP_SLEEP;
                }
                return s.orderCount() >= 2 ? LifecycleStage.SLEEP : LifecycleStage.LOST;
        }
    }

    @Property(tries = 80)
    void everyMemberGetsTheDocumentedStage(@ForAll("buys") List<Buy> buys, @ForAll("models") LifecycleModel model) {
        Crm crm = RfmTest.shop(30, buys, 5);
        LifecycleTable t = Snapshot.of(crm, SegmentCatalog.empty()).lifecycle(model, AS_OF);
        List<MemberStats> stats = new ArrayList<>();
        List<Double> cycles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MemberStats s = MemberStats.of(crm.orders().findByMember(RfmTest.id(i)), AS_OF, RfmTest.BRAND);
            stats.add(s);
            s.averageRepurchaseDays().ifPresent(cycles::add);
        }
        double median = model.defaultCycleDays();
        if (!cycles.isEmpty()) {
            double[] c =
                    cycles.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median = c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
        }
        for (int i = 0; i < 30; i++) {
            assertThat(t.stage(RfmTest.id(i)))
                    .as("member %d, %s", i, stats.get(i))
                    .contains(expected(model, stats.get(i), median));
        }
        assertThat(t.counts().keySet()).containsExactlyElementsOf(model.stages());
        assertThat(t.counts().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(30);
        if (model.kind() == LifecycleModel.Kind.ORDERLY) {
            assertThat(t.medianCycleDays()).hasValue(median);
        } else {
            assertThat(t.medianCycleDays()).isEmpty();
        }
    }

    @Test
    void naplOnAHandWorkedShop() {
        List<Buy> buys = List.of(
                new Buy(0, 10, 100), // one order, 10 days ago: NEW
                new Buy(1, 200, 100),
                new Buy(1, 20, 100), // repeat, bought recently: ACTIVE
                new Buy(2, 300, 100),
                new Buy(2, 200, 100), // repeat, nothing in 3 months: DORMANT
                new Buy(3, 400, 100)); // one order long ago: LOST; member 4 never bought
        Crm crm = RfmTest.shop(5, buys, 1);
        Snapshot snap = Snapshot.of(crm, SegmentCatalog.empty());
        LifecycleTable t = snap.lifecycle(LifecycleModel.napl().build(), AS_OF);
        assertThat(List.of(0, 1, 2, 3, 4).stream()
                        .map(i -> t.stage(RfmTest.id(i)).orElseThrow()))
                .containsExactly(
                        LifecycleStage.NEW,
                        LifecycleStage.ACTIVE,
                        LifecycleStage.DORMANT,
                        LifecycleStage.LOST,
                        LifecycleStage.POTENTIAL);
        assertThat(t.members(LifecycleStage.DORMANT).stream().toList()).containsExactly(RfmTest.id(2));
        assertThatThrownBy(() -> t.members(LifecycleStage.LAPSED))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("LAPSED is not a stage of NAPL");

        // 3 months earlier: member 0 had not bought yet, member 1 had bought once (lost), member 2 was dormant
        Instant earlier = RfmTest.BRAND
                .dateOf(AS_OF)
                .minusMonths(3)
                .atStartOfDay(RfmTest.TAIPEI)
                .toInstant();
        LifecycleTable before = snap.lifecycle(LifecycleModel.napl().build(), earlier);
        LifecycleFlow flow = LifecycleFlow.between(before, t);
        assertThat(flow.count(LifecycleStage.POTENTIAL, LifecycleStage.NEW)).isEqualTo(1);
        assertThat(flow.count(LifecycleStage.LOST, LifecycleStage.ACTIVE)).isEqualTo(1);
        assertThat(flow.count(LifecycleStage.DORMANT, LifecycleStage.DORMANT)).isEqualTo(1);
        assertThat(flow.count(LifecycleStage.LOST, LifecycleStage.LOST)).isEqualTo(1);
        assertThat(Arrays.stream(flow.matrix()).flatMapToLong(Arrays::stream).sum())
                .isEqualTo(5);
        assertThat(flow.stages()).containsExactlyElementsOf(LifecycleModel.Kind.NAPL.stages());
    }

    @Test
    void flowCountsMembersWhoJoinedSince() {
        Crm crm = RfmTest.shop(3, List.of(new Buy(0, 5, 100)), 1);
        Snapshot before = Snapshot.of(crm, SegmentCatalog.empty());
        crm.members()
                .save(Member.builder(MemberId.of("M9999"), Instant.parse("2025-12-01T00:00:00Z"))
                        .build());
        Snapshot after = before.refresh();
        LifecycleModel napl = LifecycleModel.napl().build();
        LifecycleFlow flow = LifecycleFlow.between(before.lifecycle(napl, AS_OF), after.lifecycle(napl, AS_OF));
        assertThat(flow.joined(LifecycleStage.POTENTIAL)).isEqualTo(1);
        assertThat(flow.count(LifecycleStage.NEW, LifecycleStage.NEW)).isEqualTo(1);
        assertThat(flow.count(LifecycleStage.POTENTIAL, LifecycleStage.POTENTIAL))
                .isEqualTo(2);
        assertThatThrownBy(() -> LifecycleFlow.between(
                        before.lifecycle(napl, AS_OF),
                        after.lifecycle(LifecycleModel.nasld().build(), AS_OF)))
                .hasMessageContaining("one scheme");
    }

    @Test
    void invalidContactIsTheModelsCondition() {
        Crm crm = RfmTest.shop(2, List.of(), 1);
        crm.members()
                .update(
                        RfmTest.id(0),
                        m -> m.toBuilder()
                                .email(Email.parse("a@example.com"))
                                .consent(Consent.optIn(
                                        ContactChannel.EMAIL, Instant.parse("2020-01-01T00:00:00Z"), "form"))
                                .build());
        LifecycleTable t = Snapshot.of(crm, SegmentCatalog.empty())
                .lifecycle(LifecycleModel.orderly().build(), AS_OF);
        assertThat(t.invalidContact().stream().toList()).containsExactly(RfmTest.id(1));
    }

    @Test
    void stageCodesMatchTheEnum() {
        assertThat(LifecycleStage.values()).hasSize(10);
        assertThat(LifecycleStage.POTENTIAL.ordinal()).isEqualTo(LifecyclePass.POTENTIAL);
        assertThat(LifecycleStage.FIRST_TIME.ordinal()).isEqualTo(LifecyclePass.FIRST_TIME);
        assertThat(LifecycleStage.REPEAT.ordinal()).isEqualTo(LifecyclePass.REPEAT);
        assertThat(LifecycleStage.LAPSED.ordinal()).isEqualTo(LifecyclePass.LAPSED);
        assertThat(LifecycleStage.NEW.ordinal()).isEqualTo(LifecyclePass.NEW);
        assertThat(LifecycleStage.ACTIVE.ordinal()).isEqualTo(LifecyclePass.ACTIVE);
        assertThat(LifecycleStage.DORMANT.ordinal()).isEqualTo(LifecyclePass.DORMANT);
        assertThat(LifecycleStage.LOST.ordinal()).isEqualTo(LifecyclePass.LOST);
        assertThat(LifecycleStage.SLEEP.ordinal()).isEqualTo(LifecyclePass.SLEEP);
        assertThat(LifecycleStage.DEEP_SLEEP.ordinal()).isEqualTo(LifecyclePass.DEEP_SLEEP);
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> LifecycleModel.nasld()
                        .window(Period.ofMonths(6))
                        .deepSleep(Period.ofMonths(3))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("lifecycle.deepSleep")
                .hasMessageContaining("longer than the window");
        // 30 days against one month: in February the month is shorter, so deep sleep could come first
        assertThatThrownBy(() -> LifecycleModel.nasld()
                        .window(Period.ofDays(30))
                        .deepSleep(Period.ofMonths(1))
                        .build())
                .hasMessageContaining("longer than the window");
        assertThatThrownBy(
                        () -> LifecycleModel.orderly().defaultCycleDays(40_000).build())
                .hasMessageContaining("1..36600");
        assertThatThrownBy(() -> LifecycleModel.napl().window(Period.ZERO).build())
                .hasMessageContaining("lifecycle.window")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> LifecycleModel.orderly().lapseFactor(0).build())
                .hasMessageContaining("lifecycle.lapseFactor");
        assertThatThrownBy(() -> LifecycleModel.orderly().defaultCycleDays(0).build())
                .hasMessageContaining("lifecycle.defaultCycleDays");
        Map<LifecycleModel.Kind, Integer> sizes =
                Map.of(LifecycleModel.Kind.ORDERLY, 4, LifecycleModel.Kind.NAPL, 5, LifecycleModel.Kind.NASLD, 6);
        sizes.forEach((k, n) -> assertThat(k.stages()).hasSize(n));
    }
}
