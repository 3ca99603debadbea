package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Email;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Tag;
import io.crmkit.io.internal.AudienceRows;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Member exports (CSV with the formula guard, JSON Lines) and Meta / Google audiences. */
class ExportTest {
    static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    static Member.Builder member(String id) {
        return Member.builder(MemberId.of(id), T);
    }

    static List<List<String>> csv(String text) throws IOException {
        try (MappingIterator<List<String>> it = new CsvMapper()
                .readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(text)) {
            return it.readAll();
        }
    }

    @Test
    void csvExportNeutralisesFormulas() throws IOException {
        List<Member> members = List.of(
                member("M1")
                        .name("=HYPERLINK(\"http://evil.example\",\"click\")")
                        .phone(new PhoneNumber("+886912345678"))
                        .tag(Tag.manual("@admin", "amy", T))
                        .build(),
                member("M2").name("-2+3").build(),
                member("M3").region("+cmd|' /C calc'!A0").build(),
                member("M4").name("林美玲").city("台北市").build());
        StringWriter w = new StringWriter();
        long n = MemberExport.csv("member_id", "name", "phone", "city", "region", "tags")
                .write(members.iterator(), w);
        assertThat(n).isEqualTo(4);
        List<List<String>> rows = csv(w.toString());
        assertThat(rows.get(0)).containsExactly("member_id", "name", "phone", "city", "region", "tags");
        assertThat(rows.get(1).get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(rows.get(1).get(2)).isEqualTo("'+886912345678");
        assertThat(rows.get(1).get(5)).startsWith("'@admin|MANUAL|amy|");
        assertThat(rows.get(2).get(1)).isEqualTo("'-2+3");
        // the model trims names and places, so tab and CR can only start a cell through other fields
        assertThat(MemberExport.formulaSafe("\tTab")).isEqualTo("'\tTab");
        assertThat(MemberExport.formulaSafe("\rCR")).isEqualTo("'\rCR");
        assertThat(MemberExport.formulaSafe("a=b")).isEqualTo("a=b");
        assertThat(rows.get(3).get(4)).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(rows.get(4)).containsExactly("M4", "林美玲", "", "台北市", "", "");

        StringWriter raw = new StringWriter();
        MemberExport.csv("name").withoutFormulaGuard().write(members.iterator(), raw);
        assertThat(csv(raw.toString()).get(2)).containsExactly("-2+3");
    }

    @Test
    void jsonLinesExportKeepsValuesAsTheyAre() {
        StringWriter w = new StringWriter();
        MemberExport.jsonLines("member_id", "email", "phone")
                .write(
                        List.of(member("M1")
                                        .email(Email.parse("mei@example.com"))
                                        .phone(new PhoneNumber("+886912345678"))
                                        .build())
                                .iterator(),
                        w);
        assertThat(w.toString())
                .isEqualTo("{\"member_id\":\"M1\",\"email\":\"mei@example.com\",\"phone\":\"+886912345678\"}\n");
    }

    @Test
    void exportsStreamOneMemberAtATime() {
        // an endless member set: the export must not collect it; it stops when the iterator fails
        Iterator<Member> endless = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Member next() {
                if (i == 50_000) {
                    throw new NoSuchElementException("end of the test's members");
                }
                return member("M" + i++).build();
            }
        };
        StringWriter w = new StringWriter();
        assertThatThrownBy(() -> MemberExport.csv("member_id").write(endless, w))
                .isInstanceOf(NoSuchElementException.class);
        // rows reached the writer before the member set ended: nothing was collected first
        assertThat(w.toString()).startsWith("member_id\nM0\nM1\nM2\n");
        assertThatThrownBy(() -> MemberExport.csv("member_id", "password"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("\"password\" is not a member field");
    }

    @Test
    void metaNormalisationMatchesMetasPublishedExamples() {
        // developers.facebook.com, Conversions API customer information parameters: em, ph, fn examples
        assertThat(AudienceRows.sha256(AudienceRows.metaEmail(" John_Smith@gmail.com ")))
                .isEqualTo("62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
        assertThat(AudienceRows.sha256(AudienceRows.metaPhone("+16505551212")))
                .isEqualTo("e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
        assertThat(AudienceRows.sha256(AudienceRows.metaName("Mary")))
                .isEqualTo("6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec");
        assertThat(AudienceRows.sha256(AudienceRows.metaName("Valéry")))
                .isEqualTo("08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c");
        assertThat(AudienceRows.sha256(AudienceRows.metaName("정")))
                .isEqualTo("8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14");
        assertThat(AudienceRows.metaName("O'Brien-Smith")).isEqualTo("obriensmith");
    }

    @Test
    void namesAreSplitOnlyWhenThePlainSplitExists() {
        assertThat(AudienceRows.split("林美玲")).containsExactly("美玲", "林");
        assertThat(AudienceRows.split("歐陽娜娜")).containsExactly("娜娜", "歐陽");
        assertThat(AudienceRows.split("Mei Lin")).containsExactly("Mei", "Lin");
        assertThat(AudienceRows.split("Mei")).isNull();
        assertThat(AudienceRows.split("林")).isNull();
    }

    static final Member MEI = member("M1")
            .name("林美玲")
            .email(Email.parse("Mei@Example.com"))
            .phone(new PhoneNumber("+886912345678"))
            .consent(Consent.optIn(ContactChannel.EMAIL, T, "form"))
            .consent(Consent.optIn(ContactChannel.SMS, T, "form"))
            .build();
    static final Member EMAIL_ONLY = member("M2")
            .email(Email.parse("kai@example.com"))
            .phone(new PhoneNumber("+886922222222"))
            .consent(Consent.optIn(ContactChannel.EMAIL, T, "form"))
            .consent(Consent.optOut(ContactChannel.SMS, T, "form"))
            .build();
    static final Member NO_CONSENT =
            member("M3").email(Email.parse("no@example.com")).build();

    @Test
    void metaCustomAudienceFile() throws IOException {
        StringWriter w = new StringWriter();
        Audience.Result r =
                Audience.meta().write(List.of(MEI, EMAIL_ONLY, NO_CONSENT).iterator(), w);
        assertThat(r).isEqualTo(new Audience.Result(2, 1));
        List<List<String>> rows = csv(w.toString());
        assertThat(rows.get(0)).containsExactly("email", "phone", "fn", "ln", "country");
        assertThat(rows.get(1))
                .containsExactly(
                        AudienceRows.sha256("mei@example.com"),
                        AudienceRows.sha256("886912345678"),
                        AudienceRows.sha256("美玲"),
                        AudienceRows.sha256("林"),
                        AudienceRows.sha256("tw"));
        // SMS opt-out: the phone is left out, the e-mail kept
        assertThat(rows.get(2).get(0)).isEqualTo(AudienceRows.sha256("kai@example.com"));
        assertThat(rows.get(2).get(1)).isEmpty();
        assertThat(rows).hasSize(3);
        assertThat(w.toString()).doesNotContain("example.com").doesNotContain("886912345678");
    }

    @Test
    void googleCustomerMatchFile() throws IOException {
        StringWriter w = new StringWriter();
        Audience.Result r = Audience.google().write(List.of(MEI, NO_CONSENT).iterator(), w);
        assertThat(r).isEqualTo(new Audience.Result(1, 1));
        List<List<String>> rows = csv(w.toString());
        assertThat(rows.get(0)).containsExactly("Email", "Phone", "First Name", "Last Name", "Country", "Zip");
        assertThat(rows.get(1))
                .containsExactly(
                        AudienceRows.sha256("mei@example.com"),
                        AudienceRows.sha256("+886912345678"), // E.164 with +, then hashed
                        AudienceRows.sha256("美玲"),
                        AudienceRows.sha256("林"),
                        "tw", // country and zip are not hashed
                        "");
        StringWriter all = new StringWriter();
        assertThat(Audience.google()
                        .ignoringConsent()
                        .write(List.of(NO_CONSENT).iterator(), all)
                        .written())
                .isEqualTo(1);
    }
}
