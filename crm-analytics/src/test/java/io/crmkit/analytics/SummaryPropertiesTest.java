package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The summarizer against a plain re-statement of the BTYD conventions, on random transaction logs. */
class SummaryPropertiesTest {
    record Tx(String customer, int day, long cents) {}

    @Provide
    Arbitrary<List<Tx>> logs() {
        Arbitrary<Tx> tx = Combinators.combine(
                        Arbitraries.integers().between(0, 30).map(i -> "c" + i),
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.longs().between(1, 500_000))
                .as(Tx::new);
        return tx.list().ofMinSize(1).ofMaxSize(300);
    }

    private static final LocalDate ZERO = LocalDate.parse("2024-01-01");

    @Property(tries = 300)
    void summaryIsTheBtydDefinition(
            @ForAll("logs") List<Tx> log,
            @ForAll @IntRange(min = 0, max = 400) int calibrationEnd,
            @ForAll @IntRange(min = 0, max = 100) int holdoutDays,
            @ForAll boolean weeks) {
        int observationEnd = Math.min(400, calibrationEnd + holdoutDays);
        PeriodUnit unit = weeks ? PeriodUnit.WEEKS : PeriodUnit.DAYS;
        TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.custom(ZERO.plusDays(observationEnd))
                .calibrationEnd(ZERO.plusDays(calibrationEnd))
                .unit(unit)
                .build());
        for (Tx t : log) {
            s.add(
                    t.customer(),
                    ZERO.plusDays(t.day()),
                    BigDecimal.valueOf(t.cents(), 2).doubleValue());
        }
        CustomerSummary ours = s.summarize();

        // the oracle: per customer in first-appearance order, day -> summed cents
        Map<String, TreeMap<Integer, Long>> days = new LinkedHashMap<>();
        for (Tx t : log) {
            if (t.day() <= observationEnd) {
                days.computeIfAbsent(t.customer(), k -> new TreeMap<>()).merge(t.day(), t.cents(), Long::sum);
            }
        }
        List<String> expectedIds = new ArrayList<>();
        int row = 0;
        double u = unit.days();
        for (Map.Entry<String, TreeMap<Integer, Long>> e : days.entrySet()) {
            TreeMap<Integer, Long> d = e.getValue();
            int first = d.firstKey();
            if (first > calibrationEnd) {
                continue;
            }
            expectedIds.add(e.getKey());
            java.util.NavigableMap<Integer, Long> cal = d.headMap(calibrationEnd, true);
            int x = cal.size() - 1;
            int last = cal.lastKey();
            long repeatCents = 0;
            for (Map.Entry<Integer, Long> day : cal.entrySet()) {
                if (day.getKey() != first) {
                    repeatCents += day.getValue();
                }
            }
            double mean = x == 0
                    ? 0
                    : BigDecimal.valueOf(repeatCents, 2)
                            .divide(BigDecimal.valueOf(x), MathContext.DECIMAL64)
                            .doubleValue();
            assertThat(ours.id(row)).isEqualTo(e.getKey());
            assertThat(ours.frequency(row)).isEqualTo(x);
            assertThat(ours.recency(row)).isEqualTo((last - first) / u);
            assertThat(ours.t(row)).isEqualTo((calibrationEnd - first) / u);
            assertThat(ours.monetaryValue(row).orElseThrow()).isEqualTo(mean);
            assertThat(ours.frequencyHoldout(row).orElseThrow())
                    .isEqualTo(d.tailMap(calibrationEnd, false).size());
            assertThat(ours.durationHoldout(row).orElseThrow()).isEqualTo((observationEnd - calibrationEnd) / u);
            row++;
        }
        assertThat(ours.size()).isEqualTo(expectedIds.size());
    }

    @Test
    void bgNbdWeightsFitAsTheExpandedDataDo() {
        // CDNOW merged into distinct (x, t_x, T) rows with counts fits as the 2,357 rows do
        CustomerSummary all = Cdnow.publishedSummary();
        Map<List<Double>, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            counts.merge(List.of(all.frequency(i), all.recency(i), all.t(i)), 1, Integer::sum);
        }
        int n = counts.size();
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] w = new double[n];
        int i = 0;
        for (Map.Entry<List<Double>, Integer> e : counts.entrySet()) {
            id[i] = "row" + i;
            x[i] = e.getKey().get(0);
            tx[i] = e.getKey().get(1);
            t[i] = e.getKey().get(2);
            w[i] = e.getValue();
            i++;
        }
        assertThat(n).isLessThan(2357);
        CustomerSummary weighted = CustomerSummary.of(id, x, tx, t).withWeights(w);
        assertThat(weighted.totalWeight()).isEqualTo(2357);
        Fit<BgNbd> a = BgNbd.fit(all);
        Fit<BgNbd> b = BgNbd.fit(weighted);
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(), within(1e-6));
        assertThat(b.model().r()).isCloseTo(a.model().r(), within(1e-4));
        assertThat(b.model().alpha()).isCloseTo(a.model().alpha(), within(1e-3));
        assertThat(new BgNbd(0.243, 4.414, 0.793, 2.426).logLikelihood(weighted))
                .isCloseTo(new BgNbd(0.243, 4.414, 0.793, 2.426).logLikelihood(all), within(1e-6));
    }
}
