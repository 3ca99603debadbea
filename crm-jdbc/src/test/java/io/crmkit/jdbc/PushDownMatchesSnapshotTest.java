package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.MemberSet;
import io.crmkit.segmentation.RandomShops;
import io.crmkit.segmentation.Snapshot;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The differential property of the push-down: random shops (four zones with daylight-saving changes,
 * 29 February birthdays, refunds after the as-of instant, sub-second times, cancelled and foreign
 * orders) are loaded into PostgreSQL, and for random conditions of every kind as of random instants
 * the SQL answer is the in-memory snapshot's answer, member by member, or both throw the same
 * exception class.
 */
class PushDownMatchesSnapshotTest {

    record Case(RandomShops.Shop shop, List<Instant> asOfs, List<Condition> conditions) {}

    @Provide
    Arbitrary<Case> cases() {
        return RandomShops.shops().flatMap(shop -> {
            List<Instant> seen = shop.instants();
            Arbitrary<Instant> asOf = seen.isEmpty()
                    ? RandomShops.instants()
                    : Arbitraries.frequencyOf(
                            Tuple.of(2, Arbitraries.of(seen)),
                            Tuple.of(1, Arbitraries.of(seen).map(t -> t.minusNanos(1))),
                            Tuple.of(1, Arbitraries.of(seen).map(t -> t.plusSeconds(86_400L * 30))),
                            Tuple.of(3, RandomShops.instants()));
            return Combinators.combine(
                            asOf.list().ofSize(2),
                            RandomShops.conditions(3).list().ofSize(6))
                    .as((a, c) -> new Case(shop, a, c));
        });
    }

    @Property(tries = 80, edgeCases = EdgeCasesMode.NONE)
    void postgresKeepsExactlyTheMembersTheSnapshotKeeps(@ForAll("cases") Case c) {
        Crm memory = c.shop().build();
        BrandSettings brand = memory.settings();
        PostgresStores pg = Db.fresh("pushdown");
        copy(memory, pg);
        Snapshot snapshot = Snapshot.of(memory, RandomShops.CATALOG);
        SqlSegments sql = SqlSegments.of(pg, brand, RandomShops.CATALOG);
        for (Instant asOf : c.asOfs()) {
            for (Condition condition : c.conditions()) {
                MemberSet expected = null;
                Class<?> expectedError = null;
                try {
                    expected = snapshot.evaluate(condition, asOf);
                } catch (CrmException e) {
                    expectedError = e.getClass();
                }
                List<MemberId> actual = null;
                Class<?> actualError = null;
                String message = "";
                try {
                    actual = sql.members(condition, asOf);
                } catch (CrmException e) {
                    actualError = e.getClass();
                    message = e.getMessage();
                }
                assertThat(actualError)
                        .as("error of %s as of %s in %s: %s", condition, asOf, c.shop(), message)
                        .isEqualTo(expectedError);
                if (expected != null) {
                    List<MemberId> want = expected.stream().toList();
                    assertThat(actual)
                            .as(
                                    "members of %s as of %s in %s\nSQL: %s",
                                    condition, asOf, c.shop(), sql.explainSql(condition, asOf))
                            .isEqualTo(want);
                    assertThat(sql.count(condition, asOf)).isEqualTo(want.size());
                    Statistics.label("outcome")
                            .collect(want.isEmpty() ? "none" : want.size() == snapshot.size() ? "all" : "mixed");
                } else {
                    Statistics.label("outcome").collect("error");
                }
            }
        }
        Statistics.label("outcome").coverage(cov -> cov.check("mixed").percentage(p -> p >= 25));
    }

    static void copy(Crm from, PostgresStores to) {
        try (var s = from.members().stream()) {
            List<Member> members = s.map(m -> m.withVersion(0)).toList();
            to.members().saveAll(members);
        }
        List<Order> orders = from.orders().findPlaced(TimeRange.all(), null, 100_000);
        to.orders().upsertAll(orders);
        List<Interaction> interactions = from.interactions().findIn(TimeRange.all(), null, 100_000);
        to.interactions().appendAll(interactions);
    }
}
