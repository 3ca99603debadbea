package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
    @Test
    void defaultsAreAFixedThreeYearPeriodInTaipei() {
        GeneratorConfig c = GeneratorConfig.ofDefaults();
        assertThat(c.members()).isEqualTo(10_000);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.start()).isEqualTo(Instant.parse("2023-01-01T00:00:00+08:00"));
        assertThat(c.end()).isEqualTo(Instant.parse("2026-01-01T00:00:00+08:00"));
        assertThat(c.brand().zone()).isEqualTo(ZoneId.of("Asia/Taipei"));
        assertThat(c.brand().currency().getCurrencyCode()).isEqualTo("TWD");
        assertThat(c.catalogueSize()).isEqualTo(300);
        assertThat(c.interactions()).isTrue();
    }

    @Test
    void fromCopiesEverything() {
        GeneratorConfig c = GeneratorConfig.custom()
                .members(5)
                .seed(9)
                .catalogueSize(50)
                .interactions(false)
                .purchaseRate(0.5, 10)
                .dropout(1, 3)
                .spend(4, 3, 500)
                .maxOrdersPerMember(100)
                .campaignsPerMonth(4)
                .cancellationRate(0.1)
                .refundRate(0.2)
                .build();
        GeneratorConfig copy = GeneratorConfig.from(c).build();
        assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(GeneratorConfig.from(c).seed(10).build()).isNotEqualTo(c);
        assertThat(c.toString()).contains("members=5", "seed=9");
    }

    @Test
    void rejectsBadValuesWithMessagesThatSayWhatIsAllowed() {
        assertThatThrownBy(() -> GeneratorConfig.custom().members(-5).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("members: must be between 0 and 99999999, was -5");
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        assertThatThrownBy(() -> GeneratorConfig.custom().period(t, t).build())
                .hasMessageContaining("period: start 2025-01-01T00:00:00Z must be before end");
        assertThatThrownBy(() ->
                        GeneratorConfig.custom().period(t, t.plusSeconds(3600)).build())
                .hasMessageContaining("must be between 1 day and 20 years long, was 0 days");
        assertThatThrownBy(() -> GeneratorConfig.custom().catalogueSize(3).build())
                .hasMessageContaining("catalogueSize: must be between 27");
        assertThatThrownBy(() -> GeneratorConfig.custom().spend(5, 1, 700).build())
                .hasMessageContaining("spend.q: must be a number above 1");
        assertThatThrownBy(() ->
                        GeneratorConfig.custom().purchaseRate(Double.NaN, 3).build())
                .hasMessage("purchaseRate.r: must be a positive number, was NaN");
        assertThatThrownBy(() -> GeneratorConfig.custom().dropout(0.5, -1).build())
                .hasMessageContaining("dropout.b");
        assertThatThrownBy(
                        () -> GeneratorConfig.custom().maxOrdersPerMember(1000).build())
                .hasMessageContaining("maxOrdersPerMember: must be between 1 and 999, was 1000");
        assertThatThrownBy(() -> GeneratorConfig.custom().refundRate(0.9).build())
                .hasMessageContaining("refundRate");
        assertThatThrownBy(() -> GeneratorConfig.custom().cancellationRate(-0.1).build())
                .hasMessageContaining("cancellationRate");
        assertThatThrownBy(() -> GeneratorConfig.custom().campaignsPerMonth(31).build())
                .hasMessageContaining("campaignsPerMonth");
    }

    @Test
    void acceptsOtherZonesAndCurrencies() {
        GeneratorConfig c = GeneratorConfig.custom()
                .members(50)
                .brand(BrandSettings.custom()
                        .zone(ZoneId.of("Europe/Berlin"))
                        .currency(java.util.Currency.getInstance("JPY"))
                        .build())
                .build();
        GeneratedMember m = ShopGenerator.of(c)
                .members()
                .filter(GeneratedMember::isBuyer)
                .findFirst()
                .orElseThrow();
        assertThat(m.orders().get(0).currency().getCurrencyCode()).isEqualTo("JPY");
    }
}
