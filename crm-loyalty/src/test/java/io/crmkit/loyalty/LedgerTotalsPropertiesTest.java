package io.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Across many members, the ledger's totals are the sums of the members' balances at any instant,
 * and reconcile; no balance is ever negative under the default policy.
 */
class LedgerTotalsPropertiesTest {
    private static final Currency TWD = Currency.getInstance("TWD");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 100)
    void totalsAreTheSumOfBalancesAndReconcile(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 999) Integer> ops,
            @ForAll @IntRange(min = 0, max = 2000) int queryHour) {
        PointsLedger l = PointsLedger.builder(BrandSettings.custom()
                        .zone(ZoneOffset.UTC)
                        .currency(TWD)
                        .build())
                .rules(PointsRules.builder(TWD)
                        .perAmount(Money.of(1, TWD), 1)
                        .expiry(ExpiryPolicy.afterMonths(1))
                        .build())
                .build();
        int hour = 0;
        for (int i = 0; i < ops.size(); i++) {
            int op = ops.get(i);
            hour += op % 24;
            MemberId m = MemberId.of("M" + op % 7);
            Instant at = BASE.plusSeconds(hour * 3600L);
            if (op % 3 == 0) {
                try {
                    l.redeem(m, 1 + op % 40, "r", "r" + i, at);
                } catch (InsufficientPointsException ignored) {
                    // refused: nothing recorded
                }
            } else {
                l.earn(m, 1 + op % 50, "e", "e" + i, at);
            }
        }
        Instant asOf = BASE.plusSeconds(queryHour * 3600L);
        LedgerTotals t = l.totals(asOf);
        long available = 0;
        long earned = 0;
        long expired = 0;
        for (int k = 0; k < 7; k++) {
            Balance b = l.balance(MemberId.of("M" + k), asOf);
            assertThat(b.reconciles()).isTrue();
            assertThat(b.points()).isNotNegative();
            available += b.available();
            earned += b.earned();
            expired += b.expired();
        }
        assertThat(t.available()).isEqualTo(available);
        assertThat(t.earned()).isEqualTo(earned);
        assertThat(t.expired()).isEqualTo(expired);
        assertThat(t.reconciles()).isTrue();
    }
}
