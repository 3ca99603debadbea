package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary of CDNOW_sample.txt reproduces the published cdnow_customers_summary files exactly. */
class CdnowSummaryTest {
    /** Half-up from the shortest decimal form, as the published files (and a spreadsheet) round. */
    private static double round2(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    @Test
    void reproducesCdnowCustomersSummaryExactly() {
        CustomerSummary ours = Cdnow.fromTransactions(false);
        List<String[]> published = Cdnow.csv("cdnow_customers_summary.csv");
        assertThat(ours.size()).isEqualTo(published.size()).isEqualTo(2357);
        int mismatches = 0;
        for (int i = 0; i < ours.size(); i++) {
            String[] p = published.get(i);
            assertThat(Integer.parseInt(ours.id(i))).isEqualTo(Integer.parseInt(p[0]));
            boolean same = ours.frequency(i) == Double.parseDouble(p[1])
                    && round2(ours.recency(i)) == Double.parseDouble(p[2])
                    && round2(ours.t(i)) == Double.parseDouble(p[3]);
            if (!same) {
                mismatches++;
            }
        }
        assertThat(mismatches).isZero();
        double sumX = 0;
        int zeros = 0;
        for (int i = 0; i < ours.size(); i++) {
            sumX += ours.frequency(i);
            zeros += ours.frequency(i) == 0 ? 1 : 0;
        }
        assertThat(sumX).isEqualTo(2457);
        assertThat(zeros).isEqualTo(1411);
    }

    @Test
    void reproducesTheMeanRepeatSpendZbarExactly() {
        CustomerSummary ours = Cdnow.fromTransactions(false);
        List<String[]> published = Cdnow.csv("cdnow_customers_summary_with_transactions.csv");
        assertThat(ours.hasMonetaryValue()).isTrue();
        for (int i = 0; i < ours.size(); i++) {
            String[] p = published.get(i);
            assertThat(ours.frequency(i)).as("x of %s", p[0]).isEqualTo(Double.parseDouble(p[1]));
            assertThat(round2(ours.recency(i))).as("t_x of %s", p[0]).isEqualTo(Double.parseDouble(p[2]));
            assertThat(round2(ours.t(i))).as("T of %s", p[0]).isEqualTo(Double.parseDouble(p[3]));
            assertThat(round2(ours.monetaryValue(i).orElseThrow()))
                    .as("zbar of %s", p[0])
                    .isEqualTo(Double.parseDouble(p[4]));
        }
    }

    @Test
    void holdoutWeeks40To78CountsThePublishedRepeatPurchaseDays() {
        CustomerSummary s = Cdnow.fromTransactions(true);
        CustomerSummary calibration = Cdnow.fromTransactions(false);
        assertThat(s.size()).isEqualTo(2357);
        double holdout = 0;
        double holdoutOfZeroClass = 0;
        for (int i = 0; i < s.size(); i++) {
            // the calibration columns are those of the calibration-only summary
            assertThat(s.frequency(i)).isEqualTo(calibration.frequency(i));
            assertThat(s.recency(i)).isEqualTo(calibration.recency(i));
            assertThat(s.t(i)).isEqualTo(calibration.t(i));
            assertThat(s.durationHoldout(i).orElseThrow()).isEqualTo(273 / 7.0);
            holdout += s.frequencyHoldout(i).orElseThrow();
            if (s.frequency(i) == 0) {
                holdoutOfZeroClass += s.frequencyHoldout(i).orElseThrow();
            }
        }
        assertThat(holdout).isEqualTo(1882);
        assertThat(holdoutOfZeroClass).isEqualTo(334);
    }

    @Test
    void theWhitespaceFileGivesTheSameSummaryAsItsCsvCopy() {
        TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.custom(Cdnow.CALIBRATION_END)
                .unit(PeriodUnit.WEEKS)
                .build());
        long rows =
                TransactionFile.whitespace("2", "3").amountColumn("5").readInto(Cdnow.resource("CDNOW_sample.txt"), s);
        assertThat(rows).isEqualTo(6919);
        assertThat(s.summarize()).isEqualTo(Cdnow.fromTransactions(false));
    }
}
