package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** evaluateAll over many batches: results in id order on the calling thread, failures typed. */
class TierBulkTest {
    static final BrandSettings BRAND = BrandSettings.ofDefaults();
    static final Currency TWD = BRAND.currency();
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    final TierProgram program = TierProgram.builder(TWD)
            .calendar(TierProgram.Period.YEAR)
            .tier(Tier.named("member"))
            .tier(Tier.named("gold").minSpend(Money.of(1_000, TWD)))
            .build();

    static Order order(String member, int i, Money amount) {
        return Order.builder(OrderId.of(member + "-" + i), MemberId.of(member), T0.plusSeconds(3_600L * i))
                .line(OrderLine.of(ProductId.of("P"), "thing", Category.of("Food"), 1, amount))
                .build();
    }

    @Test
    void manyBatchesComeBackInIdOrderOnTheCallingThread() {
        Crm crm = Crm.inMemory(BRAND);
        List<Member> members = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String id = String.format("M%05d", i);
            members.add(Member.builder(MemberId.of(id), i == 7 ? T0.plusSeconds(10L * 365 * 86_400) : T0)
                    .build());
            if (i % 3 == 0) {
                orders.add(order(id, i % 50, Money.of(1_000, TWD)));
            }
        }
        crm.members().saveAll(members);
        crm.orders().upsertAll(orders);
        Thread caller = Thread.currentThread();
        List<MemberId> seen = new ArrayList<>();
        Instant asOf = T0.plusSeconds(100L * 86_400);

        TierAssignments all = program.evaluateAll(crm, asOf, (id, status) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            seen.add(id);
        });

        assertThat(seen).hasSize(1_999).isSorted().doesNotContain(MemberId.of("M00007")); // M00007 joins later
        assertThat(all.count("gold")).isEqualTo(667);
        assertThat(all.count("member")).isEqualTo(1_332);
        assertThat(all.tierOf(MemberId.of("M01998"))).map(Tier::name).contains("gold");
        assertThat(all.tierOf(MemberId.of("M01999"))).map(Tier::name).contains("member");
        assertThat(all.contains(MemberId.of("M00007"))).isFalse();
    }

    @Test
    void anOrderInAnotherCurrencyFailsTheRunWithItsOwnException() {
        Crm crm = Crm.inMemory(BRAND);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            members.add(
                    Member.builder(MemberId.of(String.format("M%05d", i)), T0).build());
        }
        crm.members().saveAll(members);
        crm.orders().upsertAll(List.of(order("M00500", 1, Money.of(10, Currency.getInstance("USD")))));

        assertThatThrownBy(() -> program.evaluateAll(crm, T0.plusSeconds(86_400)))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("M00500-1");
    }

    @Test
    void aBrandInAnotherCurrencyIsRefusedAtOnce() {
        Crm crm = Crm.inMemory(
                BrandSettings.from(BRAND).currency(Currency.getInstance("JPY")).build());
        assertThatThrownBy(() -> program.evaluateAll(crm, T0)).isInstanceOf(CurrencyMismatchException.class);
    }
}
