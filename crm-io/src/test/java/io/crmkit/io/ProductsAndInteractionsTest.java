package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Products and interactions with mappings of one's own (the canonical files have presets). */
class ProductsAndInteractionsTest {
    static ImportResult run(Crm crm, Mapping m, String text, String name) {
        return Importer.into(crm)
                .mapping(m)
                .build()
                .importStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void aProductCatalogue() {
        Mapping m = Mapping.fromJson("""
                {"crmkit": "mapping/1", "name": "erp-products", "kind": "products",
                 "fields": {
                   "product.id": {"column": "商品編號"},
                   "product.name": {"column": "品名"},
                   "product.category": {"column": "分類"},
                   "product.listPrice": {"column": "售價"},
                   "product.unitCost": {"column": "成本"}}}
                """);
        Crm crm = Samples.crm();
        ImportResult r = run(
                crm,
                m,
                "商品編號,品名,分類,售價,成本\nBEA-01,修護面膜 10片入,美妝保養 > 面膜,\"NT$1,280\",350\n"
                        + "BEA-02,,美妝保養,399,100\nBEA-03,氣墊粉餅,美妝保養 > 彩妝,399,-5\n",
                "products.csv");
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":3,\"accepted\":1,\"rejected\":2,\"members\":0,\"orders\":0}");
        assertThat(r.products()).isEqualTo(1);
        Currency twd = Currency.getInstance("TWD");
        Product p = crm.products().find(ProductId.of("BEA-01")).orElseThrow();
        assertThat(p.listPrice()).contains(Money.of(1280, twd));
        assertThat(p.category().levels()).containsExactly("美妝保養", "面膜");
        assertThat(r.rejections().get(0).column()).isEqualTo("品名");
        assertThat(r.rejections().get(0).reason()).contains("product.name is required");
        assertThat(r.rejections().get(1).reason()).contains("must not be negative");
    }

    @Test
    void aLineEventLogCreatesOrFindsMembersByTheirLineId() {
        Mapping m = Mapping.builder("line-events", ImportKind.INTERACTIONS)
                .source("LINE")
                .field(Field.MEMBER_EXTERNAL_ID, "userId")
                .field(Field.INTERACTION_ID, "eventId")
                .field(Field.INTERACTION_AT, Mapping.column("timestamp").formats("epochMillis"))
                .field(
                        Field.INTERACTION_TYPE,
                        Mapping.column("type")
                                .values(Map.of("follow", "MESSAGE_REPLIED", "postback", "MESSAGE_CLICKED")))
                .field(Field.INTERACTION_CHANNEL, Mapping.constant("LINE"))
                .field(Field.INTERACTION_CAMPAIGN, "campaign")
                .build();
        assertThat(Mapping.fromJson(m.toJson())).isEqualTo(m);
        String log = "eventId,userId,timestamp,type,campaign\n"
                + "E1,U4af4980629,1735689600000,follow,\n"
                + "E2,U4af4980629,1735693200000,postback,1111-sale\n"
                + "E3,Ub0b0,1735693200000,unfollow,\n";
        Crm crm = Samples.crm();
        ImportResult r = run(crm, m, log, "line.csv");
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejections()).singleElement().satisfies(x -> {
            assertThat(x.line()).isEqualTo(4);
            assertThat(x.column()).isEqualTo("type");
            assertThat(x.reason()).startsWith("\"unfollow\" is not one of MESSAGE_SENT");
        });
        Member u = crm.members()
                .findByExternalId(ExternalId.of("LINE", "U4af4980629"))
                .orElseThrow();
        Interaction e2 = crm.interactions().find(InteractionId.of("E2")).orElseThrow();
        assertThat(e2.memberId()).isEqualTo(u.id());
        assertThat(e2.type()).isEqualTo(InteractionType.MESSAGE_CLICKED);
        assertThat(e2.channel()).contains(ContactChannel.LINE);
        assertThat(e2.campaignId()).contains(CampaignId.of("1111-sale"));
        // the member joined at its first event
        assertThat(u.joinedAt()).isEqualTo(java.time.Instant.ofEpochMilli(1735689600000L));
        // again: nothing changes
        ImportResult again = run(crm, m, log, "line.csv");
        assertThat(again.members()).isZero();
        assertThat(crm.interactions().count()).isEqualTo(2);
    }

    @Test
    void mappingsOfOneKindRefuseFieldsOfAnother() {
        assertThatThrownBy(() -> Mapping.builder("p", ImportKind.PRODUCTS)
                        .field(Field.PRODUCT_ID, "id")
                        .field(Field.PRODUCT_NAME, "name")
                        .field(Field.MEMBER_EMAIL, "email")
                        .build())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("a products mapping has product fields only");
        assertThatThrownBy(() -> Mapping.builder("i", ImportKind.INTERACTIONS)
                        .field(Field.MEMBER_ID, "m")
                        .field(Field.INTERACTION_ID, "id")
                        .field(Field.INTERACTION_AT, "at")
                        .build())
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("needs interaction.type");
    }
}
