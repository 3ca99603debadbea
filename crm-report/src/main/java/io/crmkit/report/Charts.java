package io.crmkit.report;

import static io.crmkit.report.internal.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's charts as inline SVG, for the built-in sections and for a host's own {@link
 * io.crmkit.report.spi.ReportSection}s. Every chart is one {@code <svg data-chart="ID">}; every mark
 * that shows a number is an element with {@code class="mark"}, {@code data-key} (which row / column)
 * and {@code data-value} (the exact number of the table, unformatted), and a {@code <title>} with
 * the formatted value, so a reader hovering and a test reading the DOM see the same numbers. All
 * text is escaped; no script, no external resource.
 *
 * <pre>{@code
 * String svg = Charts.funnel("journey-funnel", "Welcome journey", List.of("entered", "sent", "bought"),
 *         new double[] {1000, 940, 120}, v -> String.format("%,.0f", v));
 * }</pre>
 */
public final class Charts {
    /**
     * @param s a label
     * @return its approximate width in pixels at the charts' 12px font (CJK twice as wide as Latin)
     */
    static double width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            w += charWidth(c);
            i += Character.charCount(c);
        }
        return w;
    }

    private static double charWidth(int c) {
        return c >= 0x2E80 ? 12 : c == ' ' ? 3.5 : 7;
    }

    /** The label, shortened with an ellipsis to fit {@code max} pixels. */
    static String fit(String s, double max) {
        if (width(s) <= max) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        double w = 7;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (w + charWidth(c) > max) {
                break;
            }
            b.appendCodePoint(c);
            w += charWidth(c);
            i += Character.charCount(c);
        }
        return b.toString().stripTrailing() + "…";
    }

    /** Series colours, colour-blind safe (Okabe-Ito order, blue first). */
    public static final List<String> PALETTE =
            List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999");

    private static final int W = 960;

    private Charts() {}

    /** Formats the value of a mark for its label, its tooltip or an axis tick. */
    @FunctionalInterface
    public interface Label extends DoubleFunction<String> {}

    private static String n(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static void open(StringBuilder b, String id, int w, int h, String aria) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"")
                .append(esc(id))
                .append("\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(h)
                .append("\" width=\"")
                .append(w)
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(aria))
                .append("\">");
    }

    private static void text(StringBuilder b, double x, double y, String anchor, String cls, String s) {
        b.append("<text x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" class=\"")
                .append(cls)
                .append("\">")
                .append(esc(s))
                .append("</text>");
    }

    private static void mark(
            StringBuilder b,
            String key,
            String value,
            double x,
            double y,
            double w,
            double h,
            String fill,
            String tip) {
        b.append("<rect class=\"mark\" data-key=\"")
                .append(esc(key))
                .append("\" data-value=\"")
                .append(esc(value))
                .append("\" x=\"")
                .append(n(x))
                .append("\" y=\"")
                .append(n(y))
                .append("\" width=\"")
                .append(n(Math.max(0, w)))
                .append("\" height=\"")
                .append(n(Math.max(0, h)))
                .append("\" fill=\"")
                .append(fill)
                .append("\"><title>")
                .append(esc(tip))
                .append("</title></rect>");
    }

    /**
     * @param max the largest value
     * @return a round axis maximum whose quarters are round: 1, 2, 4, 6, 8 or 10 times a power of ten, at least {@code max}
     */
    public static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 4, 6, 8, 10}) { // quarters stay round: 0.25 0.5 1 1.5 2 2.5
            if (m * p >= max) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static void legend(StringBuilder b, List<String> series, double x, double y) {
        double cx = x;
        for (int s = 0; s < series.size(); s++) {
            b.append("<rect x=\"")
                    .append(n(cx))
                    .append("\" y=\"")
                    .append(n(y - 10))
                    .append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(PALETTE.get(s % PALETTE.size()))
                    .append("\"/>");
            text(b, cx + 16, y, "start", "legend", series.get(s));
            cx += 28 + 13 * series.get(s).length();
        }
    }

    private static void yAxis(
            StringBuilder b, double left, double top, double plotW, double plotH, double max, Label tick) {
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = top + plotH - plotH * i / 4;
            b.append("<line class=\"grid\" x1=\"")
                    .append(n(left))
                    .append("\" x2=\"")
                    .append(n(left + plotW))
                    .append("\" y1=\"")
                    .append(n(y))
                    .append("\" y2=\"")
                    .append(n(y))
                    .append("\"/>");
            text(b, left - 6, y + 4, "end", "tick", tick.apply(v));
        }
    }

    /**
     * Vertical stacked columns, one per category, one colour per series.
     *
     * @param id the chart's id
     * @param aria the chart's description
     * @param categories the x labels
     * @param series the series' names (legend)
     * @param values values[series][category]
     * @param tick formats axis ticks
     * @param tip formats a value for its tooltip
     * @return the SVG
     */
    public static String stackedColumns(
            String id,
            String aria,
            List<String> categories,
            List<String> series,
            double[][] values,
            Label tick,
            Label tip) {
        int h = 340;
        double left = 70, right = 10, top = 34, bottom = 46;
        double plotW = W - left - right, plotH = h - top - bottom;
        int k = categories.size();
        double max = 0;
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (double[] v : values) {
                sum += Math.max(0, v[c]);
            }
            max = Math.max(max, sum);
        }
        max = niceMax(max);
        StringBuilder b = new StringBuilder();
        open(b, id, W, h, aria);
        legend(b, series, left, 16);
        yAxis(b, left, top, plotW, plotH, max, tick);
        double step = k == 0 ? plotW : plotW / k;
        double bw = Math.max(1, step * 0.78);
        int every = Math.max(1, (int) Math.ceil(k / 18.0));
        for (int c = 0; c < k; c++) {
            double x = left + c * step + (step - bw) / 2;
            double y = top + plotH;
            for (int s = 0; s < series.size(); s++) {
                double v = Math.max(0, values[s][c]);
                double hh = plotH * v / max;
                y -= hh;
                mark(
                        b,
                        series.get(s) + "|" + categories.get(c),
                        n(values[s][c]),
                        x,
                        y,
                        bw,
                        hh,
                        PALETTE.get(s % PALETTE.size()),
                        categories.get(c) + " " + series.get(s) + ": " + tip.apply(values[s][c]));
            }
            if (c % every == 0) {
                text(b, left + c * step + step / 2, top + plotH + 16, "middle", "tick", categories.get(c));
            }
        }
        b.append("</svg>");
        return b.toString();
    }

    /**
     * Horizontal grouped bars, one row per label, one bar per series, each with its value written.
     *
     * @param id the chart's id
     * @param aria the chart's description
     * @param labels the rows
     * @param series the series' names
     * @param values values[series][row]
     * @param label formats a value next to its bar
     * @return the SVG
     */
    public static String groupedBars(
            String id, String aria, List<String> labels, List<String> series, double[][] values, Label label) {
        int k = labels.size();
        int s = series.size();
        double barH = 13, gap = 10, top = 34;
        double rowH = s * barH + gap;
        int h = (int) Math.ceil(top + k * rowH + 8);
        double left = 230, right = 120;
        double plotW = W - left - right;
        double max = 0, min = 0;
        for (double[] v : values) {
            for (double d : v) {
                max = Math.max(max, d);
                min = Math.min(min, d);
            }
        }
        double span = max - min == 0 ? 1 : max - min;
        double zero = left + plotW * (-min) / span;
        StringBuilder b = new StringBuilder();
        open(b, id, W, h, aria);
        legend(b, series, left, 16);
        for (int r = 0; r < k; r++) {
            double y0 = top + r * rowH;
            String lab = labels.get(r);
            text(b, left - 8, y0 + s * barH / 2 + 4, "end", "label", fit(lab, left - 14));
            for (int j = 0; j < s; j++) {
                double v = values[j][r];
                double w = plotW * Math.abs(v) / span;
                double x = v >= 0 ? zero : zero - w;
                mark(
                        b,
                        series.get(j) + "|" + lab,
                        n(v),
                        x,
                        y0 + j * barH,
                        w,
                        barH - 2,
                        PALETTE.get(j % PALETTE.size()),
                        lab + " " + series.get(j) + ": " + label.apply(v));
                text(b, Math.max(zero, x + w) + 4, y0 + j * barH + barH - 3, "start", "value", label.apply(v));
            }
        }
        b.append("<line class=\"axis\" x1=\"")
                .append(n(zero))
                .append("\" x2=\"")
                .append(n(zero))
                .append("\" y1=\"")
                .append(n(top - 4))
                .append("\" y2=\"")
                .append(n(h - 6))
                .append("\"/>");
        b.append("</svg>");
        return b.toString();
    }

    /**
     * Vertical columns of one series (a histogram or a distribution), each with its value above.
     *
     * @param id the chart's id
     * @param aria the chart's description
     * @param labels the x labels (bins)
     * @param values one value per label
     * @param tick formats axis ticks
     * @param label formats the value above a column
     * @param color the columns' colour
     * @return the SVG
     */
    public static String columns(
            String id, String aria, List<String> labels, double[] values, Label tick, Label label, String color) {
        int h = 320;
        double left = 70, right = 10, top = 20, bottom = 56;
        double plotW = W - left - right, plotH = h - top - bottom;
        int k = labels.size();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        max = niceMax(max);
        StringBuilder b = new StringBuilder();
        open(b, id, W, h, aria);
        yAxis(b, left, top, plotW, plotH, max, tick);
        double step = k == 0 ? plotW : plotW / k;
        double bw = Math.max(1, step * 0.82);
        for (int c = 0; c < k; c++) {
            double v = values[c];
            double hh = plotH * Math.max(0, v) / max;
            double x = left + c * step + (step - bw) / 2;
            mark(b, labels.get(c), n(v), x, top + plotH - hh, bw, hh, color, labels.get(c) + ": " + label.apply(v));
            if (k <= 24) {
                text(b, x + bw / 2, top + plotH - hh - 4, "middle", "value small", label.apply(v));
            }
            // two lines of labels alternate when crowded
            double ly = top + plotH + 16 + (k > 8 && c % 2 == 1 ? 14 : 0);
            text(b, x + bw / 2, ly, "middle", "tick", labels.get(c));
        }
        b.append("</svg>");
        return b.toString();
    }

    /**
     * A matrix of coloured cells (heatmap, RFM grid, overlaps, stage flow).
     *
     * @param id the chart's id
     * @param aria the chart's description
     * @param rows row labels
     * @param cols column labels
     * @param values values[row][col]
     * @param label formats a cell's value
     * @param numbers whether to write the values in the cells
     * @param rowTitle what the rows are (written above the row labels)
     * @param colTitle what the columns are (written above the column labels)
     * @return the SVG
     */
    public static String matrix(
            String id,
            String aria,
            List<String> rows,
            List<String> cols,
            double[][] values,
            Label label,
            boolean numbers,
            String rowTitle,
            String colTitle) {
        int nr = rows.size(), nc = cols.size();
        double longest = 0;
        for (String r : rows) {
            longest = Math.max(longest, width(r));
        }
        double left = Math.min(360, 24 + longest), top = 56;
        double cellW = Math.min(120, (W - left - 10) / Math.max(1, nc));
        double cellH = numbers ? 34 : 26;
        int w = (int) Math.ceil(left + nc * cellW + 10);
        int h = (int) Math.ceil(top + nr * cellH + 8);
        double max = 0;
        for (double[] r : values) {
            for (double v : r) {
                max = Math.max(max, v);
            }
        }
        StringBuilder b = new StringBuilder();
        open(b, id, w, h, aria);
        text(b, 4, top - 32, "start", "axis-title", rowTitle + " ↓   " + colTitle + " →");
        if (!numbers) { // a colour scale instead of written values
            double lx = w - 10 - 5 * 18 - 8 * 7;
            text(b, lx - 6, top - 28, "end", "tick", label.apply(0));
            for (int i = 0; i < 5; i++) {
                b.append("<rect x=\"")
                        .append(n(lx + i * 18))
                        .append("\" y=\"")
                        .append(n(top - 40))
                        .append("\" width=\"18\" height=\"14\" fill=\"")
                        .append(heat(i / 4.0))
                        .append("\"/>");
            }
            text(b, lx + 5 * 18 + 6, top - 28, "start", "tick", label.apply(max));
        }
        int every = Math.max(1, (int) Math.ceil(nc / 24.0));
        for (int c = 0; c < nc; c++) {
            if (c % every == 0) {
                text(b, left + c * cellW + cellW / 2, top - 8, "middle", "tick", cols.get(c));
            }
        }
        for (int r = 0; r < nr; r++) {
            text(b, left - 8, top + r * cellH + cellH / 2 + 4, "end", "label", fit(rows.get(r), left - 14));
            for (int c = 0; c < nc; c++) {
                double v = values[r][c];
                double t = max == 0 ? 0 : v / max;
                mark(
                        b,
                        rows.get(r) + "|" + cols.get(c),
                        n(v),
                        left + c * cellW + 1,
                        top + r * cellH + 1,
                        cellW - 2,
                        cellH - 2,
                        heat(t),
                        rows.get(r) + " × " + cols.get(c) + ": " + label.apply(v));
                if (numbers) {
                    text(
                            b,
                            left + c * cellW + cellW / 2,
                            top + r * cellH + cellH / 2 + 5,
                            "middle",
                            t > 0.55 ? "cell light" : "cell",
                            label.apply(v));
                }
            }
        }
        b.append("</svg>");
        return b.toString();
    }

    /**
     * A funnel: centred bars whose widths are the values, each with its value and share of the first.
     *
     * @param id the chart's id
     * @param aria the chart's description
     * @param labels the steps
     * @param values one value per step
     * @param label formats a step's value and share
     * @return the SVG
     */
    public static String funnel(String id, String aria, List<String> labels, double[] values, Label label) {
        int k = labels.size();
        double rowH = 40, top = 10, left = 200, right = 200;
        double plotW = W - left - right;
        int h = (int) Math.ceil(top + k * rowH + 6);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder b = new StringBuilder();
        open(b, id, W, h, aria);
        for (int i = 0; i < k; i++) {
            double w = max == 0 ? 0 : plotW * values[i] / max;
            double y = top + i * rowH;
            text(b, left - 10, y + rowH / 2 + 4, "end", "label", labels.get(i));
            mark(
                    b,
                    labels.get(i),
                    n(values[i]),
                    left + (plotW - w) / 2,
                    y + 4,
                    w,
                    rowH - 8,
                    PALETTE.get(i % PALETTE.size()),
                    labels.get(i) + ": " + label.apply(values[i]));
            text(b, left + plotW + 10, y + rowH / 2 + 4, "start", "value", label.apply(values[i]));
        }
        b.append("</svg>");
        return b.toString();
    }

    /** Sequential blue scale from almost white (0) to dark blue (1). */
    /**
     * @param t a share, 0..1
     * @return a colour of the sequential blue scale, almost white at 0 and dark blue at 1
     */
    public static String heat(double t) {
        t = Math.max(0, Math.min(1, t));
        int[] a = {0xf2, 0xf7, 0xfb};
        int[] z = {0x08, 0x30, 0x6b};
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(a[0] + (z[0] - a[0]) * t),
                Math.round(a[1] + (z[1] - a[1]) * t),
                Math.round(a[2] + (z[2] - a[2]) * t));
    }
}
