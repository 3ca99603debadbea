package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.InteractionId;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A refreshed snapshot answers exactly as a snapshot built from scratch on the changed stores, for
 * random shops, random writes (new, updated and deleted members, orders and interactions) and random
 * conditions; and it re-reads only the members the writes touched.
 */
class SnapshotRefreshTest {

    /** One write to the stores; {@code pick} chooses a member or order among the current ones. */
    record Change(
            int kind,
            int pick,
            int pick2,
            RandomShops.MemberDraft member,
            RandomShops.OrderDraft order,
            RandomShops.InteractionDraft interaction) {
        @Override
        public String toString() {
            return List.of(
                                    "newOrder",
                                    "newMemberWithOrder",
                                    "replaceOrder",
                                    "deleteOrder",
                                    "interaction",
                                    "updateMember",
                                    "newMember",
                                    "deleteMember")
                            .get(kind)
                    + "(" + pick + "," + pick2 + ")";
        }
    }

    record Case(RandomShops.Shop shop, List<List<Change>> rounds, List<Instant> asOfs, List<Condition> conditions) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Change> change = Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 1000),
                        RandomShops.members(),
                        RandomShops.orders(),
                        RandomShops.interactions())
                .as(Change::new);
        return RandomShops.shops().flatMap(shop -> {
            List<Instant> seen = shop.instants();
            Arbitrary<Instant> asOf = seen.isEmpty()
                    ? RandomShops.instants()
                    : Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(seen)), Tuple.of(3, RandomShops.instants()));
            return Combinators.combine(
                            change.list()
                                    .ofMinSize(1)
                                    .ofMaxSize(8)
                                    .list()
                                    .ofMinSize(1)
                                    .ofMaxSize(2),
                            asOf.list().ofSize(2),
                            RandomShops.conditions(3).list().ofSize(5))
                    .as((r, a, c) -> new Case(shop, r, a, c));
        });
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void refreshAnswersAsAFreshSnapshot(@ForAll("cases") Case c) {
        Crm crm = c.shop().build();
        Snapshot snapshot = Snapshot.of(crm, RandomShops.CATALOG);
        int[] seq = {0};
        for (List<Change> round : c.rounds()) {
            Snapshot before = snapshot;
            List<MemberId> beforeIds = before.all().stream().toList();
            for (Change ch : round) {
                apply(crm, ch, seq);
            }
            snapshot = snapshot.refresh();
            assertThat(snapshot.refreshedMembers()).isLessThanOrEqualTo(round.size() * 2);
            Snapshot fresh = Snapshot.of(crm, RandomShops.CATALOG);
            assertThat(snapshot.size()).isEqualTo(fresh.size());
            assertThat(snapshot.all().stream().toList())
                    .isEqualTo(fresh.all().stream().toList());
            // the old snapshot is unchanged
            assertThat(before.all().stream().toList()).isEqualTo(beforeIds);
            for (Instant asOf : c.asOfs()) {
                for (Condition condition : c.conditions()) {
                    assertSame(snapshot, fresh, condition, asOf);
                }
            }
        }
    }

    private static void assertSame(Snapshot refreshed, Snapshot fresh, Condition condition, Instant asOf) {
        List<MemberId> expected = null;
        Class<?> expectedError = null;
        try {
            expected = fresh.evaluate(condition, asOf).stream().toList();
        } catch (CrmException e) {
            expectedError = e.getClass();
        }
        List<MemberId> actual = null;
        Class<?> error = null;
        try {
            actual = refreshed.evaluate(condition, asOf).stream().toList();
        } catch (CrmException e) {
            error = e.getClass();
        }
        assertThat(error).as("error of %s as of %s", condition, asOf).isEqualTo(expectedError);
        assertThat(actual).as("members of %s as of %s", condition, asOf).isEqualTo(expected);
        assertThat(explain(refreshed, condition, asOf)).isEqualTo(explain(fresh, condition, asOf));
    }

    private static String explain(Snapshot s, Condition condition, Instant asOf) {
        try {
            return s.explain(condition, asOf).render();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    private static void apply(Crm crm, Change ch, int[] seq) {
        List<Member> members;
        try (var s = crm.members().stream()) {
            members = s.toList();
        }
        List<Order> orders;
        try (var s = crm.orders().stream()) {
            orders = s.toList();
        }
        Optional<MemberId> someone = members.isEmpty()
                ? Optional.empty()
                : Optional.of(members.get(ch.pick() % members.size()).id());
        switch (ch.kind()) {
            case 0 -> someone.ifPresent(id -> upsert(crm, ch.order().order(OrderId.of("R" + seq[0]++), id)));
            case 1 -> {
                MemberId id = newId(ch, seq);
                save(crm, ch.member().member(id));
                upsert(crm, ch.order().order(OrderId.of("R" + seq[0]++), id));
            }
            case 2 -> {
                // a refund, cancellation or any other change of an existing order, maybe moved to another member
                if (!orders.isEmpty() && someone.isPresent()) {
                    Order old = orders.get(ch.pick2() % orders.size());
                    MemberId to = ch.pick2() % 3 == 0 ? someone.get() : old.memberId();
                    upsert(crm, ch.order().order(old.id(), to));
                }
            }
            case 3 -> {
                if (!orders.isEmpty()) {
                    crm.orders().delete(orders.get(ch.pick2() % orders.size()).id());
                }
            }
            case 4 ->
                someone.ifPresent(id -> crm.interactions()
                        .appendAll(List.of(ch.interaction().interaction(InteractionId.of("RI" + seq[0]++), id))));
            case 5 -> someone.ifPresent(id -> save(crm, ch.member().member(id)));
            case 6 -> save(crm, ch.member().member(newId(ch, seq)));
            default -> someone.ifPresent(id -> crm.members().delete(id));
        }
    }

    /** New ids fall between old ones ("M003x"), before them ("A..") or after them ("Z.."). */
    private static MemberId newId(Change ch, int[] seq) {
        int k = seq[0]++;
        switch (ch.pick2() % 3) {
            case 0:
                return MemberId.of(String.format("M%03dx%d", ch.pick() % 30, k));
            case 1:
                return MemberId.of("A" + k);
            default:
                return MemberId.of("Z" + k);
        }
    }

    private static void save(Crm crm, Member m) {
        Optional<Member> current = crm.members().find(m.id());
        crm.members().save(current.isPresent() ? m.withVersion(current.get().version()) : m);
    }

    @Example
    void refreshReReadsOnlyTheChangedMembers() {
        RandomShops.Shop shop = RandomShops.shops().sample();
        shop.members().forEach(m -> m.orders.forEach(o -> o.foreign = false)); // all in TWD
        Crm crm = shop.build();
        Snapshot snapshot = Snapshot.of(crm, RandomShops.CATALOG);
        assertThat(snapshot.refreshedMembers()).isEqualTo(snapshot.size());
        Snapshot same = snapshot.refresh();
        assertThat(same.refreshedMembers()).isZero();
        assertThat(same.all().stream().toList())
                .isEqualTo(snapshot.all().stream().toList());

        MemberId first = snapshot.all().stream().findFirst().orElseThrow();
        RandomShops.OrderDraft big = new RandomShops.OrderDraft();
        big.placedAt = Instant.parse("2021-01-01T00:00:00Z"); // after every random order
        big.lines = List.of(new RandomShops.LineDraft("P1", Optional.empty(), 1, 1_000_000, 0));
        upsert(crm, big.order(OrderId.of("BIG"), first));
        MemberId last = snapshot.all().stream().reduce((a, b) -> b).orElseThrow();
        crm.members().delete(last);

        Condition bigSpender = Where.orderCount(Window.lastDays(60)).atLeast(1);
        Instant now = Instant.parse("2021-01-10T00:00:00Z");
        Snapshot refreshed = snapshot.refresh();
        assertThat(refreshed.refreshedMembers()).isEqualTo(1); // the deleted member is looked up, not read
        assertThat(refreshed.size()).isEqualTo(snapshot.size() - 1);
        assertThat(refreshed.evaluate(bigSpender, now).stream().toList()).containsExactly(first);
        assertThat(refreshed.all().contains(last)).isFalse();
        assertThat(snapshot.all().contains(last)).isTrue();
        assertThat(refreshed.evaluate(bigSpender, now).stream().toList())
                .isEqualTo(Snapshot.of(crm, RandomShops.CATALOG).evaluate(bigSpender, now).stream()
                        .toList());
        // refreshing the old snapshot again sees the same changes
        assertThat(snapshot.refresh().evaluate(bigSpender, now).stream().toList())
                .isEqualTo(refreshed.evaluate(bigSpender, now).stream().toList());
    }

    private static void upsert(Crm crm, Order o) {
        crm.orders().upsertAll(List.of(o));
    }
}
