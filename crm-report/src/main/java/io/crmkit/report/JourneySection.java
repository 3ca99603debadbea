package io.crmkit.report;

import io.crmkit.automation.Backtest;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyMetrics;
import io.crmkit.automation.Step;
import io.crmkit.automation.Uplift;
import io.crmkit.core.InvalidValueException;
import io.crmkit.report.internal.Html;
import io.crmkit.report.spi.ReportSection;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report section of a journey back-test: per journey a funnel (entered → messages sent →
 * converted), the guards' skips, and the uplift of treated members against the control group with
 * its 95% interval; tables {@code journey_backtest}, {@code journey_steps} and {@code
 * journey_uplift}.
 *
 * <pre>{@code
 * Backtest.Result r = Backtest.builder(crm).journeys(StandardJourneys.all()).between(from, to).run();
 * ShopReport.analyse(crm, ReportOptions.custom().section(JourneySection.of(StandardJourneys.all(), r)).build());
 * }</pre>
 */
public final class JourneySection implements ReportSection {
    private final List<Journey> journeys;
    private final Backtest.Result result;
    private final List<ReportTable> tables;

    private JourneySection(List<Journey> journeys, Backtest.Result result) {
        this.journeys = List.copyOf(journeys);
        this.result = result;
        this.tables = List.of(summary(), steps(), uplift());
    }

    /**
     * @param journeys the journeys that were back-tested, in the order to show them
     * @param result the back-test's result
     * @return the section
     */
    public static JourneySection of(List<Journey> journeys, Backtest.Result result) {
        if (journeys == null || journeys.isEmpty() || result == null) {
            throw new InvalidValueException("journeySection", "journeys and a back-test result are required");
        }
        return new JourneySection(journeys, result);
    }

    @Override
    public String id() {
        return "journeys";
    }

    @Override
    public String title(Locale locale) {
        return zh(locale) ? "自動化旅程回測" : "Journey back-test";
    }

    @Override
    public List<ReportTable> tables() {
        return tables;
    }

    private long sent(Journey j) {
        long n = 0;
        for (Step s : j.steps()) {
            if (s instanceof Step.Send) {
                n += result.metrics().step(j.id(), j.version(), s.id()).done();
            }
        }
        return n;
    }

    private long skipped(Journey j) {
        long n = 0;
        for (Step s : j.steps()) {
            JourneyMetrics.StepCounts c = result.metrics().step(j.id(), j.version(), s.id());
            n += c.noConsent() + c.capped() + c.suppressed();
        }
        return n;
    }

    private ReportTable summary() {
        List<List<Object>> rows = new ArrayList<>();
        for (Journey j : journeys) {
            JourneyMetrics.JourneyCounts c = result.metrics().journey(j.id());
            rows.add(List.of(j.id().value(), j.name(), c.entered(), sent(j), skipped(j), c.converted()));
        }
        return new ReportTable(
                "journey_backtest",
                List.of("journey", "name", "entered", "messages_sent", "skipped_by_guards", "converted"),
                rows);
    }

    private ReportTable steps() {
        List<List<Object>> rows = new ArrayList<>();
        for (Journey j : journeys) {
            for (Step s : j.steps()) {
                JourneyMetrics.StepCounts c = result.metrics().step(j.id(), j.version(), s.id());
                rows.add(List.of(
                        j.id().value(),
                        s.id(),
                        c.arrived(),
                        c.done(),
                        c.noConsent(),
                        c.capped(),
                        c.suppressed(),
                        c.deferred(),
                        c.failed(),
                        c.conversions()));
            }
        }
        return new ReportTable(
                "journey_steps",
                List.of(
                        "journey",
                        "step",
                        "arrived",
                        "done",
                        "no_consent",
                        "capped",
                        "suppressed",
                        "deferred",
                        "failed",
                        "conversions"),
                rows);
    }

    private ReportTable uplift() {
        List<List<Object>> rows = new ArrayList<>();
        for (Journey j : journeys) {
            Uplift u = result.metrics().uplift(j.id());
            if (u.control() > 0 && u.treated() > 0) {
                rows.add(List.of(
                        j.id().value(),
                        u.treated(),
                        u.treatedConverted(),
                        u.control(),
                        u.controlConverted(),
                        round(u.difference()),
                        round(u.low()),
                        round(u.high())));
            }
        }
        return new ReportTable(
                "journey_uplift",
                List.of(
                        "journey",
                        "treated",
                        "treated_converted",
                        "control",
                        "control_converted",
                        "difference",
                        "ci95_low",
                        "ci95_high"),
                rows);
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }

    private static boolean zh(Locale l) {
        return l.getLanguage().equals("zh");
    }

    @Override
    public String html(Locale locale) {
        boolean zh = zh(locale);
        NumberFormat nf = NumberFormat.getIntegerInstance(locale);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">")
                .append(
                        Html.esc(
                                zh
                                        ? "以過去的訂單與互動重播旅程（虛擬時鐘，不實際發送），期間 "
                                        : "Journeys replayed over past orders and interactions on a virtual clock (nothing sent), "))
                .append(Html.esc(result.from() + " – " + result.to()))
                .append(
                        Html.esc(
                                zh
                                        ? "；轉換是期間內實際發生的訂單，所以對照組才是效果的依據。"
                                        : "; conversions are orders that happened anyway, which is why the control group is the measure."))
                .append("</p>");
        for (Journey j : journeys) {
            JourneyMetrics.JourneyCounts c = result.metrics().journey(j.id());
            List<String> labels =
                    zh ? List.of("進入旅程", "已發送訊息", "達成目標") : List.of("Entered", "Messages sent", "Converted");
            double[] values = {c.entered(), sent(j), c.converted()};
            b.append("<h3>").append(Html.esc(j.name())).append("</h3>");
            b.append(Charts.funnel(
                    "journey-" + j.id().value(),
                    (zh ? "旅程漏斗：" : "Journey funnel: ") + j.name(),
                    labels,
                    values,
                    v -> nf.format((long) v)
                            + (c.entered() == 0
                                    ? ""
                                    : String.format(Locale.ROOT, " (%.1f%%)", 100 * v / c.entered()))));
            long skipped = skipped(j);
            if (skipped > 0) {
                b.append("<p class=\"note\">")
                        .append(Html.esc(
                                zh
                                        ? "因同意、頻率上限或排除名單而略過：" + nf.format(skipped)
                                        : "Skipped by consent, frequency cap or suppression: " + nf.format(skipped)))
                        .append("</p>");
            }
            Uplift u = result.metrics().uplift(j.id());
            if (u.control() > 0 && u.treated() > 0) {
                String line = String.format(
                        Locale.ROOT,
                        zh
                                ? "實驗組轉換率 %.1f%%（%s 人）對照組 %.1f%%（%s 人）：差 %+.1f 個百分點，95%% 信賴區間 %+.1f 至 %+.1f"
                                : "Treated %.1f%% (%s members) vs control %.1f%% (%s members): %+.1f points, 95%% interval %+.1f to %+.1f",
                        100 * u.treatedRate(),
                        nf.format(u.treated()),
                        100 * u.controlRate(),
                        nf.format(u.control()),
                        100 * u.difference(),
                        100 * u.low(),
                        100 * u.high());
                b.append("<p class=\"uplift\" data-journey=\"")
                        .append(Html.esc(j.id().value()))
                        .append("\" data-treated-rate=\"")
                        .append(String.format(Locale.ROOT, "%.6f", u.treatedRate()))
                        .append("\" data-control-rate=\"")
                        .append(String.format(Locale.ROOT, "%.6f", u.controlRate()))
                        .append("\">")
                        .append(Html.esc(line))
                        .append("</p>");
            }
        }
        return b.toString();
    }
}
