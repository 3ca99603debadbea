package io.crmkit.report.internal;

import static io.crmkit.report.internal.Html.esc;
import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.birthdayWithinDays;
import static io.crmkit.segmentation.Where.daysSinceFirstPurchase;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.orderCount;
import static io.crmkit.segmentation.Where.purchaseDays;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.spend;

import io.crmkit.analytics.BgNbd;
import io.crmkit.analytics.Clv;
import io.crmkit.analytics.CustomerSummary;
import io.crmkit.analytics.GammaGamma;
import io.crmkit.analytics.PeriodUnit;
import io.crmkit.analytics.SalesReports;
import io.crmkit.analytics.SummaryOptions;
import io.crmkit.analytics.TransactionSummarizer;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import io.crmkit.report.Charts;
import io.crmkit.report.Kpis;
import io.crmkit.report.ReportException;
import io.crmkit.report.ReportOptions;
import io.crmkit.report.ReportTable;
import io.crmkit.report.spi.ReportSection;
import io.crmkit.segmentation.CampaignCohorts;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.LifecycleFlow;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.LifecycleStage;
import io.crmkit.segmentation.LifecycleTable;
import io.crmkit.segmentation.Overlap;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmTable;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Snapshot;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierAssignments;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.Window;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The report's steps, in order: as-of, snapshot, dashboard reports, RFM, lifecycle, tiers, saved
 * segments, CLV. Each step reads the snapshot or one pass over the order store, then builds its
 * section (tables first, the chart from the tables' numbers).
 */
public final class Analysis {
    private final Crm crm;
    private final ReportOptions options;
    private final BrandSettings brand;
    private final Currency currency;
    private final Fmt fmt;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final List<ReportSection> sections = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private String step = "";
    private long stepStart;

    /**
     * What the analysis produced.
     *
     * @param asOf the as-of instant
     * @param kpis the header figures
     * @param sections the built-in sections then the options' own
     * @param segments the saved segments, with their conditions
     * @param millis milliseconds per step, in order
     */
    public record Result(
            Instant asOf, Kpis kpis, List<ReportSection> sections, List<Segment> segments, Map<String, Long> millis) {}

    private Analysis(Crm crm, ReportOptions options) {
        this.crm = crm;
        this.options = options;
        this.brand = crm.settings();
        this.currency = brand.currency();
        this.fmt = new Fmt(options.locale());
    }

    /**
     * @param crm the stores
     * @param options the options
     * @return the result
     */
    public static Result run(Crm crm, ReportOptions options) {
        return new Analysis(crm, options).run();
    }

    private void start(String name) {
        long now = System.nanoTime();
        if (!step.isEmpty()) {
            millis.put(step, (now - stepStart) / 1_000_000);
        }
        step = name;
        stepStart = now;
        if (!name.isEmpty()) {
            options.progress().accept(name);
        }
    }

    private Result run() {
        start("as-of");
        Instant asOf = options.asOf().orElseGet(this::dayAfterLastOrder);

        start("snapshot");
        // no condition of the report reads interactions: the snapshot leaves them out (they can be
        // most of a shop's records)
        Crm withoutInteractions = Crm.builder(brand)
                .members(crm.members())
                .orders(crm.orders())
                .products(crm.products())
                .build();
        Snapshot snapshot = Snapshot.of(withoutInteractions, SegmentCatalog.empty());

        start("sales reports");
        SalesReports sales = SalesReports.of(crm.orders(), brand, TimeRange.until(asOf));
        if (sales.orders() == 0) {
            throw new ReportException("no order was placed before " + asOf + ": nothing to report on");
        }
        sections.add(monthly(sales));
        sections.add(categories(sales));
        sections.add(orderTotals(sales));
        sections.add(heatmap(sales));

        start("rfm");
        RfmTable rfm = snapshot.rfm(RfmModel.ofDefaults(), asOf);
        sections.add(rfm(rfm));

        start("lifecycle");
        LifecycleTable napl = snapshot.lifecycle(LifecycleModel.napl().build(), asOf);
        Instant monthBefore =
                brand.dateOf(asOf).minusDays(30).atStartOfDay(brand.zone()).toInstant();
        LifecycleTable before = snapshot.lifecycle(napl.model(), monthBefore);
        sections.add(lifecycle(napl, LifecycleFlow.between(before, napl)));

        start("tiers");
        TierProgram program = options.tiers().orElseGet(this::defaultTiers);
        sections.add(tiers(program, program.evaluateAll(crm, asOf)));

        start("segments");
        Money aov = snapshot.averageOrderValue(Window.allTime(), asOf).orElse(Money.zero(currency));
        sections.add(segments(snapshot, asOf, aov));

        start("clv");
        Optional<Money> nextYear = clv(asOf);

        start("kpis");
        long buyers = snapshot.count(orderCount(Window.allTime()).atLeast(1), asOf);
        long repeat = snapshot.count(purchaseDays(Window.allTime()).atLeast(2), asOf);
        long revenue = 0;
        for (SalesReports.MonthlyCustomers m : sales.monthlyCustomers()) {
            revenue = Math.addExact(
                    revenue,
                    Math.addExact(
                            m.newRevenue().minorUnits(), m.returningRevenue().minorUnits()));
        }
        Map<LifecycleStage, Long> stages = napl.counts();
        Kpis kpis = new Kpis(
                snapshot.size(),
                buyers,
                sales.orders(),
                Money.ofMinor(revenue, currency),
                snapshot.averageOrderValue(Window.allTime(), asOf),
                repeat,
                stages.getOrDefault(LifecycleStage.NEW, 0L) + stages.getOrDefault(LifecycleStage.ACTIVE, 0L),
                nextYear);
        sections.add(0, kpiSection(kpis));
        sections.addAll(options.sections());
        start("");
        return new Result(
                asOf,
                kpis,
                List.copyOf(sections),
                List.copyOf(segments),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(millis)));
    }

    private Instant dayAfterLastOrder() {
        Instant last = null;
        try (Stream<Order> s = crm.orders().stream()) {
            Iterator<Order> it = s.iterator();
            while (it.hasNext()) {
                Instant t = it.next().placedAt();
                if (last == null || t.isAfter(last)) {
                    last = t;
                }
            }
        }
        if (last == null) {
            throw new ReportException("the order store is empty: nothing to report on");
        }
        return brand.dateOf(last).plusDays(1).atStartOfDay(brand.zone()).toInstant();
    }

    private TierProgram defaultTiers() {
        return TierProgram.builder(currency)
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("member"))
                .tier(Tier.named("silver").minSpend(Money.of(3_000, currency)))
                .tier(Tier.named("gold").minSpend(Money.of(10_000, currency)))
                .tier(Tier.named("diamond").minSpend(Money.of(50_000, currency)).minOrders(6))
                .build();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    private static BigDecimal units(Money m) {
        return m.toBigDecimal();
    }

    private String lead(String key, Object... args) {
        return "<p class=\"lead\">" + esc(fmt.label(key, args)) + "</p>";
    }

    private Built section(String id, List<ReportTable> tables, String html) {
        return new Built(id, fmt.label("section." + id), tables, html);
    }

    private String money(long minor) {
        return fmt.money(Money.ofMinor(minor, currency));
    }

    // ---- sections -------------------------------------------------------------------------------

    private Built kpiSection(Kpis k) {
        List<List<Object>> rows = new ArrayList<>();
        StringBuilder h = new StringBuilder("<div class=\"kpis\">");
        kpi(h, rows, "members", k.members(), fmt.integer(k.members()));
        kpi(h, rows, "buyers", k.buyers(), fmt.integer(k.buyers()));
        kpi(h, rows, "orders", k.orders(), fmt.integer(k.orders()));
        kpi(h, rows, "revenue", units(k.revenue()), fmt.money(k.revenue()));
        k.averageOrderValue().ifPresent(a -> kpi(h, rows, "aov", units(a), fmt.money(a)));
        kpi(
                h,
                rows,
                "repeat_rate",
                BigDecimal.valueOf(k.repeatRate()).setScale(4, RoundingMode.HALF_EVEN),
                fmt.percent(k.repeatRate()));
        kpi(h, rows, "active_members", k.activeMembers(), fmt.integer(k.activeMembers()));
        k.expectedRevenueNextYear().ifPresent(a -> kpi(h, rows, "expected_revenue_next_year", units(a), fmt.money(a)));
        h.append("</div>");
        return section("kpis", List.of(new ReportTable("kpis", List.of("kpi", "value"), rows)), h.toString());
    }

    private void kpi(StringBuilder h, List<List<Object>> rows, String key, Object value, String shown) {
        rows.add(row(key, value));
        h.append("<div class=\"kpi\" data-kpi=\"")
                .append(key)
                .append("\" data-value=\"")
                .append(esc(ReportTable.text(value)))
                .append("\"><div class=\"kpi-value\">")
                .append(esc(shown))
                .append("</div><div class=\"kpi-label\">")
                .append(esc(fmt.label("kpi." + key)))
                .append("</div></div>");
    }

    private Built monthly(SalesReports sales) {
        List<SalesReports.MonthlyCustomers> months = sales.monthlyCustomers();
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[][] v = new double[2][months.size()];
        for (int i = 0; i < months.size(); i++) {
            SalesReports.MonthlyCustomers m = months.get(i);
            rows.add(row(
                    m.month().toString(),
                    m.newCustomers(),
                    m.returningCustomers(),
                    units(m.newRevenue()),
                    units(m.returningRevenue()),
                    m.orders()));
            labels.add(m.month().toString());
            v[0][i] = m.newCustomers();
            v[1][i] = m.returningCustomers();
        }
        ReportTable t = new ReportTable(
                "monthly_customers",
                List.of("month", "new_customers", "returning_customers", "new_revenue", "returning_revenue", "orders"),
                rows);
        String svg = Charts.stackedColumns(
                "monthly-customers",
                fmt.label("section.monthly-customers"),
                labels,
                List.of(fmt.label("series.new"), fmt.label("series.returning")),
                v,
                fmt::compact,
                d -> fmt.integer((long) d));
        return section("monthly-customers", List.of(t), lead("lead.monthly-customers") + svg);
    }

    private Built categories(SalesReports sales) {
        List<SalesReports.CategoryRow> all = sales.categoryRanking();
        List<List<Object>> rows = new ArrayList<>();
        boolean profitKnown = false;
        for (SalesReports.CategoryRow c : all) {
            profitKnown |= c.grossProfit().isPresent();
            rows.add(row(
                    c.category(),
                    units(c.revenue()),
                    c.grossProfit().map(Analysis::units).map(Object.class::cast).orElse(""),
                    c.units()));
        }
        ReportTable t = new ReportTable("categories", List.of("category", "revenue", "gross_profit", "units"), rows);
        int k = Math.min(15, all.size());
        List<String> labels = new ArrayList<>();
        double[][] v = new double[profitKnown ? 2 : 1][k];
        for (int i = 0; i < k; i++) {
            SalesReports.CategoryRow c = all.get(i);
            labels.add(c.category());
            v[0][i] = units(c.revenue()).doubleValue();
            if (profitKnown) {
                v[1][i] = c.grossProfit()
                        .map(Analysis::units)
                        .orElse(BigDecimal.ZERO)
                        .doubleValue();
            }
        }
        List<String> series = profitKnown
                ? List.of(fmt.label("series.revenue"), fmt.label("series.gross_profit"))
                : List.of(fmt.label("series.revenue"));
        String svg = Charts.groupedBars(
                "categories",
                fmt.label("section.categories"),
                labels,
                series,
                v,
                d -> fmt.money(BigDecimal.valueOf(d), currency));
        return section(
                "categories",
                List.of(t),
                lead("lead.categories", k, all.size()) + (profitKnown ? "" : lead("lead.no-cost")) + svg);
    }

    private Built orderTotals(SalesReports sales) {
        List<SalesReports.Bin> bins = sales.orderTotalHistogram();
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] v = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            SalesReports.Bin b = bins.get(i);
            rows.add(row(units(b.from()), units(b.to()), b.orders(), units(b.revenue())));
            labels.add(fmt.moneyShort(units(b.from()).doubleValue(), currency) + "–"
                    + fmt.compact(units(b.to()).doubleValue()));
            v[i] = b.orders();
        }
        ReportTable t = new ReportTable("order_totals", List.of("from", "to", "orders", "revenue"), rows);
        String svg = Charts.columns(
                "order-totals",
                fmt.label("section.order-totals"),
                labels,
                v,
                fmt::compact,
                d -> fmt.integer((long) d),
                Charts.PALETTE.get(0));
        return section("order-totals", List.of(t), lead("lead.order-totals") + svg);
    }

    private Built heatmap(SalesReports sales) {
        SalesReports.Heatmap hm = sales.weekdayHourHeatmap();
        List<List<Object>> rows = new ArrayList<>();
        List<String> days = new ArrayList<>();
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(Integer.toString(h));
        }
        double[][] v = new double[7][24];
        for (int d = 0; d < 7; d++) {
            DayOfWeek day = DayOfWeek.of(d + 1);
            days.add(day.getDisplayName(TextStyle.SHORT, fmt.locale()));
            for (int h = 0; h < 24; h++) {
                rows.add(row(
                        day.name().toLowerCase(java.util.Locale.ROOT),
                        h,
                        hm.orders()[d][h],
                        units(Money.ofMinor(hm.revenue()[d][h], currency))));
                v[d][h] = hm.orders()[d][h];
            }
        }
        ReportTable t = new ReportTable("weekday_hour", List.of("weekday", "hour", "orders", "revenue"), rows);
        String svg = Charts.matrix(
                "weekday-hour",
                fmt.label("section.weekday-hour"),
                days,
                hours,
                v,
                d -> fmt.integer((long) d),
                false,
                fmt.label("axis.weekday"),
                fmt.label("axis.hour"));
        return section(
                "weekday-hour",
                List.of(t),
                lead("lead.weekday-hour", brand.zone().getId()) + svg);
    }

    private Built rfm(RfmTable rfm) {
        int k = rfm.model().scores();
        long[] grid = rfm.grid();
        List<List<Object>> gridRows = new ArrayList<>();
        List<String> rLabels = new ArrayList<>();
        List<String> fLabels = new ArrayList<>();
        double[][] v = new double[k][k];
        for (int f = 1; f <= k; f++) {
            fLabels.add("F" + f);
        }
        for (int r = k; r >= 1; r--) {
            rLabels.add("R" + r);
            for (int f = 1; f <= k; f++) {
                long sum = 0;
                for (int m = 1; m <= k; m++) {
                    sum += grid[((r - 1) * k + (f - 1)) * k + (m - 1)];
                }
                gridRows.add(row(r, f, sum));
                v[k - r][f - 1] = sum;
            }
        }
        ReportTable gt = new ReportTable("rfm_grid", List.of("r", "f", "members"), gridRows);
        List<List<Object>> segRows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (Map.Entry<String, Long> e : rfm.segmentCounts().entrySet()) {
            segRows.add(row(e.getKey(), e.getValue()));
            names.add(fmt.labelOr("rfm." + e.getKey().replaceAll("[^A-Za-z]", ""), e.getKey()));
            counts.add((double) e.getValue());
        }
        ReportTable st = new ReportTable("rfm_segments", List.of("segment", "members"), segRows);
        String grid2 = Charts.matrix(
                "rfm-grid",
                fmt.label("chart.rfm-grid"),
                rLabels,
                fLabels,
                v,
                d -> fmt.integer((long) d),
                true,
                fmt.label("axis.recency"),
                fmt.label("axis.frequency"));
        String bars = Charts.groupedBars(
                "rfm-segments",
                fmt.label("chart.rfm-segments"),
                names,
                List.of(fmt.label("series.members")),
                new double[][] {counts.stream().mapToDouble(Double::doubleValue).toArray()},
                d -> fmt.integer((long) d));
        return section(
                "rfm",
                List.of(gt, st),
                lead("lead.rfm", fmt.integer(rfm.scored()), fmt.integer(rfm.unscored())) + grid2 + "<h3>"
                        + esc(fmt.label("chart.rfm-segments")) + "</h3>" + bars);
    }

    private Built lifecycle(LifecycleTable napl, LifecycleFlow flow) {
        Map<LifecycleStage, Long> counts = napl.counts();
        List<LifecycleStage> stages = napl.model().stages();
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] v = new double[stages.size()];
        for (int i = 0; i < stages.size(); i++) {
            LifecycleStage s = stages.get(i);
            long c = counts.getOrDefault(s, 0L);
            rows.add(row(s.name().toLowerCase(java.util.Locale.ROOT), c));
            labels.add(fmt.label("stage." + s.name()));
            v[i] = c;
        }
        long total = Arrays.stream(v).mapToLong(d -> (long) d).sum();
        ReportTable st = new ReportTable("lifecycle_stages", List.of("stage", "members"), rows);
        List<LifecycleStage> fs = flow.stages();
        long[][] m = flow.matrix();
        List<List<Object>> flowRows = new ArrayList<>();
        List<String> fl = new ArrayList<>();
        double[][] fv = new double[fs.size()][fs.size()];
        for (int a = 0; a < fs.size(); a++) {
            fl.add(fmt.label("stage." + fs.get(a).name()));
            for (int b = 0; b < fs.size(); b++) {
                flowRows.add(row(
                        fs.get(a).name().toLowerCase(java.util.Locale.ROOT),
                        fs.get(b).name().toLowerCase(java.util.Locale.ROOT),
                        m[a][b]));
                fv[a][b] = m[a][b];
            }
        }
        ReportTable ft = new ReportTable("lifecycle_flow", List.of("from_stage", "to_stage", "members"), flowRows);
        String funnel = Charts.funnel(
                "lifecycle-funnel",
                fmt.label("chart.lifecycle-funnel"),
                labels,
                v,
                d -> fmt.integer((long) d) + " (" + fmt.percent(total == 0 ? 0 : d / total) + ")");
        String matrix = Charts.matrix(
                "lifecycle-flow",
                fmt.label("chart.lifecycle-flow"),
                fl,
                fl,
                fv,
                d -> fmt.integer((long) d),
                true,
                fmt.label("axis.stage-before"),
                fmt.label("axis.stage-now"));
        return section(
                "lifecycle",
                List.of(st, ft),
                lead("lead.lifecycle") + funnel + "<h3>" + esc(fmt.label("chart.lifecycle-flow")) + "</h3>"
                        + lead("lead.lifecycle-flow") + matrix);
    }

    private Built tiers(TierProgram program, TierAssignments a) {
        StringBuilder rules = new StringBuilder();
        for (Tier t : program.tiers()) {
            if (t.minSpend().isEmpty() && t.minOrders().isEmpty()) {
                continue;
            }
            if (rules.length() > 0) {
                rules.append(fmt.label("tier.rule-separator"));
            }
            rules.append(fmt.labelOr("tier." + t.name(), t.name())).append(' ');
            t.minSpend().ifPresent(m -> rules.append(fmt.money(m)));
            if (t.minSpend().isPresent() && t.minOrders().isPresent()) {
                rules.append(" + ");
            }
            t.minOrders().ifPresent(n -> rules.append(fmt.label("tier.orders", Integer.toString(n))));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (Map.Entry<String, Long> e : a.counts().entrySet()) {
            rows.add(row(e.getKey(), e.getValue()));
            labels.add(fmt.labelOr("tier." + e.getKey(), e.getKey()));
            v.add((double) e.getValue());
        }
        ReportTable t = new ReportTable("tiers", List.of("tier", "members"), rows);
        String svg = Charts.groupedBars(
                "tiers",
                fmt.label("section.tiers"),
                labels,
                List.of(fmt.label("series.members")),
                new double[][] {v.stream().mapToDouble(Double::doubleValue).toArray()},
                d -> fmt.integer((long) d));
        return section(
                "tiers",
                List.of(t),
                lead(
                                "lead.tiers",
                                rules.toString(),
                                fmt.label("tier.period." + program.period().name()))
                        + svg);
    }

    private Built segments(Snapshot snapshot, Instant asOf, Money aov) {
        LocalDate today = brand.dateOf(asOf);
        // VIP: five average orders or more, all time
        Money vip = Money.of(
                units(aov)
                        .multiply(BigDecimal.valueOf(5))
                        .setScale(-2, RoundingMode.HALF_UP)
                        .max(BigDecimal.ONE),
                currency);
        add(
                "vip-at-risk",
                allOf(
                        spend(Window.allTime()).atLeast(vip),
                        daysSinceLastPurchase().moreThan(90)),
                fmt.money(vip));
        int year = today.isBefore(LocalDate.of(today.getYear(), 11, 12)) ? today.getYear() - 1 : today.getYear();
        LocalDate d11 = LocalDate.of(year, 11, 11);
        for (CampaignCohorts.Cohort c : CampaignCohorts.split(d11, d11.plusDays(1), aov)) {
            add(
                    "double11-" + c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    c.condition(),
                    Integer.toString(year),
                    fmt.money(aov));
        }
        add(
                "birthday-this-month",
                birthdayWithinDays(today.lengthOfMonth() - today.getDayOfMonth()),
                today.getMonth().getDisplayName(TextStyle.FULL, fmt.locale()));
        add(
                "win-back",
                allOf(
                        purchaseDays(Window.allTime()).atLeast(2),
                        daysSinceLastPurchase().between(91, 365)));
        add("new-buyers-90-days", daysSinceFirstPurchase().atMost(89));
        add(
                "line-reachable-buyers",
                allOf(
                        reachableBy(ContactChannel.LINE),
                        orderCount(Window.allTime()).atLeast(1)));
        List<Condition> conditions = segments.stream().map(Segment::condition).toList();
        Overlap o = snapshot.overlap(conditions, asOf);
        int k = segments.size();
        List<List<Object>> rows = new ArrayList<>();
        List<List<Object>> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        double[] sizes = new double[k];
        double[][] ov = new double[k][k];
        long members = snapshot.size();
        for (int i = 0; i < k; i++) {
            Segment s = segments.get(i);
            rows.add(row(
                    s.id().value(),
                    s.name(),
                    o.size(i),
                    BigDecimal.valueOf(members == 0 ? 0 : (double) o.size(i) / members)
                            .setScale(4, RoundingMode.HALF_EVEN)));
            names.add(s.name());
            sizes[i] = o.size(i);
            for (int j = 0; j < k; j++) {
                pairs.add(row(s.id().value(), segments.get(j).id().value(), o.count(i, j)));
                ov[i][j] = o.count(i, j);
            }
        }
        ReportTable st = new ReportTable("segments", List.of("segment", "name", "members", "share"), rows);
        ReportTable ot = new ReportTable("segment_overlap", List.of("segment_a", "segment_b", "members"), pairs);
        String bars = Charts.groupedBars(
                "segment-sizes",
                fmt.label("chart.segment-sizes"),
                names,
                List.of(fmt.label("series.members")),
                new double[][] {sizes},
                d -> fmt.integer((long) d) + " (" + fmt.percent(members == 0 ? 0 : d / members) + ")");
        List<String> shortNames = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            shortNames.add(Integer.toString(i + 1));
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            numbered.add((i + 1) + ". " + names.get(i));
        }
        String matrix = Charts.matrix(
                "segment-overlap",
                fmt.label("chart.segment-overlap"),
                numbered,
                shortNames,
                ov,
                d -> fmt.integer((long) d),
                true,
                fmt.label("axis.segment"),
                fmt.label("axis.segment"));
        StringBuilder defs = new StringBuilder("<ul class=\"defs\">");
        for (Segment s : segments) {
            defs.append("<li><b>")
                    .append(esc(s.name()))
                    .append("</b>: ")
                    .append(esc(s.description()))
                    .append("</li>");
        }
        defs.append("</ul>");
        return section(
                "segments",
                List.of(st, ot),
                lead("lead.segments") + bars + defs + "<h3>" + esc(fmt.label("chart.segment-overlap")) + "</h3>"
                        + lead("lead.segment-overlap") + matrix);
    }

    private void add(String id, Condition condition, Object... args) {
        segments.add(new Segment(
                io.crmkit.segmentation.SegmentId.of(id),
                fmt.label("segment." + id),
                fmt.label("segment." + id + ".description", args),
                condition));
    }

    private Optional<Money> clv(Instant asOf) {
        LocalDate end = brand.dateOf(asOf.minusNanos(1));
        TransactionSummarizer summarizer = TransactionSummarizer.of(
                SummaryOptions.custom(end).unit(PeriodUnit.WEEKS).build());
        int scale = currency.getDefaultFractionDigits() < 0 ? 0 : currency.getDefaultFractionDigits();
        double perUnit = Math.pow(10, scale);
        try (Stream<Order> s = crm.orders().streamPlaced(TimeRange.until(asOf))) {
            Iterator<Order> it = s.iterator();
            while (it.hasNext()) {
                Order o = it.next();
                if (o.isCancelled()) {
                    continue;
                }
                long net = o.total().minorUnits() - o.refunded(asOf).minorUnits();
                if (net <= 0) {
                    continue;
                }
                summarizer.add(o.memberId().value(), brand.dateOf(o.placedAt()), net / perUnit);
            }
        }
        CustomerSummary summary = summarizer.summarize();
        String why;
        try {
            BgNbd bg = BgNbd.fit(summary).model();
            GammaGamma gg = GammaGamma.fit(summary).model();
            Clv clv = new Clv(bg, gg, 12, 52 / 12.0, 0.01);
            double[] values = clv.values(summary);
            sections.add(clvSection(summary, bg, gg, values));
            double expected = 0;
            for (int i = 0; i < summary.size(); i++) {
                double x = summary.frequency(i);
                expected += bg.conditionalExpectedPurchases(52, x, summary.recency(i), summary.t(i))
                        * gg.conditionalExpectedSpend(
                                x, summary.monetaryValue(i).orElse(0));
            }
            return Optional.of(Money.of(BigDecimal.valueOf(expected).setScale(scale, RoundingMode.HALF_UP), currency));
        } catch (CrmException e) {
            why = e.getMessage();
        }
        sections.add(section(
                "clv", List.of(), lead("lead.clv-failed", fmt.integer(summary.size()), why == null ? "" : why)));
        return Optional.empty();
    }

    private Built clvSection(CustomerSummary summary, BgNbd bg, GammaGamma gg, double[] values) {
        int n = values.length;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double[] edges = edges(max);
        long[] counts = new long[edges.length - 1];
        for (double v : values) {
            int b = Arrays.binarySearch(edges, v);
            int bin = b >= 0 ? b : -b - 2;
            counts[Math.min(counts.length - 1, Math.max(0, bin))]++;
        }
        List<List<Object>> dist = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] dv = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            dist.add(row(BigDecimal.valueOf(edges[i]), BigDecimal.valueOf(edges[i + 1]), counts[i]));
            labels.add(fmt.moneyShort(edges[i], currency) + "–" + fmt.compact(edges[i + 1]));
            dv[i] = counts[i];
        }
        ReportTable dt = new ReportTable("clv_distribution", List.of("from", "to", "members"), dist);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(values[b], values[a]);
            return c != 0 ? c : summary.id(a).compareTo(summary.id(b));
        });
        int top = Math.min(options.topMembers(), n);
        List<List<Object>> topRows = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table class=\"top\" data-table=\"clv_top\"><thead><tr>");
        for (String h : List.of("member", "purchases", "p_alive", "expected_purchases", "clv")) {
            table.append(h.equals("member") ? "<th>" : "<th class=\"num\">")
                    .append(esc(fmt.label("col." + h)))
                    .append("</th>");
        }
        table.append("</tr></thead><tbody>");
        for (int r = 0; r < top; r++) {
            int i = order[r];
            double x = summary.frequency(i), tx = summary.recency(i), t = summary.t(i);
            double alive = bg.probabilityAlive(x, tx, t);
            double purchases = bg.conditionalExpectedPurchases(52, x, tx, t);
            BigDecimal value = BigDecimal.valueOf(values[i]).setScale(2, RoundingMode.HALF_UP);
            topRows.add(row(summary.id(i), (long) x + 1, round(alive, 4), round(purchases, 3), value));
            table.append("<tr data-member=\"")
                    .append(esc(summary.id(i)))
                    .append("\"><td>")
                    .append(esc(summary.id(i)))
                    .append("</td><td class=\"num\">")
                    .append(fmt.integer((long) x + 1))
                    .append("</td><td class=\"num\">")
                    .append(fmt.percent(alive))
                    .append("</td><td class=\"num\">")
                    .append(fmt.decimal(purchases, 1))
                    .append("</td><td class=\"num\" data-value=\"")
                    .append(value.toPlainString())
                    .append("\">")
                    .append(esc(fmt.money(value, currency)))
                    .append("</td></tr>");
        }
        table.append("</tbody></table>");
        ReportTable tt = new ReportTable(
                "clv_top", List.of("member_id", "purchases", "p_alive", "expected_purchases_52w", "clv"), topRows);
        List<List<Object>> params = new ArrayList<>();
        bg.parameters().forEach((k, v) -> params.add(row("bg_nbd", k, round(v, 6))));
        gg.parameters().forEach((k, v) -> params.add(row("gamma_gamma", k, round(v, 6))));
        ReportTable pt = new ReportTable("clv_model", List.of("model", "parameter", "value"), params);
        String svg = Charts.columns(
                "clv-distribution",
                fmt.label("chart.clv-distribution"),
                labels,
                dv,
                fmt::compact,
                d -> fmt.integer((long) d),
                Charts.PALETTE.get(2));
        return section(
                "clv",
                List.of(dt, tt, pt),
                lead(
                                "lead.clv",
                                fmt.integer(n),
                                String.format(
                                        java.util.Locale.ROOT,
                                        "r=%.3f α=%.3f a=%.3f b=%.3f",
                                        bg.r(),
                                        bg.alpha(),
                                        bg.a(),
                                        bg.b()),
                                String.format(java.util.Locale.ROOT, "p=%.2f q=%.2f v=%.2f", gg.p(), gg.q(), gg.v()))
                        + svg + "<h3>" + esc(fmt.label("chart.clv-top", top)) + "</h3>" + table);
    }

    private static BigDecimal round(double v, int digits) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP) : BigDecimal.ZERO;
    }

    /** 0, then 1-2-5 steps up to the first at or above max; at most 13 bins (the lowest widened). */
    static double[] edges(double max) {
        List<Double> e = new ArrayList<>();
        double p = 1;
        outer:
        while (true) {
            for (double m : new double[] {1, 2, 5}) {
                e.add(m * p);
                if (m * p > max) {
                    break outer;
                }
            }
            p *= 10;
        }
        while (e.size() > 12) {
            e.remove(0);
        }
        e.add(0, 0.0);
        return e.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
