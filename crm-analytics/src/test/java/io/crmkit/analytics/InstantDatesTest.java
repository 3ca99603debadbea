package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dates written as instants ({@code ./crmkit generate} writes them) fall on the day of a given zone. */
class InstantDatesTest {
    @TempDir
    Path dir;

    @Test
    void anInstantFallsOnTheDayOfTheZone() {
        assertThat(TransactionFile.parseDate("2024-08-11T13:24:22Z")).isEqualTo(LocalDate.of(2024, 8, 11));
        assertThat(TransactionFile.parseDate("2024-08-11T20:00:00+08:00")).isEqualTo(LocalDate.of(2024, 8, 11));
        assertThatThrownBy(() -> TransactionFile.parseDate("2024-08-11T25:00:00Z"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aTaipeiEveningInUtcIsTheNextDayInTaipei() throws IOException {
        Path file = dir.resolve("orders.csv");
        Files.writeString(
                file,
                "member_id,placed_at,line_amount\n"
                        + "M1,2024-08-11T17:30:00Z,100.00\n" // 01:30 on 12 August in Taipei
                        + "M1,2024-08-12T03:00:00Z,50.00\n" // 11:00 on 12 August: the same day there
                        + "M1,2024-08-20T03:00:00Z,70.00\n",
                StandardCharsets.UTF_8);
        SummaryOptions options = SummaryOptions.custom(LocalDate.of(2024, 9, 30))
                .unit(PeriodUnit.DAYS)
                .build();

        TransactionSummarizer utc = TransactionSummarizer.of(options);
        TransactionFile.csv("member_id", "placed_at")
                .amountColumn("line_amount")
                .readInto(file, utc);
        assertThat(utc.summarize().frequency(0)).isEqualTo(2.0); // three UTC days: two repeats

        TransactionSummarizer taipei = TransactionSummarizer.of(options);
        TransactionFile.csv("member_id", "placed_at")
                .amountColumn("line_amount")
                .zone(ZoneId.of("Asia/Taipei"))
                .readInto(file, taipei);
        assertThat(taipei.summarize().frequency(0)).isEqualTo(1.0); // 12 and 20 August: one repeat
    }
}
