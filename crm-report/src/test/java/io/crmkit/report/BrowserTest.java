package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.crmkit.core.Money;
import io.crmkit.report.internal.Fmt;
import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens a generated report in headless Chromium as a person would: the DOM Chromium built must
 * have every chart with exactly the numbers of the report's tables, and a screenshot is written to
 * {@code target/report-screenshot.png}. Without Chromium the test is skipped, unless {@code CI} or
 * {@code CRMKIT_REQUIRE_BROWSER} is set: then it fails.
 */
class BrowserTest {
    static final List<String> CHARTS = List.of(
            "monthly-customers",
            "categories",
            "order-totals",
            "weekday-hour",
            "rfm-grid",
            "rfm-segments",
            "lifecycle-funnel",
            "lifecycle-flow",
            "tiers",
            "segment-sizes",
            "segment-overlap",
            "clv-distribution");

    static ShopReport report;
    static String dom;
    static Path screenshot;

    static String chromium() {
        String env = System.getenv("CRMKIT_CHROMIUM");
        List<String> names = env != null ? List.of(env) : List.of("chromium", "chromium-browser", "google-chrome");
        for (String name : names) {
            if (name.contains(File.separator) && Files.isExecutable(Path.of(name))) {
                return name;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    static String run(List<String> command) throws Exception {
        Path out = Files.createTempFile("chromium", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code: " + command).isZero();
        String s = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return s;
    }

    @BeforeAll
    static void open() throws Exception {
        String browser = chromium();
        if (browser == null) {
            boolean required = System.getenv("CI") != null || System.getenv("CRMKIT_REQUIRE_BROWSER") != null;
            if (required) {
                fail("Chromium is not installed (looked for $CRMKIT_CHROMIUM, chromium, chromium-browser and"
                        + " google-chrome on PATH) and CI or CRMKIT_REQUIRE_BROWSER is set; install it with"
                        + " apt-get install chromium");
            }
            Assumptions.abort("Chromium is not installed; set CRMKIT_REQUIRE_BROWSER=1 to make this a failure");
        }
        report = ShopReport.analyse(Shops.small(), ReportOptions.ofDefaults());
        Path dir = Path.of("target", "browser-report").toAbsolutePath();
        report.write(dir);
        String url = dir.resolve("report.html").toUri().toString();
        List<String> flags = List.of(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--hide-scrollbars");
        List<String> dump = new ArrayList<>(flags);
        dump.add("--dump-dom");
        dump.add(url);
        dom = run(dump);
        screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        List<String> shot = new ArrayList<>(flags);
        shot.add("--screenshot=" + screenshot);
        shot.add("--window-size=1280,4000");
        shot.add(url);
        run(shot);
    }

    /** The data-value of every mark of one chart, in document order. */
    static List<String> marks(String chart) {
        int start = dom.indexOf("data-chart=\"" + chart + "\"");
        assertThat(start).as("chart " + chart + " in the DOM").isNotNegative();
        int end = dom.indexOf("</svg>", start);
        Matcher m =
                Pattern.compile("class=\"mark\"[^>]*data-value=\"([^\"]*)\"").matcher(dom.substring(start, end));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<String> column(String table, String column) {
        ReportTable t = report.table(table).orElseThrow();
        int c = t.column(column);
        List<String> out = new ArrayList<>();
        for (List<Object> r : t.rows()) {
            Object v = r.get(c);
            out.add(plain(v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue()));
        }
        return out;
    }

    static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    @Test
    void everyChartIsInTheBrowsersDom() {
        Matcher m = Pattern.compile("<svg[^>]*data-chart=\"([^\"]+)\"").matcher(dom);
        List<String> charts = new ArrayList<>();
        while (m.find()) {
            charts.add(m.group(1));
        }
        assertThat(charts).containsExactlyElementsOf(CHARTS);
    }

    @Test
    void chartsShowTheTablesNumbers() {
        assertThat(marks("order-totals")).isEqualTo(column("order_totals", "orders"));
        assertThat(marks("weekday-hour")).isEqualTo(column("weekday_hour", "orders"));
        assertThat(marks("rfm-grid")).isEqualTo(column("rfm_grid", "members"));
        assertThat(marks("rfm-segments")).isEqualTo(column("rfm_segments", "members"));
        assertThat(marks("lifecycle-funnel")).isEqualTo(column("lifecycle_stages", "members"));
        assertThat(marks("lifecycle-flow")).isEqualTo(column("lifecycle_flow", "members"));
        assertThat(marks("tiers")).isEqualTo(column("tiers", "members"));
        assertThat(marks("segment-sizes")).isEqualTo(column("segments", "members"));
        assertThat(marks("segment-overlap")).isEqualTo(column("segment_overlap", "members"));
        assertThat(marks("clv-distribution")).isEqualTo(column("clv_distribution", "members"));
        // stacked: new then returning, month by month
        List<String> news = column("monthly_customers", "new_customers");
        List<String> back = column("monthly_customers", "returning_customers");
        List<String> stacked = new ArrayList<>();
        for (int i = 0; i < news.size(); i++) {
            stacked.add(news.get(i));
            stacked.add(back.get(i));
        }
        assertThat(marks("monthly-customers")).isEqualTo(stacked);
        // grouped: revenue then gross profit, the top 15 categories
        List<String> revenue = column("categories", "revenue");
        List<String> profit = column("categories", "gross_profit");
        List<String> grouped = new ArrayList<>();
        for (int i = 0; i < Math.min(15, revenue.size()); i++) {
            grouped.add(revenue.get(i));
            grouped.add(profit.get(i));
        }
        assertThat(marks("categories")).isEqualTo(grouped);
    }

    @Test
    void kpisAndTopMembersAreShownFormattedForTaiwan() {
        Fmt fmt = new Fmt(ReportOptions.ZH_TW);
        for (List<Object> row : report.table("kpis").orElseThrow().rows()) {
            assertThat(dom)
                    .contains("data-kpi=\"" + row.get(0) + "\" data-value=\"" + ReportTable.text(row.get(1)) + "\"");
        }
        Money revenue = report.kpis().revenue();
        assertThat(fmt.money(revenue)).startsWith("NT$").contains(",");
        assertThat(dom)
                .contains(
                        ">" + fmt.money(revenue) + "<",
                        ">" + fmt.integer(report.kpis().members()) + "<");
        Matcher m = Pattern.compile("<tr data-member=\"([^\"]+)\"").matcher(dom);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            shown.add(m.group(1));
        }
        List<String> top = report.table("clv_top").orElseThrow().rows().stream()
                .map(r -> (String) r.get(0))
                .toList();
        assertThat(shown).isEqualTo(top);
        assertThat(dom).contains("會員經營報表", "本月壽星", "流失風險 VIP");
    }

    @Test
    void screenshotIsWritten() throws Exception {
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).as("a page with charts, not a blank one").isGreaterThan(100_000);
    }
}
