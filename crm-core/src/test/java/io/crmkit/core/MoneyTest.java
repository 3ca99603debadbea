package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {
    static final Currency TWD = Currency.getInstance("TWD");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency USD = Currency.getInstance("USD");

    @Test
    void majorUnitsUseTheCurrencysMinorUnit() {
        assertThat(Money.of(1280, TWD).minorUnits()).isEqualTo(128_000);
        assertThat(Money.of(1280, JPY).minorUnits()).isEqualTo(1280);
        assertThat(Money.of(1280, TWD)).hasToString("TWD 1280.00");
        assertThat(Money.of(1280, JPY)).hasToString("JPY 1280");
    }

    @Test
    void parsesPlainDecimals() {
        assertThat(Money.parse("1280", TWD)).isEqualTo(Money.of(1280, TWD));
        assertThat(Money.parse(" -3.5 ", USD)).isEqualTo(Money.ofMinor(-350, USD));
        assertThat(Money.parse(".25", USD)).isEqualTo(Money.ofMinor(25, USD));
        assertThat(Money.parse("1.50", USD)).isEqualTo(Money.ofMinor(150, USD));
        assertThat(Money.parse("7.000", USD)).isEqualTo(Money.ofMinor(700, USD));
    }

    @Test
    void rejectsWhatIsNotAnAmountNamingTheInput() {
        assertThatThrownBy(() -> Money.parse("12,3x", TWD))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"12,3x\" is not a decimal number");
        assertThatThrownBy(() -> Money.parse("1,280", TWD)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Money.parse("1e3", TWD)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Money.parse("1.001", TWD))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Money.parse("1.5", JPY)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Money.parse("99999999999999999999", TWD))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void neverMixesCurrencies() {
        assertThatThrownBy(() -> Money.of(1, TWD).plus(Money.of(1, USD)))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("expected TWD but got USD");
        assertThatThrownBy(() -> Money.of(1, TWD).compareTo(Money.of(1, USD)))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Money max = Money.ofMinor(Long.MAX_VALUE, TWD);
        assertThatThrownBy(() -> max.plus(Money.ofMinor(1, TWD))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofMinor(Long.MIN_VALUE, TWD).negate()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 10, TWD)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void dividesWithTheRoundingAsked() {
        Money ten = Money.ofMinor(1000, TWD);
        assertThat(ten.dividedBy(3, RoundingMode.HALF_EVEN)).isEqualTo(Money.ofMinor(333, TWD));
        assertThat(Money.ofMinor(5, TWD).dividedBy(2, RoundingMode.HALF_EVEN)).isEqualTo(Money.ofMinor(2, TWD));
        assertThat(Money.ofMinor(7, TWD).dividedBy(2, RoundingMode.HALF_EVEN)).isEqualTo(Money.ofMinor(4, TWD));
        assertThat(Money.ofMinor(-7, TWD).dividedBy(2, RoundingMode.FLOOR)).isEqualTo(Money.ofMinor(-4, TWD));
        assertThatThrownBy(() -> ten.dividedBy(0, RoundingMode.HALF_EVEN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ten.dividedBy(3, RoundingMode.UNNECESSARY)).isInstanceOf(ArithmeticException.class);
    }

    @Property
    void additionIsExactAndReversible(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b) {
        Money x = Money.ofMinor(a, TWD);
        Money y = Money.ofMinor(b, TWD);
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
        assertThat(x.plus(y).toBigDecimal())
                .isEqualByComparingTo(x.toBigDecimal().add(y.toBigDecimal()));
        assertThat(x.compareTo(y)).isEqualTo(Long.signum(Long.compare(a, b)) == 0 ? 0 : Long.compare(a, b));
    }

    @Property
    void multiplicationMatchesBigDecimal(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long a,
            @ForAll @LongRange(min = -100_000, max = 100_000) long k) {
        Money x = Money.ofMinor(a, TWD);
        assertThat(x.times(k).toBigDecimal())
                .isEqualByComparingTo(x.toBigDecimal().multiply(BigDecimal.valueOf(k)));
    }

    @Property
    void divisionMatchesBigDecimalRounding(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long a,
            @ForAll @LongRange(min = 1, max = 10_000) long d) {
        Money q = Money.ofMinor(a, TWD).dividedBy(d, RoundingMode.HALF_EVEN);
        BigDecimal expected = BigDecimal.valueOf(a).divide(BigDecimal.valueOf(d), 0, RoundingMode.HALF_EVEN);
        assertThat(q.minorUnits()).isEqualTo(expected.longValueExact());
        // the remainder is at most half a divisor away
        assertThat(Math.abs(q.minorUnits() * d - a)).isLessThanOrEqualTo((d + 1) / 2);
    }

    @Property
    void toStringParsesBack(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a) {
        Money x = Money.ofMinor(a, TWD);
        String text = x.toString().substring(4);
        assertThat(Money.parse(text, TWD)).isEqualTo(x);
    }
}
