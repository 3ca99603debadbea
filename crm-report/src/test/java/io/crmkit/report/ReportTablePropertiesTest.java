package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.crmkit.core.InvalidValueException;
import io.crmkit.report.internal.Html;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReportTablePropertiesTest {
    @Provide
    Arbitrary<List<List<Object>>> rows() {
        Arbitrary<Object> cell = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigDecimals()
                        .ofScale(2)
                        .between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
                        .map(d -> (Object) d));
        return cell.list().ofSize(3).list().ofMaxSize(8);
    }

    /** RFC 4180 reader, the way a spreadsheet reads the file. */
    static List<List<String>> parseCsv(String csv) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return out;
    }

    @Property
    void csvReadsBackCellForCell(@ForAll("rows") List<List<Object>> rows) {
        ReportTable t = new ReportTable("t", List.of("a", "b", "c"), rows);
        List<List<String>> back = parseCsv(t.toCsv());
        assertThat(back).hasSize(rows.size() + 1);
        assertThat(back.get(0)).containsExactly("a", "b", "c");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 3; c++) {
                Object v = rows.get(r).get(c);
                String want = ReportTable.text(v);
                if (v instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                    want = "'" + s;
                }
                assertThat(back.get(r + 1).get(c)).isEqualTo(want);
            }
        }
    }

    @Property
    void jsonReadsBackValueForValue(@ForAll("rows") List<List<Object>> rows) throws Exception {
        ReportTable t = new ReportTable("t", List.of("a", "b", "c"), rows);
        try (JsonParser p = new JsonFactory().createParser(t.toJson())) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            for (List<Object> row : rows) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                for (int c = 0; c < 3; c++) {
                    assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
                    assertThat(p.currentName()).isEqualTo(t.columns().get(c));
                    JsonToken tok = p.nextToken();
                    Object v = row.get(c);
                    if (v instanceof String s) {
                        assertThat(p.getText()).isEqualTo(s);
                    } else if (v instanceof BigDecimal d) {
                        assertThat(p.getDecimalValue()).isEqualByComparingTo(d);
                    } else {
                        assertThat(tok).isEqualTo(JsonToken.VALUE_NUMBER_INT);
                        assertThat(p.getLongValue()).isEqualTo((Long) v);
                    }
                }
                assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT);
            }
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }

    @Property
    void escapedTextHasNoMarkup(@ForAll String s) {
        String e = Html.esc(s);
        assertThat(e).doesNotContain("<", ">", "\"", "'");
        assertThat(e.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
        assertThat(e.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&"))
                .hasSize(s.length());
    }

    @Test
    void badTablesAreRefusedNamingTheCell() {
        assertThatThrownBy(() -> new ReportTable("T", List.of("a"), List.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("[a-z0-9_]+");
        assertThatThrownBy(() -> new ReportTable("t", List.of("a", "b"), List.of(List.of("x"))))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("row 0")
                .hasMessageContaining("1 cells for 2 columns");
        List<Object> bad = new ArrayList<>();
        bad.add(new Object());
        assertThatThrownBy(() -> new ReportTable("t", List.of("a"), List.of(bad)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("row 0 column a");
    }
}
