package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A tier programme as a segment predicate: per member and in bulk, as of the condition's instant. */
class TierPredicateTest {
    static final BrandSettings BRAND = BrandSettings.ofDefaults();
    static final ZoneId TAIPEI = BRAND.zone();

    static Instant at(int y, int m, int d) {
        return LocalDateTime.of(y, m, d, 12, 0).atZone(TAIPEI).toInstant();
    }

    static Money twd(long major) {
        return Money.of(major, BRAND.currency());
    }

    final TierProgram program = TierProgram.builder(BRAND.currency())
            .calendar(TierProgram.Period.YEAR)
            .tier(Tier.named("member"))
            .tier(Tier.named("silver").minSpend(twd(3_000)))
            .tier(Tier.named("gold").minSpend(twd(10_000)))
            .build();
    final Crm crm = Crm.inMemory(BRAND);

    void member(String id, long... spends) {
        crm.members().save(Member.builder(MemberId.of(id), at(2024, 1, 1)).build());
        for (int i = 0; i < spends.length; i++) {
            crm.orders()
                    .upsertAll(List.of(Order.builder(OrderId.of(id + "-" + i), MemberId.of(id), at(2025, 3, 1 + i))
                            .line(OrderLine.of(ProductId.of("P"), "thing", Category.of("Food"), 1, twd(spends[i])))
                            .build()));
        }
    }

    @Test
    void segmentsByTierPerMemberAndInBulk() {
        member("A", 12_000);
        member("B", 2_000, 2_000);
        member("C", 500);
        member("D");
        SegmentCatalog catalog = SegmentCatalog.builder()
                .predicate(program.predicate("crm.tier", BRAND))
                .build();
        SegmentEngine engine = SegmentEngine.of(crm, catalog);
        Condition silverUp = Where.custom("crm.tier", Map.of("atLeast", "silver"));
        Condition exactlyMember = Where.custom("crm.tier", Map.of("tier", "member"));

        Instant june = at(2025, 6, 1);
        assertThat(perMember(engine, silverUp, june)).containsExactly("A", "B");
        assertThat(perMember(engine, exactlyMember, june)).containsExactly("C", "D");
        Snapshot snapshot = engine.snapshot();
        assertThat(snapshot.evaluate(silverUp, june).count()).isEqualTo(2);
        assertThat(snapshot.evaluate(exactlyMember, june).count()).isEqualTo(2);
        // as of February 2025 nobody had bought yet; in 2027 the reviews have lowered everyone
        assertThat(snapshot.evaluate(silverUp, at(2025, 2, 1)).count()).isZero();
        assertThat(snapshot.evaluate(silverUp, at(2026, 6, 1)).count()).isEqualTo(2);
        assertThat(snapshot.evaluate(silverUp, at(2027, 6, 1)).count()).isZero();
    }

    Set<String> perMember(SegmentEngine engine, Condition c, Instant asOf) {
        Set<String> out = new TreeSet<>();
        crm.members().stream().forEach(m -> {
            if (engine.test(c, crm.view(m.id(), asOf).orElseThrow())) {
                out.add(m.id().value());
            }
        });
        return out;
    }

    @Test
    void badParametersFailWhenTheCatalogueIsBuilt() {
        SegmentCatalog.Builder b = SegmentCatalog.builder().predicate(program.predicate("crm.tier", BRAND));
        assertThatThrownBy(() -> b.segment(Segment.of("x", "x", Where.custom("crm.tier", Map.of("tier", "platinum"))))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(
                        "params.tier: \"platinum\" is not a tier of the programme; tiers: member, silver, gold");
        assertThatThrownBy(() -> SegmentCatalog.builder()
                        .predicate(program.predicate("crm.tier", BRAND))
                        .segment(Segment.of(
                                "y", "y", Where.custom("crm.tier", Map.of("tier", "gold", "atLeast", "gold"))))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("takes exactly one parameter");
        assertThatThrownBy(() -> program.predicate("Crm Tier", BRAND))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not a predicate name");
    }
}
