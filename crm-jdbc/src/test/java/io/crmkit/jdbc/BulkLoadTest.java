package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.StoreException;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** COPY writes what the stores read back, escapes every awkward character, and is all or nothing. */
class BulkLoadTest {
    private static final Currency TWD = Currency.getInstance("TWD");
    private static final Instant T = Instant.parse("2025-03-01T02:00:00.123456789Z");

    private PostgresStores pg;

    @BeforeEach
    void fresh() {
        pg = Db.fresh("bulk");
    }

    static Member awkwardMember(String id) {
        return Member.builder(MemberId.of(id), T)
                .name("林\t美玲\\ \"quoted\"\nsecond line")
                .gender(Gender.FEMALE)
                .birthday(LocalDate.of(2000, 2, 29))
                .city("新北市")
                .email(Email.parse(id.toLowerCase(java.util.Locale.ROOT) + "@example.com"))
                .consent(Consent.optIn(ContactChannel.EMAIL, T, "pos\\tab"))
                .tag(Tag.manual("vip\\\"x", "amy\tb", T))
                .note(new Note("a\r\nb\\N", "amy", T))
                .externalId(ExternalId.of("SHOPIFY", id + "\\{\"}"))
                .attribute(AttributeKey.ofDecimal("revenue"), new BigDecimal("1.50"))
                .attribute(AttributeKey.ofInstant("last_login"), T)
                .attribute(AttributeKey.ofString("note"), "\\N")
                .build();
    }

    static Order awkwardOrder(String id, String member) {
        return Order.builder(OrderId.of(id), MemberId.of(member), T)
                .status(OrderStatus.COMPLETED)
                .store(StoreId.of("7-11 台北\\車站"))
                .paymentMethod(PaymentMethod.CREDIT_CARD)
                .coupon("A,B")
                .coupon("q\"uote")
                .coupon("back\\slash")
                .coupon("{brace}")
                .line(OrderLine.of(ProductId.of("P1"), "Cup\nmug", Category.of("Home > Kitchen"), 2, Money.of(300, TWD))
                        .withSku("P1-RED")
                        .withUnitCost(Money.of(90, TWD))
                        .withDiscount(Money.of(50, TWD)))
                .line(OrderLine.of(ProductId.of("P2"), "Tea", Category.of("Food"), 1, Money.of(120, TWD)))
                .shippingFee(Money.of(60, TWD))
                .refund(new Refund(T.plusSeconds(86_400), Money.of(100, TWD), "damaged\tbox"))
                .build();
    }

    @Test
    void copyWritesWhatTheStoresReadBack() {
        Member m = awkwardMember("M1");
        Order o = awkwardOrder("O1", "M1");
        try (BulkLoad load = pg.bulkLoad()) {
            assertThat(load.members(List.of(m).iterator())).isEqualTo(1);
            assertThat(load.orders(List.of(o).iterator())).isEqualTo(2);
            load.commit();
        }
        assertThat(pg.members().find(m.id())).contains(m.withVersion(1));
        assertThat(pg.members().findByExternalId(m.externalIds().iterator().next()))
                .contains(m.withVersion(1));
        assertThat(pg.orders().find(o.id())).contains(o);
        assertThat(pg.orders().findByMember(MemberId.of("M1"))).containsExactly(o);
        // the query tables were loaded too: push-down sees tags, consents and attributes
        SqlSegments sql = SqlSegments.of(pg, BrandSettings.ofDefaults(), SegmentCatalog.empty());
        Instant asOf = T.plusSeconds(86_400 * 2);
        assertThat(sql.members(Where.tagged("vip\\\"x"), asOf)).containsExactly(m.id());
        assertThat(sql.members(Where.reachableBy(ContactChannel.EMAIL), asOf)).containsExactly(m.id());
        assertThat(sql.count(Where.orderCount(Window.allTime()).atLeast(1), asOf))
                .isEqualTo(1);
        // stored members can be updated through the store afterwards (version 1)
        assertThat(pg.members()
                        .update(m.id(), x -> x.toBuilder().city("台北市").build())
                        .version())
                .isEqualTo(2);
    }

    @Test
    void aFailedLoadLeavesNothing() {
        Member m = awkwardMember("M1");
        pg.members().save(awkwardMember("M2"));
        try (BulkLoad load = pg.bulkLoad()) {
            load.members(List.of(m).iterator());
            load.orders(List.of(awkwardOrder("O1", "M1")).iterator());
            assertThatThrownBy(() -> load.members(List.of(awkwardMember("M2")).iterator()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("member");
        }
        assertThat(pg.members().find(m.id())).isEmpty();
        assertThat(pg.orders().count()).isZero();
        assertThat(pg.members().count()).isEqualTo(1);
    }

    @Test
    void closingWithoutCommitRollsBack() {
        try (BulkLoad load = pg.bulkLoad()) {
            load.orders(List.of(awkwardOrder("O1", "M1")).iterator());
        }
        assertThat(pg.orders().count()).isZero();
    }
}
