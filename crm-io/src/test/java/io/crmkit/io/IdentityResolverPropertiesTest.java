package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random small member sets with shared e-mails, phones and ids: what resolution must always keep. */
class IdentityResolverPropertiesTest {
    record Spec(int email, int phone, int shopify, int line) {}

    @Provide
    Arbitrary<List<Spec>> shops() {
        // small value ranges so that keys collide often; 0 means "none"
        Arbitrary<Spec> one = Combinators.combine(
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 3))
                .as(Spec::new);
        return one.list().ofMinSize(1).ofMaxSize(14);
    }

    static Crm build(List<Spec> specs) {
        Crm crm = Samples.crm();
        Set<Integer> shopifyUsed = new HashSet<>();
        List<Order> orders = new ArrayList<>();
        Currency twd = Currency.getInstance("TWD");
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Member.Builder b =
                    Member.builder(MemberId.of("M" + (100 + i)), Instant.ofEpochSecond(1_700_000_000L + i * 86_400L));
            if (s.email() > 0) {
                b.email(Email.parse("p" + s.email() + "@example.com"));
            }
            if (s.phone() > 0) {
                b.phone(new PhoneNumber("+88691234567" + s.phone()));
            }
            if (s.shopify() > 0 && shopifyUsed.add(s.shopify() * 1000 + i % 2)) {
                // an external id is unique in a store: at most one member holds each
                b.externalId(ExternalId.of("SHOPIFY", s.shopify() + "-" + (i % 2)));
            }
            if (s.line() > 0) {
                b.lineId("U" + s.line());
            }
            crm.members().save(b.build());
            orders.add(Order.builder(
                            OrderId.of("O" + i),
                            MemberId.of("M" + (100 + i)),
                            Instant.ofEpochSecond(1_750_000_000L + i))
                    .line(OrderLine.of(ProductId.of("P"), "p", Category.of("c"), 1, Money.of(10, twd)))
                    .build());
        }
        crm.orders().upsertAll(orders);
        return crm;
    }

    @Property(tries = 300)
    void resolutionKeepsHistoryNeverJoinsContradictionsAndIsIdempotent(@ForAll("shops") List<Spec> specs) {
        Crm crm = build(specs);
        long orders = crm.orders().count();
        Map<MemberId, Set<ExternalId>> idsBefore = new HashMap<>();
        crm.members().stream().forEach(m -> idsBefore.put(m.id(), m.externalIds()));

        IdentityReport r = IdentityResolver.builder(Samples.brand()).build().resolve(crm);

        long merged = r.merges().stream().mapToLong(m -> m.merged().size()).sum();
        assertThat(r.membersAfter())
                .isEqualTo(r.membersBefore() - merged)
                .isEqualTo(crm.members().count());
        // all history kept: every order still there, each on an existing member
        assertThat(crm.orders().count()).isEqualTo(orders);
        crm.orders().stream()
                .forEach(o -> assertThat(crm.members().find(o.memberId())).isPresent());
        // every source id kept
        Set<ExternalId> all = new HashSet<>();
        idsBefore.values().forEach(all::addAll);
        Set<ExternalId> after = new HashSet<>();
        crm.members().stream().forEach(m -> after.addAll(m.externalIds()));
        assertThat(after).isEqualTo(all);
        // no member holds two ids of one system
        crm.members().stream().forEach(m -> {
            Set<String> systems = new HashSet<>();
            for (ExternalId x : m.externalIds()) {
                assertThat(systems.add(x.system()))
                        .as(m + " " + m.externalIds())
                        .isTrue();
            }
        });
        // a second run merges nothing
        IdentityReport again = IdentityResolver.builder(Samples.brand()).build().resolve(crm);
        assertThat(again.merges()).isEmpty();
        assertThat(again.membersAfter()).isEqualTo(r.membersAfter());
    }
}
