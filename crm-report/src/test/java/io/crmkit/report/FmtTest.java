package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.report.internal.Fmt;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class FmtTest {
    static final Currency TWD = Currency.getInstance("TWD");

    @Test
    void moneyIsWholeUnitsWithTheTaiwanDollarSign() {
        Fmt zh = new Fmt(ReportOptions.ZH_TW);
        assertThat(zh.money(Money.of(1234, TWD))).isEqualTo("NT$1,234");
        assertThat(zh.money(Money.ofMinor(123_450, TWD))).isEqualTo("NT$1,235");
        assertThat(zh.money(Money.of(-56, TWD))).isEqualTo("-NT$56");
        assertThat(zh.money(Money.of(1234, Currency.getInstance("USD")))).isEqualTo("US$1,234");
        assertThat(new Fmt(Locale.ENGLISH).money(Money.of(1234, Currency.getInstance("USD"))))
                .isEqualTo("$1,234");
        assertThat(zh.integer(1_234_567)).isEqualTo("1,234,567");
        assertThat(zh.percent(0.1234)).isEqualTo("12.3%");
        assertThat(zh.compact(5_000)).isEqualTo("5K");
        assertThat(zh.compact(1_500)).isEqualTo("1.5K");
        assertThat(zh.compact(2_500_000)).isEqualTo("2.5M");
    }

    @Test
    void bothBundlesHaveTheSameKeys() {
        ResourceBundle.Control c =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle en = ResourceBundle.getBundle("io.crmkit.report.labels", Locale.ROOT, c);
        ResourceBundle zh = ResourceBundle.getBundle("io.crmkit.report.labels", ReportOptions.ZH_TW, c);
        for (String k : en.keySet()) {
            assertThat(zh.getString(k)).as(k).isNotBlank();
        }
        assertThat(zh.getString("title")).isEqualTo("crmkit 會員經營報表");
    }

    @Test
    void onlyChineseAndEnglish() {
        assertThat(ReportOptions.supported(Locale.forLanguageTag("zh-Hant-TW"))).isEqualTo(ReportOptions.ZH_TW);
        assertThat(ReportOptions.supported(Locale.US)).isEqualTo(Locale.ENGLISH);
        assertThatThrownBy(() -> ReportOptions.custom().locale(Locale.FRENCH))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("zh-TW or en, not fr");
    }
}
