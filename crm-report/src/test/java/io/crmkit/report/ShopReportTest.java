package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Money;
import io.crmkit.report.spi.ReportSection;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmTable;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentJson;
import io.crmkit.segmentation.Snapshot;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopReportTest {
    static Crm crm;
    static ShopReport report;
    static final Instant AS_OF = Instant.parse("2025-12-31T16:00:00Z"); // 2026-01-01 in Taipei

    @BeforeAll
    static void analyse() {
        crm = Shops.small();
        report = ShopReport.analyse(crm, ReportOptions.ofDefaults());
    }

    private static long sum(ReportTable t, String column) {
        int c = t.column(column);
        return t.rows().stream().mapToLong(r -> ((Number) r.get(c)).longValue()).sum();
    }

    @Test
    void asOfDefaultsToTheDayAfterTheLastOrder() {
        assertThat(report.asOf()).isEqualTo(AS_OF);
    }

    @Test
    void kpisAgreeWithMemberStatsOfEveryMember() {
        long buyers = 0, repeat = 0;
        long members = 0;
        try (Stream<Member> s = crm.members().stream()) {
            for (Member m : (Iterable<Member>) s::iterator) {
                members++;
                MemberStats st = crm.view(m.id(), AS_OF).orElseThrow().stats();
                buyers += st.orderCount() > 0 ? 1 : 0;
                repeat += st.purchaseDays() >= 2 ? 1 : 0;
            }
        }
        Kpis k = report.kpis();
        assertThat(k.members()).isEqualTo(members).isEqualTo(1_500);
        assertThat(k.buyers()).isEqualTo(buyers).isPositive();
        assertThat(k.repeatBuyers()).isEqualTo(repeat);
        assertThat(k.expectedRevenueNextYear()).isPresent();
        ReportTable kt = report.table("kpis").orElseThrow();
        assertThat(kt.rows()).contains(List.of("buyers", buyers), List.of("members", members));
    }

    @Test
    void rfmTablesAreTheSnapshotsRfm() {
        RfmTable rfm = Snapshot.of(crm, SegmentCatalog.empty()).rfm(RfmModel.ofDefaults(), AS_OF);
        ReportTable grid = report.table("rfm_grid").orElseThrow();
        assertThat(grid.rows()).hasSize(25);
        for (List<Object> row : grid.rows()) {
            int r = (Integer) row.get(0), f = (Integer) row.get(1);
            long want = 0;
            for (int m = 1; m <= 5; m++) {
                want += rfm.count(r, f, m);
            }
            assertThat(row.get(2)).as("R%d F%d", r, f).isEqualTo(want);
        }
        assertThat(sum(grid, "members")).isEqualTo(rfm.scored());
        assertThat(sum(report.table("rfm_segments").orElseThrow(), "members"))
                .isEqualTo(rfm.segmentCounts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
    }

    @Test
    void segmentSizesAndOverlapsAreCountsOnTheSnapshot() {
        Snapshot snapshot = Snapshot.of(crm, SegmentCatalog.empty());
        ReportTable sizes = report.table("segments").orElseThrow();
        ReportTable overlap = report.table("segment_overlap").orElseThrow();
        List<Segment> segments = report.segments();
        assertThat(segments)
                .extracting(s -> s.id().value())
                .contains("vip-at-risk", "birthday-this-month", "double11-campaign-only", "win-back");
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            long n = snapshot.count(s.condition(), AS_OF);
            assertThat(sizes.rows().get(i)).element(2).as(s.id().value()).isEqualTo(n);
            // a segment read back from its JSON counts the same
            assertThat(snapshot.count(
                            SegmentJson.fromJson(SegmentJson.toJson(s)).condition(), AS_OF))
                    .isEqualTo(n);
        }
        // the four Double-11 cohorts split the buyers
        long cohorts = 0;
        for (List<Object> r : sizes.rows()) {
            if (((String) r.get(0)).startsWith("double11-")) {
                cohorts += (Long) r.get(2);
            }
        }
        assertThat(cohorts).isEqualTo(report.kpis().buyers());
        int k = segments.size();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                long both = snapshot.evaluate(segments.get(i).condition(), AS_OF)
                        .and(snapshot.evaluate(segments.get(j).condition(), AS_OF))
                        .count();
                assertThat(overlap.rows().get(i * k + j).get(2)).isEqualTo(both);
            }
        }
    }

    @Test
    void lifecycleStagesCoverEveryMemberAndTheFlowToo() {
        assertThat(sum(report.table("lifecycle_stages").orElseThrow(), "members"))
                .isEqualTo(1_500);
        assertThat(sum(report.table("lifecycle_flow").orElseThrow(), "members")).isEqualTo(1_500);
        assertThat(sum(report.table("tiers").orElseThrow(), "members")).isEqualTo(1_500);
    }

    @Test
    void monthlyAndHistogramsAddUpToTheOrders() {
        long orders = report.kpis().orders();
        assertThat(sum(report.table("monthly_customers").orElseThrow(), "orders"))
                .isEqualTo(orders);
        assertThat(sum(report.table("order_totals").orElseThrow(), "orders")).isEqualTo(orders);
        assertThat(sum(report.table("weekday_hour").orElseThrow(), "orders")).isEqualTo(orders);
        ReportTable m = report.table("monthly_customers").orElseThrow();
        // new customers count first orders that are not cancelled (a fully refunded one included),
        // so members whose only orders were refunded are customers here but not buyers
        java.util.Set<MemberId> ordered = new java.util.HashSet<>();
        try (Stream<io.crmkit.core.Order> s = crm.orders().stream()) {
            s.filter(o -> !o.isCancelled() && o.placedAt().isBefore(AS_OF)).forEach(o -> ordered.add(o.memberId()));
        }
        assertThat(sum(m, "new_customers"))
                .isEqualTo(ordered.size())
                .isGreaterThanOrEqualTo(report.kpis().buyers());
        BigDecimal revenue = BigDecimal.ZERO;
        for (List<Object> r : m.rows()) {
            revenue = revenue.add((BigDecimal) r.get(3)).add((BigDecimal) r.get(4));
        }
        assertThat(Money.of(revenue, report.kpis().revenue().currency()))
                .isEqualTo(report.kpis().revenue());
    }

    @Test
    void clvCoversEveryBuyerAndTheTopListIsSorted() {
        assertThat(sum(report.table("clv_distribution").orElseThrow(), "members"))
                .isEqualTo(report.kpis().buyers());
        ReportTable top = report.table("clv_top").orElseThrow();
        assertThat(top.rows()).hasSize(20);
        List<BigDecimal> values = new ArrayList<>();
        top.rows().forEach(r -> values.add((BigDecimal) r.get(4)));
        assertThat(values).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = report.toHtml();
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("<link");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
        for (String chart : BrowserTest.CHARTS) {
            assertThat(html).contains("data-chart=\"" + chart + "\"");
        }
        assertThat(html).contains("會員經營報表", "NT$");
    }

    @Test
    void englishLabelsAndFormats() {
        ShopReport en = ShopReport.analyse(
                crm,
                ReportOptions.custom()
                        .locale(Locale.ENGLISH)
                        .title("Shop <A&B>")
                        .build());
        String html = en.toHtml();
        assertThat(html)
                .contains("Shop &lt;A&amp;B&gt;", "New vs returning customers per month")
                .doesNotContain("會員經營報表");
        // the numbers do not depend on the language
        assertThat(en.table("rfm_grid")).isEqualTo(report.table("rfm_grid"));
        assertThat(en.table("segment_overlap")).isEqualTo(report.table("segment_overlap"));
    }

    @Test
    void writesHtmlCsvJsonAndSegments(@TempDir Path dir) throws Exception {
        List<Path> files = report.write(dir);
        assertThat(files.get(0)).isEqualTo(dir.resolve("report.html"));
        for (ReportTable t : report.tables()) {
            assertThat(Files.readString(dir.resolve("tables/" + t.id() + ".csv")))
                    .isEqualTo(t.toCsv());
            assertThat(Files.readString(dir.resolve("tables/" + t.id() + ".json")))
                    .isEqualTo(t.toJson());
        }
        for (Segment s : report.segments()) {
            String json = Files.readString(dir.resolve("segments/" + s.id().value() + ".json"));
            assertThat(SegmentJson.fromJson(json).condition()).isEqualTo(s.condition());
        }
    }

    @Test
    void aWriteThatFailsNamesTheFile(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("out");
        Files.writeString(blocker, "a file, not a directory");
        assertThatThrownBy(() -> report.write(blocker))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("report.html");
    }

    @Test
    void anEmptyStoreHasNothingToReport() {
        Crm empty = Crm.inMemory(BrandSettings.ofDefaults());
        empty.members()
                .save(Member.builder(MemberId.of("M1"), AS_OF.minusSeconds(86_400))
                        .build());
        assertThatThrownBy(() -> ShopReport.analyse(empty, ReportOptions.ofDefaults()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ShopReport.analyse(
                        crm,
                        ReportOptions.custom()
                                .asOf(Instant.parse("2020-01-01T00:00:00Z"))
                                .build()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("no order was placed before 2020-01-01T00:00:00Z");
    }

    @Test
    void extraSectionsComeLastAndIdsMustBeUnique() {
        ReportSection extra = new ReportSection() {
            @Override
            public String id() {
                return "journey-backtest";
            }

            @Override
            public String title(Locale locale) {
                return "Journeys";
            }

            @Override
            public List<ReportTable> tables() {
                return List.of(
                        new ReportTable("journey_funnel", List.of("step", "members"), List.of(List.of("sent", 5L))));
            }

            @Override
            public String html(Locale locale) {
                return Charts.funnel("journey-funnel", "Journeys", List.of("sent"), new double[] {5}, v -> "5");
            }
        };
        ShopReport r =
                ShopReport.analyse(crm, ReportOptions.custom().section(extra).build());
        assertThat(r.sections().get(r.sections().size() - 1).id()).isEqualTo("journey-backtest");
        assertThat(r.toHtml()).contains("data-chart=\"journey-funnel\"", "data-section=\"journey-backtest\"");
        assertThat(r.table("journey_funnel")).isPresent();
        assertThatThrownBy(() -> ShopReport.analyse(
                        crm,
                        ReportOptions.custom().section(extra).section(extra).build()))
                .isInstanceOf(ReportException.class)
                .hasMessageContaining("two sections have the id journey-backtest");
    }
}
