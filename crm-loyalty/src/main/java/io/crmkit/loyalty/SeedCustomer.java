package io.crmkit.loyalty;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;

/**
 * A member ranked by the customers they brought in (the brand's "seed customers").
 *
 * <pre>{@code
 * referrals.seedCustomers(20, now).forEach(s -> System.out.println(s.member() + " " + s.converted()));
 * }</pre>
 *
 * @param member the referrer
 * @param referred members they referred directly
 * @param converted of those, members who bought (rewarded referrals)
 * @param descendants members referred by them or, at any depth, by their referees
 * @param referredSpend the net spend of their direct referees as of the report's instant (orders
 *     placed after each attribution; empty without a CRM given to the service)
 */
public record SeedCustomer(
        MemberId member, long referred, long converted, long descendants, java.util.Optional<Money> referredSpend) {}
