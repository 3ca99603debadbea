package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.core.Product;
import io.crmkit.generator.CanonicalCsv;
import io.crmkit.generator.GeneratedMember;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of ./crmkit generate import losslessly, and importing them again changes nothing. */
class CanonicalRoundTripTest {
    @TempDir
    static Path dir;

    static CanonicalShop shop;

    @BeforeAll
    static void generate() {
        shop = new CanonicalShop(dir, 400, 11);
    }

    static List<ImportResult> importAll(Crm crm) {
        List<ImportResult> results = new ArrayList<>();
        for (String f : CanonicalCsv.FILES) {
            results.add(Importer.into(crm).batchRows(97).build().importFile(shop.file(f)));
        }
        return results;
    }

    @Test
    void everyEntityComesBackEqual() {
        Crm crm = Samples.crm();
        List<ImportResult> results = importAll(crm);
        assertThat(results)
                .extracting(ImportResult::preset)
                .containsExactly(
                        "canonical-members", "canonical-orders", "canonical-products", "canonical-interactions");
        for (ImportResult r : results) {
            assertThat(r.rejected()).as(r.file()).isZero();
            assertThat(r.accepted()).isEqualTo(r.rowsRead());
        }
        List<Member> members =
                shop.members.stream().map(GeneratedMember::member).collect(Collectors.toList());
        List<Order> orders = shop.members.stream()
                .flatMap(m -> m.orders().stream())
                .sorted(Comparator.comparing(Order::id))
                .collect(Collectors.toList());
        List<Interaction> interactions = shop.members.stream()
                .flatMap(m -> m.interactions().stream())
                .sorted(Comparator.comparing(Interaction::id))
                .collect(Collectors.toList());
        List<Product> products = shop.generator.products();

        assertThat(results.get(0).rowsRead()).isEqualTo(members.size());
        assertThat(results.get(1).rowsRead()).isEqualTo(shop.orderRows);
        assertThat(results.get(1).orders()).isEqualTo(orders.size());
        assertThat(crm.members().stream().map(m -> m.withVersion(0)).collect(Collectors.toList()))
                .isEqualTo(members.stream()
                        .sorted(Comparator.comparing(Member::id))
                        .collect(Collectors.toList()));
        assertThat(crm.orders().stream().collect(Collectors.toList())).isEqualTo(orders);
        assertThat(crm.products().stream().collect(Collectors.toList())).containsExactlyInAnyOrderElementsOf(products);
        assertThat(crm.interactions().stream().collect(Collectors.toList())).isEqualTo(interactions);
    }

    @Test
    void importingTheSameFilesAgainChangesNothing() {
        Crm crm = Samples.crm();
        importAll(crm);
        AtomicInteger events = new AtomicInteger();
        crm.members().subscribe(e -> events.incrementAndGet());
        crm.orders().subscribe(e -> events.incrementAndGet());
        crm.products().subscribe(e -> events.incrementAndGet());
        List<ImportResult> again = importAll(crm);
        assertThat(again.get(0).membersCreated() + again.get(0).membersUpdated())
                .isZero();
        assertThat(again.get(0).members()).isZero();
        assertThat(again.get(1).ordersChanged()).isZero();
        assertThat(again.get(1).orders()).isEqualTo(crm.orders().count());
        assertThat(events).hasValue(0);
        assertThat(crm.members().stream().allMatch(m -> m.version() == 1)).isTrue();
    }
}
