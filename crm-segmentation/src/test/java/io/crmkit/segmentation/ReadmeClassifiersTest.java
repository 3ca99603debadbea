package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Money;
import io.crmkit.segmentation.RfmTest.Buy;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README.md's "Classify members", compiled and run; the README copy must stay identical. */
class ReadmeClassifiersTest {
    @Test
    void theReadmeCodeRuns() {
        Crm crm = RfmTest.shop(50, List.of(new Buy(1, 3, 900), new Buy(1, 200, 300), new Buy(2, 400, 100)), 1);
        Instant now = RfmTest.AS_OF;
        Snapshot snapshot = Snapshot.of(crm, SegmentCatalog.empty());

        // readme:classifiers:start
        RfmModel model = RfmModel.builder()
                .window(Window.lastDays(365))
                .frequency(RfmModel.Frequency.PURCHASE_DAYS) // or ORDERS; monetary TOTAL or AVERAGE
                .build(); // 5 scores, NTILE as SQL, the 11 common segments
        RfmTable rfm = snapshot.rfm(model, now);
        rfm.segmentCounts(); // {Champions=…, Loyal=…, …, Lost=…}
        rfm.count(5, 5, 5); // one cell of the 125-cell grid
        MemberSet atRisk = rfm.members("At Risk");

        LifecycleTable napl = snapshot.lifecycle(
                LifecycleModel.napl().window(Period.ofMonths(3)).build(), now);
        napl.counts(); // {POTENTIAL=…, NEW=…, ACTIVE=…, DORMANT=…, LOST=…}
        LifecycleFlow flow =
                LifecycleFlow.between(snapshot.lifecycle(napl.model(), now.minus(Period.ofDays(30))), napl);

        // the classes inside segments: tonight's cut points, any member, any instant, both paths
        SegmentCatalog catalog = SegmentCatalog.builder()
                .predicate(rfm.calibration().predicate("rfm"))
                .predicate(napl.calibration().predicate("napl"))
                .build();
        Condition winBack = Where.allOf(
                Where.custom("rfm", Map.of("segment", "At Risk")), Where.custom("napl", Map.of("stage", "dormant")));
        long n = snapshot.withCatalog(catalog).count(winBack, now);

        // S2, the Double-11 split, over any campaign window
        LocalDate d11 = LocalDate.of(2025, 11, 11);
        Money brandAov = snapshot.averageOrderValue(Window.allTime(), now).orElseThrow();
        List<CampaignCohorts.Cohort> groups = CampaignCohorts.split(d11, d11.plusDays(1), brandAov);
        // readme:classifiers:end

        assertThat(rfm.scored()).isEqualTo(1); // member 2 bought 400 days ago: outside the window
        assertThat(rfm.unscored()).isEqualTo(49);
        assertThat(atRisk.count()).isLessThanOrEqualTo(2);
        assertThat(flow.stages()).hasSize(5);
        assertThat(n).isLessThanOrEqualTo(2);
        assertThat(groups).hasSize(4);
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        ReadmeBlocks.assertReadmeShows(getClass(), "classifiers");
    }
}
