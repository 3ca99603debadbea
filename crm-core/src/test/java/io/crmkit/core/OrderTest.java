package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class OrderTest {
    static final Currency TWD = Currency.getInstance("TWD");
    static final Instant T0 = Instant.parse("2025-11-11T04:05:00Z");
    static final Category DRINKS = Category.of("Food > Drinks");

    static OrderLine cocoa(int qty) {
        return OrderLine.of(ProductId.of("P42"), "Cocoa 500g", DRINKS, qty, Money.of(180, TWD));
    }

    @Test
    void totalsAreExact() {
        Order o = Order.builder(OrderId.of("O1"), MemberId.of("M1"), T0)
                .line(cocoa(2).withDiscount(Money.of(36, TWD)).withUnitCost(Money.of(95, TWD)))
                .line(OrderLine.of(
                        ProductId.of("P7"), "Mug", Category.of("Home > Kitchen"), 1, Money.parse("99.50", TWD)))
                .orderDiscount(Money.of(50, TWD))
                .shippingFee(Money.of(60, TWD))
                .coupon("DOUBLE11")
                .build();
        assertThat(o.subtotal()).isEqualTo(Money.parse("423.50", TWD));
        assertThat(o.total()).isEqualTo(Money.parse("433.50", TWD));
        assertThat(o.lines().get(0).totalCost()).contains(Money.of(190, TWD));
        assertThat(o.lines().get(1).totalCost()).isEmpty();
        assertThat(o.usedCoupon()).isTrue();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void refundsCountFromTheirOwnInstant() {
        Order o = Order.builder(OrderId.of("O1"), MemberId.of("M1"), T0)
                .line(cocoa(2))
                .refund(new Refund(T0.plusSeconds(3600), Money.of(180, TWD), "one broken"))
                .refund(new Refund(T0.plusSeconds(7200), Money.of(180, TWD), "the other too"))
                .build();
        assertThat(o.refunded(T0)).isEqualTo(Money.zero(TWD));
        assertThat(o.refunded(T0.plusSeconds(3600))).isEqualTo(Money.of(180, TWD));
        assertThat(o.isFullyRefunded(T0.plusSeconds(3600))).isFalse();
        assertThat(o.isFullyRefunded(T0.plusSeconds(7200))).isTrue();
    }

    @Test
    void rejectsInconsistentOrdersNamingTheOrderAndField() {
        assertThatThrownBy(() ->
                        Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("order O9 lines");
        assertThatThrownBy(() -> Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0)
                        .line(cocoa(1))
                        .refund(new Refund(T0, Money.of(181, TWD), ""))
                        .build())
                .hasMessageContaining("more than the order total");
        assertThatThrownBy(() -> Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0)
                        .line(cocoa(1))
                        .refund(new Refund(T0.minusSeconds(1), Money.of(1, TWD), ""))
                        .build())
                .hasMessageContaining("before the order was placed");
        assertThatThrownBy(() -> Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0)
                        .line(cocoa(1))
                        .orderDiscount(Money.of(181, TWD))
                        .build())
                .hasMessageContaining("more than the subtotal");
        assertThatThrownBy(() -> Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0)
                        .line(cocoa(1))
                        .shippingFee(Money.of(60, Currency.getInstance("USD")))
                        .build())
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("order O9 shippingFee");
        assertThatThrownBy(() -> cocoa(0)).hasMessageStartingWith("line.quantity:");
        Money huge = Money.ofMinor(Long.MAX_VALUE / 2, TWD);
        assertThatThrownBy(() -> OrderLine.of(ProductId.of("P1"), "x", DRINKS, 3, huge))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("line.quantity:");
        assertThatThrownBy(() -> Order.builder(OrderId.of("O9"), MemberId.of("M1"), T0)
                        .line(OrderLine.of(ProductId.of("P1"), "x", DRINKS, 1, huge))
                        .line(OrderLine.of(ProductId.of("P2"), "x", DRINKS, 1, huge))
                        .line(OrderLine.of(ProductId.of("P3"), "x", DRINKS, 1, huge))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("order O9 lines");
        assertThatThrownBy(() -> cocoa(1).withDiscount(Money.of(181, TWD)))
                .hasMessageContaining("more than the line's gross amount");
    }

    @Test
    void timelineMergesOrdersAndInteractionsOldestFirst() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Member m = Member.builder(MemberId.of("M1"), T0.minusSeconds(86400)).build();
        Order o1 = Order.builder(OrderId.of("O1"), m.id(), T0).line(cocoa(1)).build();
        Order o2 = Order.builder(OrderId.of("O2"), m.id(), T0.plusSeconds(100))
                .line(cocoa(1))
                .build();
        Order future = Order.builder(OrderId.of("O3"), m.id(), T0.plusSeconds(10_000))
                .line(cocoa(1))
                .build();
        Interaction sent = Interaction.builder(
                        InteractionId.of("I1"), m.id(), T0.minusSeconds(5), InteractionType.MESSAGE_SENT)
                .build();
        Interaction survey = Interaction.builder(
                        InteractionId.of("I2"), m.id(), T0.plusSeconds(100), InteractionType.SURVEY_ANSWERED)
                .property(Interaction.SCORE, 5)
                .build();
        MemberView v = MemberView.of(
                m, java.util.List.of(future, o2, o1), java.util.List.of(survey, sent), T0.plusSeconds(200), brand);
        assertThat(v.orders()).containsExactly(o1, o2);
        assertThat(v.stats().orderCount()).isEqualTo(2);
        assertThat(v.timeline())
                .extracting(MemberView.Event::at)
                .containsExactly(T0.minusSeconds(5), T0, T0.plusSeconds(100), T0.plusSeconds(100));
        assertThat(v.timeline().get(2)).isInstanceOf(MemberView.OrderEvent.class);
        assertThat(survey.score()).hasValue(5);
        Order other = Order.builder(OrderId.of("X"), MemberId.of("M2"), T0)
                .line(cocoa(1))
                .build();
        assertThatThrownBy(() -> new MemberView(m, v.stats(), java.util.List.of(other), java.util.List.of()))
                .hasMessageContaining("order X belongs to M2");
    }
}
