package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.Backtest;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyId;
import io.crmkit.automation.StandardJourneys;
import io.crmkit.automation.Uplift;
import io.crmkit.core.Crm;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The journey back-test section: its tables are the back-test's counters, its HTML shows them. */
class JourneySectionTest {
    @Test
    void tablesAndHtmlShowTheBacktest() {
        Crm crm = Shops.small();
        List<Journey> js = StandardJourneys.all();
        Backtest.Result r = Backtest.builder(crm)
                .journeys(js)
                .between(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
                .run();
        JourneySection section = JourneySection.of(js, r);
        ReportTable summary = section.tables().get(0);
        assertThat(summary.id()).isEqualTo("journey_backtest");
        assertThat(summary.rows()).hasSize(5);
        for (List<Object> row : summary.rows()) {
            JourneyId id = JourneyId.of((String) row.get(0));
            assertThat(row.get(2)).isEqualTo(r.metrics().journey(id).entered());
            assertThat(row.get(5)).isEqualTo(r.metrics().journey(id).converted());
        }
        long messages =
                summary.rows().stream().mapToLong(row -> (Long) row.get(3)).sum();
        assertThat(messages).isEqualTo(r.effects().get("message")).isPositive();

        Uplift u = r.metrics().uplift(JourneyId.of("win-back"));
        ReportTable uplift = section.tables().get(2);
        assertThat(uplift.rows()).hasSize(1);
        assertThat(uplift.rows().get(0).subList(0, 5))
                .containsExactly("win-back", u.treated(), u.treatedConverted(), u.control(), u.controlConverted());

        String html = section.html(Locale.forLanguageTag("zh-TW"));
        for (Journey j : js) {
            assertThat(html).contains("data-chart=\"journey-" + j.id().value() + "\"");
        }
        assertThat(html).contains("data-journey=\"win-back\"").contains("95% 信賴區間");
        assertThat(section.html(Locale.ENGLISH)).contains("95% interval").doesNotContain("<script");

        ShopReport report =
                ShopReport.analyse(crm, ReportOptions.custom().section(section).build());
        assertThat(report.table("journey_steps")).isPresent();
        assertThat(report.toHtml()).contains("data-chart=\"journey-birthday\"");
    }
}
