package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MemberTest {
    static final AttributeKey<Integer> EMPLOYEES = AttributeKey.ofInteger("employees");
    static final AttributeKey<BigDecimal> REVENUE = AttributeKey.ofDecimal("annual_revenue");
    static final Instant T0 = Instant.parse("2025-03-01T02:00:00Z");

    @Test
    void typedAttributesComeBackWithoutCasts() {
        Member m = Member.builder(MemberId.of("B1"), T0)
                .attribute(EMPLOYEES, 120)
                .attribute(REVENUE, new BigDecimal("12500000.50"))
                .build();
        int employees = m.attribute(EMPLOYEES).orElseThrow();
        assertThat(employees).isEqualTo(120);
        assertThat(m.attribute(REVENUE))
                .as("decimals are kept without trailing zeros")
                .contains(new BigDecimal("12500000.5"));
        assertThat(Attributes.empty().with(REVENUE, new BigDecimal("1.50")))
                .isEqualTo(Attributes.empty().with(REVENUE, new BigDecimal("1.5")));
        assertThat(Attributes.empty().with(REVENUE, new BigDecimal("1E+2")).get(REVENUE))
                .contains(new BigDecimal("100"));
        assertThatThrownBy(() -> m.attribute(AttributeKey.ofLong("employees")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is set as INTEGER, not LONG");
        assertThat(m.attribute(AttributeKey.ofString("industry"))).isEmpty();
    }

    @Test
    void oneAttributeNameHasOneType() {
        Member.Builder b = Member.builder(MemberId.of("B1"), T0).attribute(EMPLOYEES, 120);
        assertThatThrownBy(() -> b.attribute(AttributeKey.ofString("employees"), "many"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("already set as INTEGER");
        assertThatThrownBy(() -> AttributeKey.ofInteger("Employees"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not an attribute name");
    }

    @Test
    void runtimeTypedAttributesAreChecked() {
        AttributeKey<?> key = AttributeKey.of("employees", AttributeKey.Type.INTEGER);
        assertThat(Attributes.empty().withUnchecked(key, 5).get(EMPLOYEES)).contains(5);
        assertThatThrownBy(() -> Attributes.empty().withUnchecked(key, "5"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("expects a INTEGER value but got String");
    }

    @Test
    void reachableOnlyWithContactPointAndOptIn() {
        Member m = Member.builder(MemberId.of("M1"), T0)
                .phone(PhoneNumber.parse("0912345678", "886"))
                .consent(Consent.optIn(ContactChannel.SMS, T0, "pos"))
                .consent(Consent.optIn(ContactChannel.EMAIL, T0, "web"))
                .consent(Consent.optOut(ContactChannel.LINE, T0, "line-oa"))
                .lineId("U123")
                .build();
        assertThat(m.isReachableBy(ContactChannel.SMS)).isTrue();
        assertThat(m.isReachableBy(ContactChannel.EMAIL))
                .as("no e-mail address")
                .isFalse();
        assertThat(m.isReachableBy(ContactChannel.LINE)).as("opted out").isFalse();
        assertThat(m.isReachableBy(ContactChannel.FACEBOOK)).as("no consent").isFalse();
        Member later = m.toBuilder()
                .consent(Consent.optIn(ContactChannel.LINE, T0.plusSeconds(60), "line-oa"))
                .build();
        assertThat(later.isReachableBy(ContactChannel.LINE)).isTrue();
        assertThat(later.consent(ContactChannel.LINE).orElseThrow().at()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void tagsAreUniqueByNameAndRemember() {
        Member m = Member.builder(MemberId.of("M1"), T0)
                .tag(Tag.manual("vip", "agent:amy", T0))
                .tag(Tag.rule("vip", "segment:big-spenders", T0.plusSeconds(5)))
                .tag(Tag.manual("do-not-contact", "agent:bob", T0))
                .build();
        assertThat(m.tags()).hasSize(2);
        assertThat(m.tag("vip").orElseThrow().source()).isEqualTo(Tag.Source.RULE);
        assertThat(m.hasTag("do-not-contact")).isTrue();
        assertThat(m.toBuilder().untag("vip").build().hasTag("vip")).isFalse();
    }

    @Test
    void ageAndNextBirthdayInTheBrandsCalendar() {
        Member m = Member.builder(MemberId.of("M1"), T0)
                .birthday(LocalDate.of(2000, 2, 29))
                .build();
        assertThat(m.age(LocalDate.of(2026, 2, 27)).getAsInt()).isEqualTo(25);
        assertThat(m.age(LocalDate.of(2026, 2, 28)).getAsInt())
                .as("celebrated on 28 February in common years, like nextBirthday")
                .isEqualTo(26);
        assertThat(m.age(LocalDate.of(2028, 2, 28)).getAsInt())
                .as("leap year: not yet")
                .isEqualTo(27);
        assertThat(m.age(LocalDate.of(2026, 3, 1)).getAsInt()).isEqualTo(26);
        assertThat(m.nextBirthday(LocalDate.of(2026, 1, 10))).contains(LocalDate.of(2026, 2, 28));
        assertThat(m.nextBirthday(LocalDate.of(2026, 3, 1))).contains(LocalDate.of(2027, 2, 28));
        assertThat(m.nextBirthday(LocalDate.of(2027, 12, 31))).contains(LocalDate.of(2028, 2, 29));
        assertThat(Member.builder(MemberId.of("M2"), T0).build().age(LocalDate.now()))
                .isEmpty();
    }

    @Test
    void toBuilderKeepsEverything() {
        Member m = Member.builder(MemberId.of("M1"), T0)
                .name(" 林美玲 ")
                .gender(Gender.FEMALE)
                .birthday(LocalDate.of(1999, 5, 20))
                .region("北部")
                .city("新北市")
                .sourceChannel(SalesChannel.LINE)
                .email(Email.parse("mei@example.com"))
                .phone(PhoneNumber.parse("0912345678", "886"))
                .lineId("U1")
                .facebookId("F1")
                .preferredChannel(ContactChannel.LINE)
                .consent(Consent.optIn(ContactChannel.LINE, T0, "line-oa"))
                .attribute(EMPLOYEES, 3)
                .tag(Tag.manual("vip", "amy", T0))
                .note(new Note("Prefers evening delivery", "amy", T0))
                .externalId(ExternalId.of("LINE", "U1"))
                .version(3)
                .build();
        assertThat(m.name()).contains("林美玲");
        assertThat(m.toBuilder().build()).isEqualTo(m);
        assertThat(m.withVersion(4)).isNotEqualTo(m);
        assertThat(m.withVersion(4).toBuilder().version(3).build()).isEqualTo(m);
        assertThat(m.toString()).doesNotContain("林美玲").doesNotContain("mei@");
    }

    @Test
    void anOlderConsentDoesNotReplaceANewerOne() {
        Member m = Member.builder(MemberId.of("M1"), T0)
                .phone(PhoneNumber.parse("0912345678", "886"))
                .consent(Consent.optOut(ContactChannel.SMS, T0.plusSeconds(100), "unsubscribe-link"))
                .consent(Consent.optIn(ContactChannel.SMS, T0, "old-import"))
                .build();
        assertThat(m.isReachableBy(ContactChannel.SMS)).isFalse();
        assertThat(m.consent(ContactChannel.SMS).orElseThrow().source()).isEqualTo("unsubscribe-link");
    }

    @Test
    void rejectsImpossibleValuesNamingTheField() {
        assertThatThrownBy(() -> Member.builder(MemberId.of("M1"), T0)
                        .birthday(LocalDate.of(2030, 1, 1))
                        .build())
                .hasMessageStartingWith("member.birthday:")
                .hasMessageContaining("after the member joined");
        assertThatThrownBy(() -> Member.builder(MemberId.of("M1"), T0).version(-1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("member.version:");
        assertThatThrownBy(() -> Member.builder(MemberId.of("M1"), T0)
                        .birthday(LocalDate.of(1800, 1, 1))
                        .build())
                .hasMessageStartingWith("member.birthday:");
        assertThatThrownBy(() -> new Consent(ContactChannel.SMS, true, T0, " "))
                .hasMessageStartingWith("consent.source:");
    }
}
