package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every chart is well-formed SVG whatever its labels and values, and its marks carry the values. */
class ChartsPropertiesTest {
    @Provide
    Arbitrary<List<String>> labels() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .withChars('會', '員', '&', '<', '"', '\'')
                .ofMaxLength(30)
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> marks(Document d) {
        NodeList all = d.getElementsByTagName("rect");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if ("mark".equals(e.getAttribute("class"))) {
                out.add(e);
                for (String a : List.of("x", "y", "width", "height")) {
                    double v = Double.parseDouble(e.getAttribute(a));
                    assertThat(Double.isFinite(v) && v >= 0).as(a + "=" + v).isTrue();
                }
            }
        }
        return out;
    }

    static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    @Property(tries = 200)
    void columnsAndFunnels(@ForAll("labels") List<String> labels, @ForAll @IntRange(min = 0, max = 3) int scale)
            throws Exception {
        double[] v = new double[labels.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.floor(Math.abs(labels.get(i).hashCode()) / Math.pow(10, scale * 3));
        }
        for (String svg : List.of(
                Charts.columns("c", "a&b", labels, v, Double::toString, Double::toString, "#000"),
                Charts.funnel("f", "<f>", labels, v, Double::toString))) {
            Document d = parse(svg);
            List<Element> marks = marks(d);
            assertThat(marks).hasSize(labels.size());
            for (int i = 0; i < marks.size(); i++) {
                assertThat(marks.get(i).getAttribute("data-key")).isEqualTo(labels.get(i));
                assertThat(marks.get(i).getAttribute("data-value")).isEqualTo(plain(v[i]));
            }
        }
    }

    @Property(tries = 200)
    void barsStacksAndMatricesWithNegativeAndZeroValues(
            @ForAll("labels") List<String> labels, @ForAll @IntRange(min = -5, max = 5) int sign) throws Exception {
        int k = labels.size();
        double[][] v = new double[2][k];
        for (int i = 0; i < k; i++) {
            v[0][i] = sign * i * 1.5;
            v[1][i] = (k - i) * 100;
        }
        List<String> series = List.of("s<1>", "s&2");
        Document bars = parse(Charts.groupedBars("g", "g", labels, series, v, Double::toString));
        assertThat(marks(bars)).hasSize(2 * k);
        Document stack = parse(Charts.stackedColumns("s", "s", labels, series, v, Double::toString, Double::toString));
        assertThat(marks(stack)).hasSize(2 * k);
        Document matrix = parse(Charts.matrix("m", "m", series, labels, v, Double::toString, sign > 0, "r", "c"));
        List<Element> cells = marks(matrix);
        assertThat(cells).hasSize(2 * k);
        assertThat(cells.get(k).getAttribute("data-key")).isEqualTo("s&2|" + labels.get(0));
        assertThat(cells.get(k).getAttribute("data-value")).isEqualTo(plain(v[1][0]));
    }
}
