package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.PhoneNumber;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The three header generations of Shopify's customers export (headers from the research notes,
 * HEADERS.md; the rows are made up).
 */
class ShopifyCustomersTest {
    static final String CURRENT =
            "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
                    + "Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,"
                    + "Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,"
                    + "Total Spent,Total Orders,Note,Tax Exempt,Tags,Accepts WhatsApp Marketing\n"
                    + "'9013808660771,美玲,林,Mei.Lin@Example.com,yes,,,,台北市,,TW,,,0912-345-678,no,1280.00,2,,no,\"vip, 敏感肌\",no\n"
                    + "7.02255E+12,Kai,Chen,kai@example.com,no,,,,Taichung,,TW,,,,no,0.00,0,,no,,no\n";
    static final String INTERMEDIATE =
            "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Company,Address1,"
                    + "Address2,City,Province,Province Code,Country,Country Code,Zip,Phone,Accepts SMS Marketing,Total Spent,"
                    + "Total Orders,Tags,Note,Tax Exempt\n"
                    + "9013808660772,Ann,Lee,ann@example.com,yes,,,,Vancouver,,BC,Canada,CA,,604-555-0199,yes,10.00,1,,,no\n";
    static final String OLDER = "First Name,Last Name,Email,Accepts Marketing,Company,Address1,Address2,City,Province,"
            + "Province Code,Country,Country Code,Zip,Phone,Total Spent,Total Orders,Tags,Note,Tax Exempt\n"
            + "Bo,Wu,bo@example.com,no,,,,Kaohsiung,,,Taiwan,TW,,0912-000-111,0,0,,,no\n";

    static ImportResult run(Crm crm, String csv) {
        return Importer.into(crm)
                .kind(ImportKind.MEMBERS)
                .build()
                .importStream(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "customers_export.csv");
    }

    @Test
    void currentHeaders() {
        Crm crm = Samples.crm();
        ImportResult r = run(crm, CURRENT);
        assertThat(r.preset()).isEqualTo("shopify-customers");
        assertThat(r.rowsRead()).isEqualTo(2);
        assertThat(r.accepted()).isEqualTo(1);
        Rejection mangled = r.rejections().get(0);
        assertThat(mangled.line()).isEqualTo(3);
        assertThat(mangled.column()).isEqualTo("Customer ID");
        assertThat(mangled.value()).isEqualTo("7.02255E+12");
        assertThat(mangled.reason()).contains("scientific notation").contains("export the column as text");

        Member mei = crm.members()
                .findByExternalId(ExternalId.of("SHOPIFY", "9013808660771"))
                .orElseThrow();
        assertThat(mei.name()).contains("林美玲"); // Chinese names: family name first, no space
        assertThat(mei.email()).contains(Email.parse("mei.lin@example.com"));
        assertThat(mei.phone()).contains(new PhoneNumber("+886912345678"));
        assertThat(mei.city()).contains("台北市");
        assertThat(mei.isReachableBy(ContactChannel.EMAIL)).isTrue();
        assertThat(mei.consent(ContactChannel.SMS).orElseThrow().optedIn()).isFalse();
        assertThat(mei.hasTag("vip")).isTrue();
        assertThat(mei.hasTag("敏感肌")).isTrue();
    }

    @Test
    void intermediateAndOlderHeaders() {
        Crm crm = Samples.crm();
        ImportResult r = run(crm, INTERMEDIATE);
        assertThat(r.preset()).isEqualTo("shopify-customers");
        assertThat(r.accepted()).isEqualTo(1);
        Member ann = crm.members()
                .findByExternalId(ExternalId.of("SHOPIFY", "9013808660772"))
                .orElseThrow();
        assertThat(ann.phone()).contains(new PhoneNumber("+16045550199")); // Country Code CA
        assertThat(ann.city()).contains("Vancouver");

        ImportResult old = run(crm, OLDER);
        assertThat(old.preset()).isEqualTo("shopify-customers");
        assertThat(old.accepted()).isEqualTo(1);
        Member bo = crm.members().findByEmail(Email.parse("bo@example.com")).get(0);
        assertThat(bo.externalIds()).isEmpty(); // no Customer ID in this generation
        assertThat(bo.consent(ContactChannel.EMAIL).orElseThrow().optedIn()).isFalse();
        assertThat(bo.joinedAt()).isEqualTo(Samples.NOW); // no join date in the export: the import's time
    }

    @Test
    void aLaterExportUpdatesTheSameMember() {
        Crm crm = Samples.crm();
        run(crm, CURRENT);
        ImportResult again = run(crm, CURRENT);
        assertThat(again.members()).isZero();
        String moved = CURRENT.replace("台北市", "新北市").replace("Mei.Lin@Example.com,yes", "Mei.Lin@Example.com,no");
        ImportResult changed = run(crm, moved);
        assertThat(changed.membersUpdated()).isEqualTo(1);
        Member mei = crm.members()
                .findByExternalId(ExternalId.of("SHOPIFY", "9013808660771"))
                .orElseThrow();
        assertThat(mei.city()).contains("新北市");
        assertThat(mei.isReachableBy(ContactChannel.EMAIL)).isFalse();
        assertThat(crm.members().count()).isEqualTo(1);
    }
}
