package io.crmkit.report.internal;

import static io.crmkit.report.internal.Html.esc;

import io.crmkit.report.ReportTable;
import io.crmkit.report.spi.ReportSection;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Lays out the report's sections as one self-contained HTML page: inline CSS, no script, no link. */
public final class Page {
    private static final String CSS = """
            :root{--ink:#1a202c;--muted:#5a6472;--line:#e2e8f0;--bg:#f7f9fc;--card:#fff;--accent:#0072B2}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",\
            "Noto Sans TC","Noto Sans CJK TC","PingFang TC","Microsoft JhengHei",Roboto,"Helvetica Neue",Arial,sans-serif}
            header{background:#102a43;color:#fff;padding:28px 40px 22px}
            header h1{margin:0 0 4px;font-size:26px}
            header p{margin:0;color:#bcccdc}
            nav{padding:10px 40px;background:#fff;border-bottom:1px solid var(--line);font-size:14px}
            nav a{color:var(--accent);text-decoration:none;margin-right:16px;white-space:nowrap}
            main{max-width:1080px;margin:0 auto;padding:20px 24px 60px}
            section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 24px;margin:18px 0}
            h2{margin:0 0 6px;font-size:20px}
            h3{margin:18px 0 4px;font-size:16px}
            p.lead{margin:0 0 10px;color:var(--muted)}
            .kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
            .kpi{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fbfdff}
            .kpi-value{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
            .kpi-label{color:var(--muted);font-size:13px}
            .two{display:grid;grid-template-columns:1fr 1fr;gap:18px;align-items:start}
            figure{margin:0}
            svg{display:block;max-width:100%;height:auto}
            svg text{font-family:inherit;fill:var(--ink)}
            svg .tick{font-size:11px;fill:var(--muted)}
            svg .label{font-size:12px}
            svg .legend{font-size:12px}
            svg .value{font-size:11px;fill:var(--muted)}
            svg .small{font-size:10px}
            svg .axis-title{font-size:12px;fill:var(--muted)}
            svg .cell{font-size:12px;fill:#1a202c}
            svg .cell.light{fill:#fff}
            svg .grid{stroke:var(--line)}
            svg .axis{stroke:#a0aec0}
            svg .mark:hover{opacity:.8}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}
            th,td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
            ul.defs{color:var(--muted);font-size:13px;margin:6px 0 0;padding-left:20px}
            details{margin-top:10px;font-size:13px}
            summary{cursor:pointer;color:var(--accent)}
            footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
            @media print{nav,details{display:none}section{break-inside:avoid}}
            """;

    private Page() {}

    /**
     * @param fmt labels and formats
     * @param title the title
     * @param asOf the as-of instant
     * @param zone the brand's zone
     * @param sections the sections, KPI header first
     * @return the page
     */
    public static String render(Fmt fmt, String title, Instant asOf, ZoneId zone, List<ReportSection> sections) {
        Locale locale = fmt.locale();
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"")
                .append(locale.getLanguage().equals("en") ? "en" : "zh-Hant-TW")
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,")
                .append("initial-scale=1\"><meta name=\"generator\" content=\"crmkit\"><title>")
                .append(esc(title))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body>\n<header><h1>")
                .append(esc(title))
                .append("</h1><p data-as-of=\"")
                .append(asOf)
                .append("\">")
                .append(esc(fmt.label(
                        "header.as-of",
                        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                                asOf.atZone(zone).toLocalDateTime()),
                        zone.getId())))
                .append("</p></header>\n<nav>");
        for (ReportSection s : sections) {
            if (!s.id().equals("kpis")) {
                b.append("<a href=\"#")
                        .append(esc(s.id()))
                        .append("\">")
                        .append(esc(s.title(locale)))
                        .append("</a>");
            }
        }
        b.append("</nav>\n<main>\n");
        for (ReportSection s : sections) {
            b.append("<section id=\"")
                    .append(esc(s.id()))
                    .append("\" data-section=\"")
                    .append(esc(s.id()))
                    .append("\"><h2>")
                    .append(esc(s.title(locale)))
                    .append("</h2>")
                    .append(s.html(locale));
            if (!s.tables().isEmpty() && !s.id().equals("kpis")) {
                b.append("<details><summary>")
                        .append(esc(fmt.label("data.summary")))
                        .append("</summary>");
                for (ReportTable t : s.tables()) {
                    table(b, t);
                }
                b.append("</details>");
            }
            b.append("</section>\n");
        }
        b.append("</main><footer>").append(esc(fmt.label("footer"))).append("</footer></body></html>\n");
        return b.toString();
    }

    private static void table(StringBuilder b, ReportTable t) {
        b.append("<p><code>")
                .append(esc(t.id()))
                .append(".csv</code> · <code>")
                .append(esc(t.id()))
                .append(".json</code></p>");
        int limit = 200;
        b.append("<table data-table=\"").append(esc(t.id())).append("\"><thead><tr>");
        for (String c : t.columns()) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int r = 0; r < Math.min(limit, t.rows().size()); r++) {
            b.append("<tr>");
            for (Object v : t.rows().get(r)) {
                b.append(v instanceof String ? "<td>" : "<td class=\"num\">")
                        .append(esc(ReportTable.text(v)))
                        .append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (t.rows().size() > limit) {
            b.append("<p>… ").append(t.rows().size() - limit).append("</p>");
        }
    }
}
