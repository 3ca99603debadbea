package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.RfmTest.Buy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Classifier outputs as segment conditions: a calibration places the members of its own run
 * exactly as the run scored them, and its predicate gives the same members in bulk and one by one,
 * also at other instants and on changed data.
 */
class CalibrationTest {
    static final Instant AS_OF = RfmTest.AS_OF;
    static final Instant LATER = AS_OF.plusSeconds(86_400L * 40);

    @Provide
    Arbitrary<List<Buy>> buys() {
        return new RfmTest().buys();
    }

    @Provide
    Arbitrary<RfmModel> models() {
        return Arbitraries.oneOf(
                new RfmTest().models(),
                Arbitraries.just(RfmModel.builder()
                        .fixed(
                                new long[] {30, 90, 180, 365},
                                new long[] {2, 3, 5, 10},
                                List.of(
                                        io.crmkit.core.Money.of(500, RfmTest.BRAND.currency()),
                                        io.crmkit.core.Money.of(1_000, RfmTest.BRAND.currency()),
                                        io.crmkit.core.Money.of(5_000, RfmTest.BRAND.currency()),
                                        io.crmkit.core.Money.of(10_000, RfmTest.BRAND.currency())))
                        .build()));
    }

    @Provide
    Arbitrary<LifecycleModel> lifecycles() {
        return new LifecycleTest().models();
    }

    static List<MemberId> ids(int n) {
        List<MemberId> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RfmTest.id(i));
        }
        return out;
    }

    @Property(tries = 60)
    void rfmPredicateIsTheRunsSegmentsInBulkAndPerMember(
            @ForAll("buys") List<Buy> buys,
            @ForAll("models") RfmModel model,
            @ForAll @IntRange(min = 1, max = 5) int lo,
            @ForAll @IntRange(min = 0, max = 4) int span,
            @ForAll("buys") List<Buy> more) {
        Crm crm = RfmTest.shop(30, buys, 2);
        Snapshot plain = Snapshot.of(crm, SegmentCatalog.empty());
        RfmTable table = plain.rfm(model, AS_OF);
        if (table.scored() == 0) {
            assertThatThrownBy(table::calibration)
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("no member has a purchase in the window");
            return;
        }
        RfmCalibration cal = table.calibration();
        SegmentCatalog catalog =
                SegmentCatalog.builder().predicate(cal.predicate("rfm")).build();
        Snapshot snap = plain.withCatalog(catalog);
        SegmentEngine engine = SegmentEngine.of(crm, catalog);

        for (MemberId id : ids(30)) {
            MemberView view = crm.view(id, AS_OF).orElseThrow();
            assertThat(cal.score(view, AS_OF)).as(id.value()).isEqualTo(table.score(id));
        }
        for (RfmSegmentRule rule : model.segments()) {
            Condition c = Where.custom("rfm", Map.of("segment", rule.name()));
            assertThat(snap.evaluate(c, AS_OF))
                    .isEqualTo(table.members(rule.name()).and(snap.all()));
        }
        int hi = Math.min(5, lo + span);
        Condition range = Where.custom("rfm", Map.of("r", lo + "-" + hi, "m", String.valueOf(lo)));
        assertThat(snap.evaluate(range, AS_OF).stream().toList())
                .isEqualTo(table.members(lo, hi, 1, 5, lo, lo).stream().toList());

        // on changed data, at a later instant: bulk and per member still agree
        List<Buy> all = new ArrayList<>(buys);
        all.addAll(more);
        Crm changed = RfmTest.shop(30, all, 2);
        Snapshot later = Snapshot.of(changed, catalog);
        SegmentEngine laterEngine = SegmentEngine.of(changed, catalog);
        for (Instant at : List.of(AS_OF, LATER)) {
            List<MemberId> perMember = new ArrayList<>();
            for (MemberId id : ids(30)) {
                if (laterEngine.test(range, changed.view(id, at).orElseThrow())) {
                    perMember.add(id);
                }
            }
            assertThat(later.evaluate(range, at).stream().toList()).isEqualTo(perMember);
        }
        assertThat(engine).isNotNull();
    }

    @Property(tries = 60)
    void lifecyclePredicateIsTheRunsStagesInBulkAndPerMember(
            @ForAll("buys") List<Buy> buys,
            @ForAll("lifecycles") LifecycleModel model,
            @ForAll("buys") List<Buy> more) {
        Crm crm = RfmTest.shop(30, buys, 4);
        Snapshot plain = Snapshot.of(crm, SegmentCatalog.empty());
        LifecycleTable table = plain.lifecycle(model, AS_OF);
        LifecycleCalibration cal = table.calibration();
        SegmentCatalog catalog =
                SegmentCatalog.builder().predicate(cal.predicate("stage")).build();
        Snapshot snap = plain.withCatalog(catalog);
        for (MemberId id : ids(30)) {
            assertThat(table.stage(id)).contains(cal.stage(crm.view(id, AS_OF).orElseThrow(), AS_OF));
        }
        for (LifecycleStage s : model.stages()) {
            Condition c = Where.custom("stage", Map.of("stage", s.name().toLowerCase(java.util.Locale.ROOT)));
            assertThat(snap.evaluate(c, AS_OF).stream().toList())
                    .isEqualTo(table.members(s).stream().toList());
        }
        List<Buy> all = new ArrayList<>(buys);
        all.addAll(more);
        Crm changed = RfmTest.shop(30, all, 4);
        Snapshot later = Snapshot.of(changed, catalog);
        SegmentEngine engine = SegmentEngine.of(changed, catalog);
        String two = model.stages().get(1).name() + ","
                + model.stages().get(model.stages().size() - 1).name();
        Condition c = Where.custom("stage", Map.of("stage", two));
        for (Instant at : List.of(AS_OF, LATER)) {
            List<MemberId> perMember = new ArrayList<>();
            for (MemberId id : ids(30)) {
                if (engine.test(c, changed.view(id, at).orElseThrow())) {
                    perMember.add(id);
                }
            }
            assertThat(later.evaluate(c, at).stream().toList()).isEqualTo(perMember);
        }
    }

    @Test
    void onCdnowTheCalibratedPredicateGivesTheTablesSegments() {
        Crm crm = Cdnow.shop(Cdnow.rows());
        Snapshot plain = Snapshot.of(crm, SegmentCatalog.empty());
        Instant asOf =
                java.time.LocalDate.of(1998, 7, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        RfmTable table = plain.rfm(RfmModel.ofDefaults(), asOf);
        Snapshot snap = plain.withCatalog(SegmentCatalog.builder()
                .predicate(table.calibration().predicate("rfm"))
                .build());
        for (String segment : table.segmentCounts().keySet()) {
            assertThat(snap.count(Where.custom("rfm", Map.of("segment", segment)), asOf))
                    .as(segment)
                    .isEqualTo(table.segmentCounts().get(segment));
        }
        assertThat(snap.count(Where.custom("rfm", Map.of("r", "5", "f", "5", "m", "5")), asOf))
                .isEqualTo(table.count(5, 5, 5));
    }

    @Test
    void aCalibrationIsTiedToItsZone() {
        Crm crm = RfmTest.shop(3, List.of(new Buy(0, 3, 100), new Buy(1, 9, 300)), 1);
        RfmCalibration rfm = Snapshot.of(crm, SegmentCatalog.empty())
                .rfm(RfmModel.ofDefaults(), AS_OF)
                .calibration();
        Crm utc = Crm.inMemory(
                io.crmkit.core.BrandSettings.custom().zone(ZoneOffset.UTC).build());
        utc.members()
                .saveAll(crm.members().stream()
                        .map(m -> io.crmkit.core.Member.builder(m.id(), m.joinedAt())
                                .build())
                        .toList());
        utc.orders().upsertAll(crm.orders().stream().toList());
        Snapshot other = Snapshot.of(
                utc, SegmentCatalog.builder().predicate(rfm.predicate("rfm")).build());
        assertThatThrownBy(() -> other.count(Where.custom("rfm", Map.of("segment", "Lost")), AS_OF))
                .isInstanceOf(SegmentationException.class)
                .hasMessageContaining("cannot be evaluated on a snapshot in zone Z");
    }

    @Test
    void badParametersThrowOnBothPathsAlike() {
        Crm crm = RfmTest.shop(3, List.of(new Buy(0, 3, 100)), 1);
        Snapshot plain = Snapshot.of(crm, SegmentCatalog.empty());
        RfmCalibration rfm = plain.rfm(RfmModel.ofDefaults(), AS_OF).calibration();
        Snapshot snap = plain.withCatalog(
                SegmentCatalog.builder().predicate(rfm.predicate("rfm")).build());
        // nobody is tagged, so a reordered evaluation would never reach the bad part; it must still throw
        Condition bad = Where.allOf(Where.custom("rfm", Map.of("r", "7")), Where.tagged("vip"));
        assertThatThrownBy(() -> snap.count(bad, AS_OF)).hasMessageContaining("within 1..5");
    }

    @Test
    void badParametersFailWhenTheCatalogIsBuilt() {
        Crm crm = RfmTest.shop(3, List.of(new Buy(0, 3, 100)), 1);
        Snapshot plain = Snapshot.of(crm, SegmentCatalog.empty());
        RfmCalibration rfm = plain.rfm(RfmModel.ofDefaults(), AS_OF).calibration();
        LifecycleCalibration napl =
                plain.lifecycle(LifecycleModel.napl().build(), AS_OF).calibration();
        var p = rfm.predicate("rfm");
        assertThatThrownBy(() -> p.validate(Map.of("segment", "Nobody")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"Nobody\" is not a segment");
        assertThatThrownBy(() -> p.validate(Map.of("r", "4-6"))).hasMessageContaining("within 1..5");
        assertThatThrownBy(() -> p.validate(Map.of("x", "1"))).hasMessageContaining("unknown parameter");
        assertThatThrownBy(() -> p.validate(Map.of())).hasMessageContaining("needs segment, or r, f or m");
        assertThatThrownBy(() -> p.validate(Map.of("segment", "Lost", "r", "1")))
                .hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> napl.predicate("napl").validate(Map.of("stage", "lapsed")))
                .hasMessageContaining("\"lapsed\" is not a stage of NAPL");
    }
}
