package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.ProductId;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.Tag;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One shopper through POS, LINE, Shopify and Shopee; a family phone; two Shopify accounts on one e-mail. */
class IdentityResolverTest {
    static final Instant T0 = Instant.parse("2023-01-01T02:00:00Z");
    static final PhoneNumber MEI_PHONE = new PhoneNumber("+886912345678");
    static final Email MEI_EMAIL = Email.parse("mei@example.com");

    static Instant day(int d) {
        return T0.plusSeconds(86_400L * d);
    }

    static Crm shop() {
        Crm crm = Samples.crm();
        crm.members()
                .saveAll(List.of(
                        Member.builder(MemberId.of("M-POS"), day(0))
                                .name("林美玲")
                                .phone(MEI_PHONE)
                                .sourceChannel(SalesChannel.POS)
                                .externalId(ExternalId.of("POS", "C001"))
                                .consent(Consent.optIn(ContactChannel.SMS, day(0), "pos"))
                                .tag(Tag.manual("pos-vip", "clerk", day(1)))
                                .build(),
                        Member.builder(MemberId.of("M-LINE"), day(150))
                                .name("Mei")
                                .lineId("U123")
                                .phone(MEI_PHONE)
                                .sourceChannel(SalesChannel.LINE)
                                .consent(Consent.optIn(ContactChannel.LINE, day(150), "line-follow"))
                                .build(),
                        Member.builder(MemberId.of("M-SHOPIFY"), day(365))
                                .name("Mei Lin")
                                .email(MEI_EMAIL)
                                .phone(MEI_PHONE)
                                .city("台北市")
                                .externalId(ExternalId.of("SHOPIFY", "901"))
                                .consent(Consent.optIn(ContactChannel.EMAIL, day(365), "shopify"))
                                .build(),
                        Member.builder(MemberId.of("M-SHOPEE"), day(425))
                                .name("林美玲 (Shopee)")
                                .email(MEI_EMAIL)
                                .externalId(ExternalId.of("SHOPEE", "meilin88"))
                                .note(new Note("asked about refills", "cs:amy", day(430)))
                                .build(),
                        Member.builder(MemberId.of("M-LINE2"), day(730))
                                .externalId(ExternalId.of("LINE", "U123"))
                                .build(),
                        // a family's phone: two people
                        Member.builder(MemberId.of("F1"), day(10))
                                .phone(new PhoneNumber("+886922222222"))
                                .email(Email.parse("dad@example.com"))
                                .build(),
                        Member.builder(MemberId.of("F2"), day(11))
                                .phone(new PhoneNumber("+886922222222"))
                                .email(Email.parse("kid@example.com"))
                                .build(),
                        // one e-mail, two Shopify customers: not merged
                        Member.builder(MemberId.of("S1"), day(20))
                                .email(Email.parse("shared@example.com"))
                                .externalId(ExternalId.of("SHOPIFY", "1"))
                                .build(),
                        Member.builder(MemberId.of("S2"), day(21))
                                .email(Email.parse("shared@example.com"))
                                .externalId(ExternalId.of("SHOPIFY", "2"))
                                .build()));
        Currency twd = Currency.getInstance("TWD");
        crm.orders()
                .upsertAll(List.of(
                        Order.builder(OrderId.of("O1"), MemberId.of("M-LINE"), day(200))
                                .line(OrderLine.of(ProductId.of("P1"), "茶", Category.of("飲料"), 1, Money.of(50, twd)))
                                .build(),
                        Order.builder(OrderId.of("O2"), MemberId.of("M-SHOPEE"), day(430))
                                .line(OrderLine.of(ProductId.of("P2"), "面膜", Category.of("美妝"), 2, Money.of(349, twd)))
                                .build()));
        crm.interactions()
                .appendAll(List.of(Interaction.builder(
                                InteractionId.of("I1"),
                                MemberId.of("M-LINE2"),
                                day(731),
                                InteractionType.MESSAGE_OPENED)
                        .channel(ContactChannel.LINE)
                        .build()));
        return crm;
    }

    @Test
    void mergesOnePersonFromFourSourcesKeepingEverySourceIdAndAllHistory() {
        Crm crm = shop();
        IdentityReport r = IdentityResolver.builder(Samples.brand()).build().resolve(crm);

        assertThat(r.membersBefore()).isEqualTo(9);
        assertThat(r.membersAfter()).isEqualTo(5);
        assertThat(r.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivor()).isEqualTo(MemberId.of("M-POS")); // the earliest to join
            assertThat(m.merged())
                    .containsExactlyInAnyOrder(
                            MemberId.of("M-LINE"),
                            MemberId.of("M-SHOPIFY"),
                            MemberId.of("M-SHOPEE"),
                            MemberId.of("M-LINE2"));
        });
        Member mei = crm.members().find(MemberId.of("M-POS")).orElseThrow();
        assertThat(mei.externalIds())
                .containsExactlyInAnyOrder(
                        ExternalId.of("POS", "C001"),
                        ExternalId.of("SHOPIFY", "901"),
                        ExternalId.of("SHOPEE", "meilin88"),
                        ExternalId.of("LINE", "U123"));
        assertThat(mei.lineId()).contains("U123");
        assertThat(mei.email()).contains(MEI_EMAIL);
        assertThat(mei.city()).contains("台北市");
        assertThat(mei.joinedAt()).isEqualTo(day(0));
        assertThat(mei.consents().keySet())
                .containsExactlyInAnyOrder(ContactChannel.SMS, ContactChannel.LINE, ContactChannel.EMAIL);
        assertThat(mei.hasTag("pos-vip")).isTrue();
        assertThat(mei.notes()).extracting(Note::text).contains("asked about refills");
        assertThat(mei.notes())
                .filteredOn(n -> n.author().equals("crmkit:identity"))
                .singleElement()
                .satisfies(
                        n -> assertThat(n.text()).contains("M-SHOPEE (EMAIL)").contains("M-LINE2 (EXTERNAL_ID)"));
        // newest wins: the name of the newest record that has one (M-LINE2 has none; M-SHOPEE is next)
        assertThat(mei.name()).contains("林美玲 (Shopee)");
        // all history moved
        assertThat(crm.orders().findByMember(mei.id()))
                .extracting(o -> o.id().value())
                .containsExactly("O1", "O2");
        assertThat(crm.interactions().findByMember(mei.id())).hasSize(1);
        assertThat(crm.members().find(MemberId.of("M-SHOPEE"))).isEmpty();
        assertThat(crm.orders().findByMember(MemberId.of("M-SHOPEE"))).isEmpty();
    }

    @Test
    void contradictedMatchesAreReportedNotMerged() {
        Crm crm = shop();
        IdentityReport r = IdentityResolver.builder(Samples.brand()).build().resolve(crm);
        assertThat(r.ambiguous()).hasSize(2);
        assertThat(r.ambiguous())
                .anySatisfy(a -> {
                    assertThat(a.rule()).isEqualTo(MatchKey.EMAIL);
                    assertThat(a.key()).isEqualTo("s***@example.com");
                    assertThat(a.members()).containsExactly(MemberId.of("S1"), MemberId.of("S2"));
                    assertThat(a.reason()).isEqualTo("they hold different SHOPIFY ids");
                })
                .anySatisfy(a -> {
                    assertThat(a.rule()).isEqualTo(MatchKey.PHONE);
                    assertThat(a.key()).isEqualTo("*********2222");
                    assertThat(a.members()).containsExactly(MemberId.of("F1"), MemberId.of("F2"));
                    assertThat(a.reason()).contains("different e-mail addresses");
                });
        assertThat(crm.members().find(MemberId.of("F2"))).isPresent();
        assertThat(crm.members().find(MemberId.of("S2"))).isPresent();
    }

    @Test
    void sourcePriorityDecidesConflictingFields() {
        Crm crm = shop();
        IdentityResolver.builder(Samples.brand())
                .policy(ConflictPolicy.SOURCE_PRIORITY)
                .sourcePriority("POS", "SHOPIFY", "LINE", "SHOPEE")
                .build()
                .resolve(crm);
        assertThat(crm.members().find(MemberId.of("M-POS")).orElseThrow().name())
                .contains("林美玲");
    }

    @Test
    void theRuleOrderMatters() {
        Crm crm = shop();
        // e-mail only: just the Shopify and Shopee records are one person
        IdentityReport r = IdentityResolver.builder(Samples.brand())
                .rules(MatchKey.EMAIL)
                .build()
                .resolve(crm);
        assertThat(r.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivor()).isEqualTo(MemberId.of("M-SHOPIFY"));
            assertThat(m.merged()).containsExactly(MemberId.of("M-SHOPEE"));
            assertThat(m.matchedOn()).containsExactly(MatchKey.EMAIL);
        });
        assertThat(r.membersAfter()).isEqualTo(8);
    }

    @Test
    void aDryRunChangesNothingAndASecondRunMergesNothing() {
        Crm crm = shop();
        IdentityReport dry =
                IdentityResolver.builder(Samples.brand()).dryRun(true).build().resolve(crm);
        assertThat(dry.merges()).hasSize(1);
        assertThat(crm.members().count()).isEqualTo(9);
        assertThat(crm.orders().findByMember(MemberId.of("M-LINE"))).hasSize(1);

        IdentityReport first = IdentityResolver.builder(Samples.brand()).build().resolve(crm);
        List<Member> after = crm.members().stream().toList();
        IdentityReport second =
                IdentityResolver.builder(Samples.brand()).build().resolve(crm);
        assertThat(first.merges()).hasSize(1);
        assertThat(second.merges()).isEmpty();
        assertThat(second.ambiguous()).hasSize(2);
        assertThat(crm.members().stream().toList()).isEqualTo(after);
    }
}
