package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PhoneNumber;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real export files of src/test/resources/io/crmkit/io/samples import with the expected counts. */
class SamplesTest {
    @TempDir
    Path dir;

    private static Member byEmail(Crm crm, String email) {
        List<Member> found = crm.members().findByEmail(Email.parse(email));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void shopifyOrdersExport() {
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm).build().importFile(Samples.copy("shopify_orders_export_devstore.csv", dir));

        assertThat(r.preset()).isEqualTo("shopify-orders");
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":40,\"accepted\":18,\"rejected\":22,\"members\":3,\"orders\":9}");
        // 10 orders (22 rows) were placed as draft orders without a customer
        assertThat(r.rejections()).hasSize(22);
        Rejection first = r.rejections().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.reason()).contains("names no customer").contains("Email");
        assertThat(r.rejections().get(1).line()).isEqualTo(3);
        assertThat(r.rejections().get(1).reason()).contains("same group as line 2");

        Member russell = byEmail(crm, "russel.winfield@example.com"); // written Russel.winfield@ in the file
        assertThat(russell.name()).contains("Russell Winfield");
        assertThat(russell.phone()).contains(new PhoneNumber("+16135550135"));
        assertThat(russell.consent(ContactChannel.EMAIL).map(Consent::optedIn)).contains(false);
        Order o = crm.orders().find(OrderId.of("#1008")).orElseThrow();
        assertThat(o.memberId()).isEqualTo(russell.id());
        assertThat(o.lines()).extracting(OrderLine::quantity).containsExactly(1, 1, 1, 1);
        assertThat(o.total()).isEqualTo(Money.parse("189.80", Currency.getInstance("EUR")));
        assertThat(o.placedAt()).isEqualTo(Instant.parse("2025-05-13T19:44:12Z")); // 15:44:12 -0400
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(crm.orders().findByMember(russell.id()))
                .extracting(x -> x.id().value())
                .containsExactly("#1008", "#1009", "#1016");
        assertThat(crm.orders().find(OrderId.of("#1006"))).isEmpty();
        // a SKU when there is one, else the name, is the product id
        assertThat(crm.orders()
                        .find(OrderId.of("#1012"))
                        .orElseThrow()
                        .lines()
                        .get(0)
                        .sku())
                .contains("sku-untracked-1");
        assertThat(crm.orders().find(OrderId.of("#1013")).orElseThrow().status())
                .isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void wooCommerceWebToffee() {
        Crm crm = Samples.crm();
        ImportResult r =
                Importer.into(crm).build().importFile(Samples.copy("woocommerce_webtoffee_sample_order.csv", dir));

        assertThat(r.preset()).isEqualTo("woocommerce-webtoffee");
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":3,\"accepted\":2,\"rejected\":1,\"members\":2,\"orders\":2}");
        Rejection rej = r.rejections().get(0);
        // order 1001's shipping_items cell holds a quoted new line, so 1002 starts on line 4
        assertThat(rej.line()).isEqualTo(4);
        // guest order 1002: billing_phone 9999999 with billing_country US is 7 digits, not a US number (and its
        // refund of 46.00 is more than its total of 33.04; the first problem found is reported)
        assertThat(rej.column()).isEqualTo("billing_phone");
        assertThat(rej.value()).isEqualTo("9999999");
        assertThat(rej.reason())
                .isEqualTo("\"****999\" is not a phone number: a North American number has 10 digits" + " after +1");

        Currency usd = Currency.getInstance("USD");
        Order o1003 = crm.orders().find(OrderId.of("1003")).orElseThrow();
        assertThat(o1003.lines()).hasSize(3);
        assertThat(o1003.couponCodes()).containsExactly("flat20");
        assertThat(o1003.total()).isEqualTo(Money.parse("58.98", usd)); // = order_total of the file
        assertThat(o1003.lines().get(0).netAmount()).isEqualTo(Money.parse("27.36", usd)); // 23.19 + tax 4.17
        assertThat(o1003.lines().get(2).sku()).contains("B11V2");
        assertThat(o1003.status()).isEqualTo(OrderStatus.PAID);

        Member lilly = crm.members()
                .findByExternalId(ExternalId.of("WOOCOMMERCE", "3"))
                .orElseThrow();
        Member mark = crm.members()
                .findByExternalId(ExternalId.of("WOOCOMMERCE", "2"))
                .orElseThrow();
        // both wrote the phone 9898989898: a shared phone does not merge two customers
        assertThat(lilly.id()).isNotEqualTo(mark.id());
        assertThat(lilly.phone()).contains(new PhoneNumber("+19898989898"));
        assertThat(lilly.name()).contains("Lilly Gordon");
        assertThat(crm.orders().find(OrderId.of("1001")).orElseThrow().memberId())
                .isEqualTo(lilly.id());
    }

    @Test
    void magentoCustomers() {
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm).build().importFile(Samples.copy("magento2_customers_to_import.csv", dir));

        assertThat(r.preset()).isEqualTo("magento2-customers");
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":6,\"accepted\":6,\"rejected\":0,\"members\":6,\"orders\":0}");
        Member anthony = byEmail(crm, "AnthonyANealy@magento.com");
        assertThat(anthony.name()).contains("Anthony Nealy");
        assertThat(anthony.gender()).isEqualTo(Gender.MALE);
        assertThat(anthony.birthday()).contains(LocalDate.of(2010, 5, 6));
        assertThat(anthony.joinedAt())
                .isEqualTo(LocalDateTime.of(2012, 5, 6, 15, 53)
                        .atZone(Samples.brand().zone())
                        .toInstant());
        assertThat(byEmail(crm, "david.lamar@example.com").gender()).isEqualTo(Gender.UNKNOWN);
        assertThat(byEmail(crm, "CharlesTAlston@teleworm.us").name()).contains("Jhon Doe");
    }

    @Test
    void magentoCompositeFileAddsAddressRowsToThePreviousCustomer() {
        String header = new String(
                        Samples.bytes("magento2_customers_to_import.csv"), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .findFirst()
                .orElseThrow();
        String blanks = ",".repeat(header.split(",", -1).length - 1);
        String file = header + ",_address_city,_address_region,_address_telephone,_address_country_id\n"
                // a continuation row before any customer: nothing to continue
                + blanks + ",Kaohsiung,,,TW\n"
                + "mei@example.com,base,admin,,5/6/2012 15:53,Admin,1,1,0,,Mei,Female,1,Lin,,,,,,0,,,1,,,,,\n"
                + blanks + ",台北市,北部,0912-345-678,TW\n"
                + blanks + ",Taichung,,,TW\n";
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .build()
                .importFile(Samples.write(
                        dir, "customer_composite.csv", file.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(r.rowsRead()).isEqualTo(4);
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.rejections().get(0).line()).isEqualTo(2);
        assertThat(r.rejections().get(0).reason()).contains("continues the previous member");
        Member mei = byEmail(crm, "mei@example.com");
        assertThat(mei.city()).contains("台北市"); // the first address wins
        assertThat(mei.region()).contains("北部");
        assertThat(mei.phone()).contains(new PhoneNumber("+886912345678"));
        assertThat(mei.name()).contains("Mei Lin");
    }

    @Test
    void cdnowLog() {
        Crm crm = Samples.crm();
        ImportResult r = Importer.into(crm)
                .preset(Preset.named("cdnow"))
                .build()
                .importFile(Samples.copy("CDNOW_master.txt", dir));

        // SOURCE.md: 69,659 rows, 23,570 customers; every row is an order
        assertThat(r.summaryJson())
                .isEqualTo("{\"rowsRead\":69659,\"accepted\":69659,\"rejected\":0,\"members\":23570,\"orders\":69659}");
        assertThat(crm.orders().count()).isEqualTo(69_659);
        ImportResult dry = Importer.into(Samples.crm())
                .preset(Preset.named("cdnow"))
                .dryRun(true)
                .build()
                .importFile(Samples.copy("CDNOW_master.txt", dir));
        assertThat(dry.summaryJson()).isEqualTo(r.summaryJson()); // each member counted once across batches
        assertThat(crm.members().count()).isEqualTo(23_570);
        long cents =
                crm.orders().stream().mapToLong(o -> o.total().minorUnits()).sum();
        long cds = crm.orders().stream()
                .flatMap(o -> o.lines().stream())
                .mapToLong(OrderLine::quantity)
                .sum();
        assertThat(cents).isEqualTo(250_031_563L); // $2,500,315.63
        assertThat(cds).isEqualTo(167_881);
        // customer 00002 bought twice on 1997-01-12 (records 2 and 3): two orders, $12.00 and $77.00
        Order second = crm.orders().find(OrderId.of("CDNOW-00002-19970112-2")).orElseThrow();
        Order third = crm.orders().find(OrderId.of("CDNOW-00002-19970112-3")).orElseThrow();
        assertThat(second.total()).isEqualTo(Money.parse("12.00", Currency.getInstance("USD")));
        assertThat(third.total()).isEqualTo(Money.parse("77.00", Currency.getInstance("USD")));
        assertThat(crm.members().find(MemberId.of("CDNOW-00001")).orElseThrow().externalIds())
                .containsExactly(ExternalId.of("CDNOW", "00001"));
    }
}
