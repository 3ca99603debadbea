package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Money;
import io.crmkit.generator.internal.CsvCells;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CsvCellsTest {
    @Property
    void instantsAreWrittenExactlyAsInstantToString(
            @ForAll @LongRange(min = -62_000_000_000L, max = 260_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 2) int nanoKind) {
        int nanos = nanoKind == 0 ? 0 : nanoKind == 1 ? 500_000_000 : 1;
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        assertThat(CsvCells.instant(t)).isEqualTo(t.toString());
    }

    @Property
    void moneyIsThePlainDecimalWithTheCurrencysDigits(@ForAll long minor, @ForAll("currencies") String code) {
        Money m = Money.ofMinor(minor, Currency.getInstance(code));
        assertThat(CsvCells.money(m)).isEqualTo(m.toBigDecimal().toPlainString());
        assertThat(Money.of(new BigDecimal(CsvCells.money(m)), m.currency())).isEqualTo(m);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> currencies() {
        return net.jqwik.api.Arbitraries.of("TWD", "JPY", "USD", "KWD", "EUR");
    }
}
