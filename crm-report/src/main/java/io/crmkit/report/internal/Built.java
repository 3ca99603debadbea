package io.crmkit.report.internal;

import io.crmkit.report.ReportTable;
import io.crmkit.report.spi.ReportSection;
import java.util.List;
import java.util.Locale;

/**
 * A built-in section, rendered once for the report's locale.
 *
 * @param id the anchor
 * @param title the heading
 * @param tables the data
 * @param html the body
 */
public record Built(String id, String title, List<ReportTable> tables, String html) implements ReportSection {
    /** @param tables copied */
    public Built {
        tables = List.copyOf(tables);
    }

    @Override
    public String title(Locale locale) {
        return title;
    }

    @Override
    public String html(Locale locale) {
        return html;
    }
}
