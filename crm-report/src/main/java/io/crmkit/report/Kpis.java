package io.crmkit.report;

import io.crmkit.core.Money;
import java.util.Optional;

/**
 * The report's header figures, as of its instant.
 *
 * <pre>{@code
 * Kpis k = report.kpis();
 * System.out.println(k.members() + " members, " + k.buyers() + " buyers, revenue " + k.revenue());
 * }</pre>
 *
 * @param members members in the store
 * @param buyers members with at least one purchase (not cancelled, not fully refunded)
 * @param orders orders placed before the as-of instant, cancelled ones left out
 * @param revenue order totals of those orders, before refunds
 * @param averageOrderValue net spend per purchase over all buyers; empty without purchases
 * @param repeatBuyers buyers with purchases on two or more days
 * @param activeMembers members in the NAPL stages NEW or ACTIVE (bought in the last 3 months)
 * @param expectedRevenueNextYear the sum of the CLV model's expected spend over the next 12 months,
 *     undiscounted; empty when the model could not be fitted
 */
public record Kpis(
        long members,
        long buyers,
        long orders,
        Money revenue,
        Optional<Money> averageOrderValue,
        long repeatBuyers,
        long activeMembers,
        Optional<Money> expectedRevenueNextYear) {
    /** @return repeat buyers / buyers, 0 without buyers */
    public double repeatRate() {
        return buyers == 0 ? 0 : (double) repeatBuyers / buyers;
    }
}
