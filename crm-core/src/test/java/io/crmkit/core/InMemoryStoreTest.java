package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the in-memory stores add to the adapter contract (crm-testkit runs the contract itself). */
class InMemoryStoreTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    final Crm crm = Crm.inMemory(BrandSettings.ofDefaults());

    @Test
    void aListenerWritingToItsOwnStoreFailsInsteadOfHangingTheStore() {
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        crm.members().subscribe(changes -> {
            try {
                crm.members().save(Member.builder(MemberId.of("echo"), T0).build());
            } catch (RuntimeException e) {
                seen.set(e);
            }
        });
        crm.members().save(Member.builder(MemberId.of("M1"), T0).build());
        assertThat(seen.get()).isInstanceOf(StoreException.class).hasMessageContaining("must not write to the store");
        // and the store still takes writes from others
        crm.members().save(Member.builder(MemberId.of("M2"), T0).build());
        assertThat(crm.members().count()).isEqualTo(2);
    }

    @Test
    void oneListenerCannotSpoilWhatTheNextOneHears() {
        List<ChangeEvent<Member>> second = new ArrayList<>();
        crm.members().subscribe(List::clear);
        crm.members().subscribe(second::addAll);
        crm.members().save(Member.builder(MemberId.of("M1"), T0).build());
        assertThat(second).hasSize(1);
    }

    @Test
    void manyOrdersOfOneMemberStayInOrder() {
        Member walkIn =
                crm.members().save(Member.builder(MemberId.of("walk-in"), T0).build());
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // written newest first, the worst case for a sorted bucket
            orders.add(Order.builder(OrderId.of("O" + i), walkIn.id(), T0.plusSeconds(10_000 - i))
                    .line(OrderLine.of(
                            ProductId.of("P"),
                            "x",
                            Category.of("x"),
                            1,
                            Money.of(1, crm.settings().currency())))
                    .build());
        }
        for (Order o : orders) {
            crm.orders().upsertAll(List.of(o));
        }
        List<Order> found = crm.orders().findByMember(walkIn.id());
        assertThat(found).hasSize(5_000);
        assertThat(found).isSortedAccordingTo(java.util.Comparator.comparing(Order::placedAt));
        crm.orders().delete(OrderId.of("O0"));
        assertThat(crm.orders().findByMember(walkIn.id())).hasSize(4_999);
    }
}
