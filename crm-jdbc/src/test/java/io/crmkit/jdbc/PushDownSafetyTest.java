package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentationException;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values travel only as bind parameters; errors are the per-member path's. */
class PushDownSafetyTest {
    private static final Instant T = Instant.parse("2025-03-01T02:00:00Z");
    private static final String EVIL = "x'); DROP TABLE member; --";

    @Test
    void valuesAreBindParametersNeverSqlText() {
        PostgresStores pg = Db.fresh("safety");
        pg.members()
                .save(Member.builder(MemberId.of("M1"), T)
                        .tag(Tag.manual(EVIL, "amy", T))
                        .build());
        pg.members().save(Member.builder(MemberId.of("M2"), T).region(EVIL).build());
        SqlSegments sql = SqlSegments.of(pg, BrandSettings.ofDefaults(), SegmentCatalog.empty());
        Condition c = Where.tagged(EVIL)
                .or(new Condition.Profile(Condition.ProfileField.REGION, Set.of(EVIL)))
                .or(Where.bought(Condition.Item.category(Category.of(EVIL)), Window.lastDays(30))
                        .atLeast(1));
        SqlQuery q = sql.explainSql(c, T);
        assertThat(q.sql()).doesNotContain("DROP").doesNotContain(EVIL);
        assertThat(q.parameters()).contains(EVIL);
        assertThat(sql.members(c, T)).containsExactly(MemberId.of("M1"), MemberId.of("M2"));
        assertThat(pg.members().count()).isEqualTo(2);
    }

    @Test
    void throwingNodesThrowOnlyWhenSomeMemberReachesThem() {
        PostgresStores pg = Db.fresh("safety");
        pg.members().save(Member.builder(MemberId.of("M1"), T).build());
        SegmentCatalog catalog = SegmentCatalog.builder()
                .segment(Segment.of("vips", "VIPs", Where.tagged("vip")))
                .build();
        SqlSegments sql = SqlSegments.of(pg, BrandSettings.ofDefaults(), catalog);
        Condition usd = Where.spend(Window.allTime()).atLeast(Money.of(1, Currency.getInstance("USD")));
        Condition unknown = Where.inSegment(SegmentId.of("nope"));
        // nobody is tagged vip, so nobody reaches the parts after it
        assertThat(sql.count(Where.inSegment(SegmentId.of("vips")).and(usd), T)).isZero();
        assertThat(sql.count(Where.all().or(unknown), T)).isEqualTo(1);
        assertThatThrownBy(() -> sql.count(usd, T)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> sql.members(Where.not(unknown), T)).isInstanceOf(SegmentationException.class);
    }

    @Test
    void aFixedOffsetZoneCountsLocalDatesAsTheSnapshotDoes() {
        // AT TIME ZONE '+05:30' would be POSIX (west of UTC): the dialect adds the offset instead
        BrandSettings brand = BrandSettings.custom()
                .zone(java.time.ZoneOffset.ofHoursMinutes(5, 30))
                .build();
        io.crmkit.core.Crm memory = io.crmkit.core.Crm.inMemory(brand);
        List<io.crmkit.core.Order> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MemberId id = MemberId.of("M" + i);
            memory.members().save(Member.builder(id, T).build());
            // 18:29:59Z and 18:30:00Z are either side of midnight at +05:30
            Instant a = T.plusSeconds(86_400L * i + 16 * 3600 + 29 * 60 + 59);
            for (Instant at : List.of(a, a.plusSeconds(1), a.plusSeconds(86_400L * (i % 3)))) {
                orders.add(io.crmkit.core.Order.builder(io.crmkit.core.OrderId.of("O" + orders.size()), id, at)
                        .line(io.crmkit.core.OrderLine.of(
                                io.crmkit.core.ProductId.of("P1"),
                                "Cup",
                                Category.of("Home"),
                                1,
                                Money.of(100, brand.currency())))
                        .build());
            }
        }
        memory.orders().upsertAll(orders);
        PostgresStores pg = Db.fresh("safety");
        PushDownMatchesSnapshotTest.copy(memory, pg);
        io.crmkit.segmentation.Snapshot snapshot = io.crmkit.segmentation.Snapshot.of(memory, SegmentCatalog.empty());
        SqlSegments sql = SqlSegments.of(pg, brand, SegmentCatalog.empty());
        Instant asOf = T.plusSeconds(86_400L * 9);
        for (Condition c : List.of(
                Where.purchaseDays(Window.allTime()).atLeast(3),
                Where.purchaseDays(Window.allTime()).atMost(2),
                Where.daysSinceLastPurchase().between(4, 6),
                Where.orderCount(Window.lastDays(5)).atLeast(1))) {
            List<MemberId> expected = snapshot.evaluate(c, asOf).stream().toList();
            assertThat(sql.members(c, asOf)).as("%s", c).isEqualTo(expected);
        }
        assertThat(snapshot.count(Where.purchaseDays(Window.allTime()).atLeast(3), asOf))
                .as("the shop has members with three purchase dates")
                .isPositive();
    }

    @Test
    void badArgumentsAreInvalidValues() {
        PostgresStores pg = Db.fresh("safety");
        SqlSegments sql = SqlSegments.of(pg, BrandSettings.ofDefaults(), SegmentCatalog.empty());
        assertThatThrownBy(() -> sql.count(null, T)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> sql.members(Where.all(), null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> PostgresStores.builder(Db.dataSource()).schema("Robert'); DROP"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("schema");
        assertThat(List.of(sql.explainSql(Where.all(), T).sql())).isNotEmpty();
    }
}
