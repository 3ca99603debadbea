package io.crmkit.report.spi;

import io.crmkit.report.ReportTable;
import java.util.List;
import java.util.Locale;

/**
 * One section of a report: a heading, a body of HTML (usually a chart from {@link
 * io.crmkit.report.Charts}) and the tables behind it, which the report also writes as CSV and JSON.
 * The built-in sections implement it; a host adds its own with {@code
 * ReportOptions.custom().section(...)}, e.g. a journey back-test funnel.
 *
 * <pre>{@code
 * final class Uplift implements ReportSection {
 *     public String id() { return "journey-uplift"; }
 *     public String title(Locale locale) { return "Welcome journey"; }
 *     public List<ReportTable> tables() { return List.of(table); }
 *     public String html(Locale locale) { return Charts.funnel(...); }
 * }
 * }</pre>
 */
public interface ReportSection {
    /** @return the section's id, {@code [a-z0-9-]+}, unique in a report (the HTML anchor) */
    String id();

    /**
     * @param locale the report's locale
     * @return the heading, plain text (the report escapes it)
     */
    String title(Locale locale);

    /** @return the tables behind the section, ids unique in the report */
    List<ReportTable> tables();

    /**
     * @param locale the report's locale
     * @return the body: trusted HTML, every text in it already escaped; no script and no external
     *     resource, so the report stays one self-contained file
     */
    String html(Locale locale);
}
