package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tiers on the project's synthetic Taiwanese shop: the bulk path agrees with the per-member one,
 * every tier is reached by someone, and the time per member is printed ({@code -Dtiers.members=N}
 * for a bigger run).
 */
class TierGeneratedShopTest {
    @Test
    void bulkAgreesWithPerMemberOnTheSyntheticShop() {
        int n = Integer.getInteger("tiers.members", 3_000);
        GeneratorConfig config = GeneratorConfig.custom().members(n).seed(11).build();
        BrandSettings brand = config.brand();
        Currency twd = brand.currency();
        Crm crm = Crm.inMemory(brand);
        List<Member> members = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        ShopGenerator.of(config).members().forEach((GeneratedMember g) -> {
            members.add(g.member());
            orders.addAll(g.orders());
            if (members.size() == 10_000) {
                crm.members().saveAll(members);
                crm.orders().upsertAll(orders);
                members.clear();
                orders.clear();
            }
        });
        crm.members().saveAll(members);
        crm.orders().upsertAll(orders);

        TierProgram program = TierProgram.builder(twd)
                .calendar(TierProgram.Period.YEAR)
                .grace(1)
                .tier(Tier.named("member"))
                .tier(Tier.named("silver").minSpend(Money.of(3_000, twd)))
                .tier(Tier.named("gold").minSpend(Money.of(10_000, twd)).minOrders(3))
                .build();
        Instant asOf = config.end();

        long start = System.nanoTime();
        TierAssignments all = program.evaluateAll(crm, asOf);
        long nanos = System.nanoTime() - start;
        System.out.printf(
                "tiers: %d members, %d orders: evaluateAll %.1f ms (%.1f µs a member) %s%n",
                crm.members().count(), crm.orders().count(), nanos / 1e6, nanos / 1e3 / n, all);

        assertThat(all.memberCount()).isEqualTo(crm.members().count());
        assertThat(all.counts().values()).allMatch(c -> c > 0);
        assertThat(all.countWithoutTier()).isZero(); // a base tier
        crm.members().stream()
                .limit(500)
                .forEach(m -> assertThat(all.tierOf(m.id()))
                        .isEqualTo(program.evaluate(crm, m.id(), asOf)
                                .orElseThrow()
                                .tier()));
    }
}
