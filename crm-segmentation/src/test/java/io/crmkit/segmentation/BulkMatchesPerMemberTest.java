package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * The two evaluation paths have one meaning: on random shops, as of random instants, the snapshot
 * keeps exactly the members that {@link SegmentEngine#test(Condition, MemberId, Instant)} keeps,
 * for random conditions of every kind, and throws exactly when the per-member path throws for some
 * member.
 */
class BulkMatchesPerMemberTest {

    /** A shop, the instants to look from, and the conditions to ask. */
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

    /** Random shops and conditions, new ones every run. */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void snapshotKeepsExactlyTheMembersThatThePerMemberTestKeeps(@ForAll("cases") Case c) {
        check(c, false);
    }

    /**
     * The same check on a fixed sequence of cases, which also proves that the generators reach every
     * outcome and every kind of leaf (coverage is a property of the whole run, so on random runs an
     * unlucky seed could miss a threshold without anything being wrong).
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE, seed = "20261128")
    void theGeneratorsReachEveryOutcomeAndLeaf(@ForAll("cases") Case c) {
        check(c, true);
    }

    private void check(Case c, boolean coverage) {
        Crm crm = c.shop().build();
        SegmentEngine engine = SegmentEngine.of(crm, RandomShops.CATALOG);
        Snapshot snapshot = engine.snapshot();
        List<MemberId> ids;
        try (var s = crm.members().stream()) {
            ids = s.map(Member::id).toList();
        }
        assertThat(snapshot.size()).isEqualTo(ids.size());
        for (Instant asOf : c.asOfs()) {
            for (Condition condition : c.conditions()) {
                List<MemberId> expected = new ArrayList<>();
                Set<Class<?>> errors = new LinkedHashSet<>();
                for (MemberId id : ids) {
                    try {
                        if (engine.test(condition, id, asOf)) {
                            expected.add(id);
                        }
                    } catch (CrmException e) {
                        errors.add(e.getClass());
                    }
                }
                MemberSet actual = null;
                Class<?> error = null;
                try {
                    actual = snapshot.evaluate(condition, asOf);
                } catch (CrmException e) {
                    error = e.getClass();
                }
                String outcome;
                if (!errors.isEmpty()) {
                    assertThat(error)
                            .as("the per-member path throws %s for %s as of %s", errors, condition, asOf)
                            .isIn(errors.toArray());
                    outcome = "error";
                    Statistics.label("error").collect(errors.toString());
                } else {
                    assertThat(error)
                            .as("bulk threw for %s as of %s", condition, asOf)
                            .isNull();
                    assertThat(actual).isNotNull();
                    List<MemberId> got = actual.stream().toList();
                    assertThat(got)
                            .as("members of %s as of %s in %s", condition, asOf, c.shop())
                            .isEqualTo(expected);
                    assertThat(actual.count()).isEqualTo(expected.size());
                    for (MemberId id : ids) {
                        assertThat(actual.contains(id)).isEqualTo(expected.contains(id));
                    }
                    outcome = expected.isEmpty() ? "none" : expected.size() == ids.size() ? "all" : "mixed";
                }
                Statistics.label("outcome").collect(outcome);
                if (!outcome.equals("error")) {
                    leafOutcomes(snapshot, condition, asOf, ids.size());
                }
            }
        }
        if (!coverage) {
            return;
        }
        Statistics.label("outcome").coverage(cov -> {
            cov.check("mixed").percentage(p -> p >= 30);
            cov.check("none").percentage(p -> p > 5);
            cov.check("all").percentage(p -> p > 5);
            cov.check("error").percentage(p -> p < 15);
        });
        for (String leaf : List.of(
                "Compare",
                "Profile",
                "Attribute",
                "Orders",
                "SpendOn",
                "Interactions",
                "Tagged",
                "Reachable",
                "OptedIn",
                "InSegment",
                "Custom")) {
            Statistics.label("leaf " + leaf).coverage(cov -> cov.check("mixed").percentage(p -> p >= 10));
        }
    }

    /** Every kind of leaf should keep some members and not others, or the property proves little. */
    private static void leafOutcomes(Snapshot snapshot, Condition c, Instant asOf, int members) {
        if (c instanceof Condition.And a) {
            a.parts().forEach(p -> leafOutcomes(snapshot, p, asOf, members));
        } else if (c instanceof Condition.Or o) {
            o.parts().forEach(p -> leafOutcomes(snapshot, p, asOf, members));
        } else if (c instanceof Condition.Not n) {
            leafOutcomes(snapshot, n.condition(), asOf, members);
        } else if (!(c instanceof Condition.All) && !(c instanceof Condition.None)) {
            long n;
            try {
                n = snapshot.count(c, asOf);
            } catch (CrmException e) {
                return;
            }
            Statistics.label("leaf " + c.getClass().getSimpleName())
                    .collect(n == 0 ? "none" : n == members ? "all" : "mixed");
        }
    }
}
