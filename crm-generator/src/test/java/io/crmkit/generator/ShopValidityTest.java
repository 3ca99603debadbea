package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ExternalId;
import io.crmkit.core.Interaction;
import io.crmkit.core.Order;
import io.crmkit.core.Product;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopValidityTest {
    @Test
    void everyGeneratedObjectIsValidAndEveryIdIsUnique() {
        ShopGenerator g = ShopGenerator.of(
                GeneratorConfig.custom().members(4_000).seed(11).build());
        Set<String> memberIds = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> lineIds = new HashSet<>();
        Set<ExternalId> externalIds = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        Set<String> interactionIds = new HashSet<>();
        long orders = 0;
        for (GeneratedMember gm : (Iterable<GeneratedMember>) g.members()::iterator) {
            ShopInvariants.check(g, gm);
            assertThat(memberIds.add(gm.member().id().value())).isTrue();
            gm.member()
                    .email()
                    .ifPresent(
                            e -> assertThat(emails.add(e.value())).as(e.value()).isTrue());
            gm.member()
                    .phone()
                    .ifPresent(
                            p -> assertThat(phones.add(p.e164())).as(p.e164()).isTrue());
            gm.member().lineId().ifPresent(l -> assertThat(lineIds.add(l)).isTrue());
            for (ExternalId x : gm.member().externalIds()) {
                assertThat(externalIds.add(x)).as(x.toString()).isTrue();
            }
            for (Order o : gm.orders()) {
                assertThat(orderIds.add(o.id().value())).isTrue();
                orders++;
            }
            for (Interaction i : gm.interactions()) {
                assertThat(interactionIds.add(i.id().value())).isTrue();
            }
        }
        assertThat(memberIds).hasSize(4_000);
        assertThat(orders).isGreaterThan(10_000);
        assertThat(emails.size()).isGreaterThan(3_000);
        assertThat(phones.size()).isGreaterThan(3_500);
    }

    @Test
    void theCatalogueHasCategoriesPricesAndCosts() {
        List<Product> products = ShopGenerator.of(GeneratorConfig.ofDefaults()).products();
        assertThat(products).hasSize(300);
        assertThat(products.stream().map(p -> p.id().value()).distinct()).hasSize(300);
        assertThat(products.stream().map(Product::name).distinct()).hasSize(300);
        Set<String> tops = products.stream().map(p -> p.category().top()).collect(Collectors.toSet());
        assertThat(tops).contains("美妝保養", "居家生活", "食品飲料", "服飾配件", "母嬰用品");
        assertThat(products.stream().map(p -> p.category().path())).contains("美妝保養 > 臉部保養", "居家生活 > 衛生用品", "食品飲料 > 飲品");
        for (Product p : products) {
            long price = p.listPrice().orElseThrow().minorUnits();
            long cost = p.unitCost().orElseThrow().minorUnits();
            assertThat(price).isPositive();
            assertThat(cost).isPositive().isLessThan(price);
            assertThat(p.category().levels()).hasSize(2);
        }
        double beautyMargin = margin(products, "美妝保養");
        double foodMargin = margin(products, "食品飲料");
        assertThat(beautyMargin).isBetween(0.5, 0.8);
        assertThat(foodMargin).isBetween(0.2, 0.4);
    }

    private static double margin(List<Product> products, String top) {
        return products.stream()
                .filter(p -> p.category().top().equals(top))
                .mapToDouble(p -> 1.0
                        - (double) p.unitCost().orElseThrow().minorUnits()
                                / p.listPrice().orElseThrow().minorUnits())
                .average()
                .orElseThrow();
    }
}
