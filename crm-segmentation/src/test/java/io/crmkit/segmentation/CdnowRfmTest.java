package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MemberId;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check: RFM {@code ntile} on the CDNOW master log as of 1998-07-01 equals DuckDB's
 * {@code NTILE(5)} member by member (frequency counts rows, monetary sums dollar values, recency is
 * whole days from the last purchase date), and so does the 125-cell count grid.
 */
class CdnowRfmTest {
    static final LocalDate AS_OF_DATE = LocalDate.of(1998, 7, 1);
    static final Instant AS_OF = AS_OF_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();

    static List<Cdnow.Row> rows;
    static Snapshot snapshot;

    @BeforeAll
    static void load() {
        rows = Cdnow.rows();
        Crm crm = Cdnow.shop(rows);
        snapshot = Snapshot.of(crm, SegmentCatalog.empty());
    }

    record Expected(int recency, long frequency, long monetary, int r, int f, int m) {}

    static Map<String, Expected> duckdb(String valueOrder) throws SQLException {
        Map<String, Expected> out = new HashMap<>();
        try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("CREATE TABLE t (customer_id VARCHAR, d DATE, cds INTEGER, cents BIGINT)");
            try (DuckDBAppender a = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                for (Cdnow.Row row : rows) {
                    a.beginRow();
                    a.append(row.customer());
                    a.append(row.date());
                    a.append(row.cds());
                    a.append(row.cents());
                    a.endRow();
                }
            }
            String sql = "WITH agg AS (SELECT customer_id, DATE '" + AS_OF_DATE + "' - MAX(d) AS recency,"
                    + " COUNT(*) AS frequency, SUM(cents) AS monetary FROM t WHERE d < DATE '" + AS_OF_DATE
                    + "' GROUP BY customer_id)"
                    + " SELECT customer_id, recency, frequency, monetary,"
                    + " NTILE(5) OVER (ORDER BY recency DESC, customer_id) AS r,"
                    + " NTILE(5) OVER (ORDER BY frequency, customer_id) AS f,"
                    + " NTILE(5) OVER (ORDER BY " + valueOrder + ", customer_id) AS m FROM agg";
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new Expected(
                                    rs.getInt(2),
                                    rs.getLong(3),
                                    rs.getLong(4),
                                    rs.getInt(5),
                                    rs.getInt(6),
                                    rs.getInt(7)));
                }
            }
        }
        return out;
    }

    @Test
    void ntileEqualsDuckDbMemberByMember() throws SQLException {
        RfmTable table = snapshot.rfm(RfmModel.ofDefaults(), AS_OF);
        Map<String, Expected> expected = duckdb("monetary");

        assertThat(table.scored()).isEqualTo(23_570).isEqualTo(expected.size());
        assertThat(table.unscored()).isZero();
        long[] grid = new long[125];
        int checked = 0;
        for (RfmScore s : table) {
            Expected e = expected.get(s.member().value());
            assertThat(e).as(s.member().value()).isNotNull();
            assertThat(new Expected(s.recencyDays(), s.frequency(), s.monetary().minorUnits(), s.r(), s.f(), s.m()))
                    .as(s.member().value())
                    .isEqualTo(e);
            grid[((e.r() - 1) * 5 + (e.f() - 1)) * 5 + (e.m() - 1)]++;
            checked++;
        }
        assertThat(checked).isEqualTo(23_570);
        assertThat(table.grid()).containsExactly(grid);
        assertThat(table.segmentCounts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(23_570);
    }

    @Test
    void publishedTotalsOfTheLog() {
        // SOURCE.md: 69,659 rows, 23,570 customers, $2,500,315.63
        RfmTable table = snapshot.rfm(RfmModel.ofDefaults(), AS_OF);
        long rowsCounted = 0;
        long cents = 0;
        for (RfmScore s : table) {
            rowsCounted += s.frequency();
            cents += s.monetary().minorUnits();
        }
        assertThat(rows).hasSize(69_659);
        assertThat(rowsCounted).isEqualTo(69_659);
        assertThat(cents).isEqualTo(250_031_563L);
    }

    @Test
    void aMemberWithoutAPurchaseInTheWindowHasNoScores() {
        RfmModel lastYear = RfmModel.builder().window(Window.lastDays(365)).build();
        RfmTable table = snapshot.rfm(lastYear, AS_OF);
        // customer 00001 bought once, on 1997-01-01
        assertThat(table.score(MemberId.of("00001"))).isEmpty();
        assertThat(table.scored() + table.unscored()).isEqualTo(23_570);
        assertThat(table.unscored()).isPositive();
    }
}
