package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactPointsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0912-345-678",
                "0912345678",
                "0912 345 678",
                "(09)12-345-678",
                "+886 912 345 678",
                "+886-912-345-678",
                "+886 0912 345 678",
                "886912345678",
                "00886912345678",
                "912345678",
                "'0912345678",
                "０９１２－３４５－６７８",
                "002 886 912 345 678",
                "009-886-912-345-678"
            })
    void taiwanMobilesInEveryCommonSpellingAreOneNumber(String raw) {
        PhoneNumber p = PhoneNumber.parse(raw, "886");
        assertThat(p.e164()).isEqualTo("+886912345678");
        assertThat(p.isTaiwanMobile()).isTrue();
    }

    @Test
    void landlinesAndForeignNumbers() {
        assertThat(PhoneNumber.parse("02-2345-6789", "886").e164()).isEqualTo("+886223456789");
        assertThat(PhoneNumber.parse("02-2345-6789", "886").isTaiwanMobile()).isFalse();
        assertThat(PhoneNumber.parse("+1 (415) 555-0100", "886").e164()).isEqualTo("+14155550100");
        assertThat(PhoneNumber.parse("+81 90-1234-5678", "886").e164()).isEqualTo("+819012345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0912-345-67x", "+", "12", "0912#345", "++886912345678"})
    void rejectsWhatIsNotAPhoneNumber(String raw) {
        assertThatThrownBy(() -> PhoneNumber.parse(raw, "886"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone: ");
    }

    @Test
    void errorsDoNotRepeatThePersonalData() {
        assertThatThrownBy(() -> PhoneNumber.parse("0912-345-67x8", "886"))
                .hasMessageNotContaining("0912")
                .hasMessageContaining("*7x8");
        assertThatThrownBy(() -> Email.parse("mei.lin@@example.com"))
                .hasMessageNotContaining("mei.lin")
                .hasMessageContaining("m***@");
        assertThatThrownBy(() -> PhoneNumber.parse("0912345678", "+886")).hasMessageStartingWith("defaultCallingCode:");
    }

    @Test
    void fullWidthInputIsRead() {
        assertThat(Email.parse("ｍｅｉ＠ｅｘａｍｐｌｅ．ｃｏｍ").value()).isEqualTo("mei@example.com");
        assertThat(Money.parse("１２８０", java.util.Currency.getInstance("TWD")))
                .isEqualTo(Money.of(1280, java.util.Currency.getInstance("TWD")));
    }

    @Test
    void e164ConstructorRejectsUnnormalisedText() {
        assertThatThrownBy(() -> new PhoneNumber("0912345678"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("E.164");
    }

    @Test
    void emailsAreNormalised() {
        assertThat(Email.parse("  Mei.Lin@Example.COM ").value()).isEqualTo("mei.lin@example.com");
        assertThat(Email.parse("a@b.tw")).isEqualTo(Email.parse("A@B.TW"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-at", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b.com.", "a@.com"})
    void rejectsWhatIsNotAnEmail(String raw) {
        assertThatThrownBy(() -> Email.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("email: ");
    }

    @Test
    void codesAreOpenButNormalised() {
        assertThat(PaymentMethod.of("line pay")).isEqualTo(PaymentMethod.LINE_PAY);
        assertThat(SalesChannel.of("shopee")).isEqualTo(SalesChannel.SHOPEE);
        assertThat(ShippingMethod.of("convenience-store-pickup")).isEqualTo(ShippingMethod.CONVENIENCE_STORE_PICKUP);
        assertThat(SalesChannel.of("pinkoi").code()).isEqualTo("PINKOI");
        assertThat(SalesChannel.of("蝦皮").code()).isEqualTo("蝦皮");
        assertThat(PaymentMethod.of("超商取貨付款").code()).isEqualTo("超商取貨付款");
        assertThat(PaymentMethod.of("line-pay")).isSameAs(PaymentMethod.LINE_PAY);
        assertThatThrownBy(() -> SalesChannel.of("shop.tw"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("salesChannel");
        assertThat(ExternalId.of("shopify", "123")).isEqualTo(new ExternalId("SHOPIFY", "123"));
    }

    @Test
    void idsRejectBlankAndPaddedText() {
        assertThatThrownBy(() -> MemberId.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> MemberId.of(" M1")).hasMessageContaining("leading or trailing white space");
        assertThatThrownBy(() -> OrderId.of("a\tb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> ProductId.of("x".repeat(129))).hasMessageContaining("at most 128");
        assertThat(MemberId.of("M10").compareTo(MemberId.of("M9"))).isNegative();
    }

    @Test
    void categoriesArePaths() {
        Category cups = Category.of("Home>Kitchen >  Cups");
        assertThat(cups.path()).isEqualTo("Home > Kitchen > Cups");
        assertThat(cups.levels()).containsExactly("Home", "Kitchen", "Cups");
        assertThat(cups.top()).isEqualTo("Home");
        assertThat(cups.isWithin(Category.of("Home > Kitchen"))).isTrue();
        assertThat(cups.isWithin(cups)).isTrue();
        assertThat(Category.of("Home > Kitchenware").isWithin(Category.of("Home > Kitchen")))
                .isFalse();
        assertThatThrownBy(() -> Category.of("Home >> Cups")).hasMessageContaining("empty level");
    }
}
