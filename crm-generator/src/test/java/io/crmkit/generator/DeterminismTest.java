package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final GeneratorConfig CONFIG =
            GeneratorConfig.custom().members(700).seed(2024).build();

    private static List<GeneratedMember> all(ShopGenerator g) {
        return g.members().collect(Collectors.toList());
    }

    @Test
    void sameSeedGivesIdenticalShops() {
        List<GeneratedMember> a = all(ShopGenerator.of(CONFIG));
        List<GeneratedMember> b =
                all(ShopGenerator.of(GeneratorConfig.from(CONFIG).build()));
        assertThat(a).hasSize(700).isEqualTo(b);
        assertThat(ShopGenerator.of(CONFIG).products())
                .isEqualTo(ShopGenerator.of(CONFIG).products())
                .hasSize(300);
        // the lists really hold data: not everything is trivially empty
        assertThat(a.stream().mapToInt(m -> m.orders().size()).sum()).isGreaterThan(1000);
        assertThat(a.stream().mapToInt(m -> m.interactions().size()).sum()).isGreaterThan(1000);
    }

    @Test
    void batchesPartitionsAndParallelStreamsGiveTheSameMembers() {
        ShopGenerator g = ShopGenerator.of(CONFIG);
        List<GeneratedMember> whole = all(g);
        List<GeneratedMember> parts = new ArrayList<>();
        int[] cuts = {0, 1, 64, 65, 300, 699, 700};
        for (int i = 0; i + 1 < cuts.length; i++) {
            parts.addAll(g.members(cuts[i], cuts[i + 1]).collect(Collectors.toList()));
        }
        assertThat(parts).isEqualTo(whole);
        assertThat(g.members().parallel().collect(Collectors.toList())).isEqualTo(whole);
        assertThat(g.member(0)).isEqualTo(whole.get(0));
        assertThat(g.member(699)).isEqualTo(whole.get(699));
    }

    @Test
    void aSmallerShopIsAPrefixOfALargerOne() {
        List<GeneratedMember> small =
                all(ShopGenerator.of(GeneratorConfig.from(CONFIG).members(100).build()));
        List<GeneratedMember> large = all(ShopGenerator.of(CONFIG));
        assertThat(small).isEqualTo(large.subList(0, 100));
    }

    @Test
    void differentSeedsGiveDifferentShops() {
        ShopGenerator a = ShopGenerator.of(CONFIG);
        ShopGenerator b =
                ShopGenerator.of(GeneratorConfig.from(CONFIG).seed(2025).build());
        assertThat(a.products()).isNotEqualTo(b.products());
        List<GeneratedMember> ma = a.members(0, 50).collect(Collectors.toList());
        List<GeneratedMember> mb = b.members(0, 50).collect(Collectors.toList());
        long sameName = 0;
        for (int i = 0; i < 50; i++) {
            if (ma.get(i).member().name().equals(mb.get(i).member().name())) {
                sameName++;
            }
        }
        assertThat(sameName).isLessThan(10);
        assertThat(ma).isNotEqualTo(mb);
    }

    @Test
    void turningInteractionsOffChangesNothingElse() {
        List<GeneratedMember> on = all(ShopGenerator.of(CONFIG));
        List<GeneratedMember> off = all(ShopGenerator.of(
                GeneratorConfig.from(CONFIG).interactions(false).build()));
        for (int i = 0; i < on.size(); i++) {
            assertThat(off.get(i).member()).isEqualTo(on.get(i).member());
            assertThat(off.get(i).orders()).isEqualTo(on.get(i).orders());
            assertThat(off.get(i).interactions()).isEmpty();
        }
    }

    @Test
    void indexesOutsideTheShopAreRejected() {
        ShopGenerator g = ShopGenerator.of(CONFIG);
        assertThatThrownBy(() -> g.member(700)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> g.members(10, 701)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(g.members(5, 5)).isEmpty();
        assertThat(ShopGenerator.of(GeneratorConfig.from(CONFIG).members(0).build())
                        .members())
                .isEmpty();
    }

    @Property(tries = 25)
    void anyMemberGeneratedAloneEqualsTheSameMemberInARange(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 9_999) int index) {
        ShopGenerator g = ShopGenerator.of(
                GeneratorConfig.custom().members(10_000).seed(seed).build());
        int from = Math.max(0, index - 2);
        List<GeneratedMember> range = g.members(from, index + 1).collect(Collectors.toList());
        GeneratedMember alone = g.member(index);
        assertThat(alone).isEqualTo(range.get(range.size() - 1));
        assertThat(alone.member().id().value()).isEqualTo(String.format("M%08d", index + 1));
        ShopInvariants.check(g, alone);
    }
}
