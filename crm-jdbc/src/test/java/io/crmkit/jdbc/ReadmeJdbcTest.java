package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.ReadmeBlocks;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmScore;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** README.md's "PostgreSQL (crm-jdbc)" block, compiled and run; the README copy must stay identical. */
class ReadmeJdbcTest {
    @Test
    void theReadmeCodeRuns() throws Exception {
        Db.fresh("crmkit"); // migrated and empty
        DataSource dataSource = Db.dataSource();
        BrandSettings brand = BrandSettings.ofDefaults();
        List<Order> orders = List.of(
                Order.builder(OrderId.of("O1"), MemberId.of("M1"), brand.now().minusSeconds(60))
                        .line(OrderLine.of(
                                ProductId.of("P1"), "Cocoa", Category.of("Food"), 2, Money.of(180, brand.currency())))
                        .build());

        // readme:jdbc-1:start
        PostgresStores pg = PostgresStores.builder(dataSource).schema("crmkit").build(); // runs the Flyway migrations
        Crm crm = pg.crm(brand); // the four crm-core stores on PostgreSQL
        crm.members()
                .save(Member.builder(MemberId.of("M1"), brand.now())
                        .tag(Tag.manual("vip", "amy", brand.now()))
                        .build());

        try (BulkLoad load = pg.bulkLoad()) { // COPY, in one transaction
            load.orders(orders.iterator());
            load.commit();
        }

        SqlSegments segments = SqlSegments.of(pg, brand, SegmentCatalog.empty());
        long vipBuyers = segments.count(
                Where.tagged("vip").and(Where.orderCount(Window.lastDays(365)).atLeast(1)), brand.now());
        System.out.println(segments.explainSql(Where.tagged("vip"), brand.now())); // the SQL and its parameters

        List<RfmScore> rfm = SqlAnalytics.of(pg, brand).rfm(RfmModel.ofDefaults(), brand.now()); // NTILE(5) in SQL
        // readme:jdbc-1:end

        assertThat(vipBuyers).isEqualTo(1);
        assertThat(rfm).extracting(RfmScore::member).containsExactly(MemberId.of("M1"));
        ReadmeBlocks.assertReadmeShows(ReadmeJdbcTest.class, "jdbc-1");
    }
}
