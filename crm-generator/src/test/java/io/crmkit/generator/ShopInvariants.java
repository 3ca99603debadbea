package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.Product;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything that must hold for every generated member, whatever the seed. */
final class ShopInvariants {
    private static final Map<String, String> REGION_OF = Map.ofEntries(
            Map.entry("新北市", "北部"),
            Map.entry("台北市", "北部"),
            Map.entry("桃園市", "北部"),
            Map.entry("新竹縣", "北部"),
            Map.entry("新竹市", "北部"),
            Map.entry("基隆市", "北部"),
            Map.entry("宜蘭縣", "北部"),
            Map.entry("台中市", "中部"),
            Map.entry("彰化縣", "中部"),
            Map.entry("雲林縣", "中部"),
            Map.entry("苗栗縣", "中部"),
            Map.entry("南投縣", "中部"),
            Map.entry("高雄市", "南部"),
            Map.entry("台南市", "南部"),
            Map.entry("屏東縣", "南部"),
            Map.entry("嘉義縣", "南部"),
            Map.entry("嘉義市", "南部"),
            Map.entry("花蓮縣", "東部"),
            Map.entry("台東縣", "東部"),
            Map.entry("澎湖縣", "離島"),
            Map.entry("金門縣", "離島"),
            Map.entry("連江縣", "離島"));

    private ShopInvariants() {}

    static void check(ShopGenerator g, GeneratedMember gm) {
        GeneratorConfig c = g.config();
        Map<String, Product> products = new HashMap<>();
        for (Product p : g.products()) {
            products.put(p.id().value(), p);
        }
        Member m = gm.member();
        String digits = m.id().value().substring(1);
        Instant join = m.joinedAt();
        // 30% joined before the period, up to 3 years before it
        assertThat(join)
                .isBetween(
                        c.start().minus(java.time.Duration.ofDays(3 * 365 + 1)),
                        c.end().minusSeconds(1));
        Instant from = join.isBefore(c.start()) ? c.start() : join;
        m.city().ifPresent(city -> assertThat(m.region()).contains(REGION_OF.get(city)));
        m.birthday().ifPresent(b -> {
            LocalDate last = LocalDate.ofInstant(c.end(), c.brand().zone());
            int age = m.age(last).orElseThrow();
            assertThat(age).isBetween(18, 71);
        });
        m.phone().ifPresent(p -> assertThat(p.isTaiwanMobile()).isTrue());
        m.email().ifPresent(e -> assertThat(e.value()).contains("@"));
        m.consents().values().forEach(x -> assertThat(x.at()).isBetween(join, c.end()));
        m.tags().forEach(t -> assertThat(t.at()).isBetween(join, c.end()));

        Instant previous = from;
        for (Order o : gm.orders()) {
            assertThat(o.memberId()).isEqualTo(m.id());
            assertThat(o.id().value()).startsWith("O" + digits + "-");
            assertThat(o.placedAt()).isAfterOrEqualTo(previous).isBefore(c.end());
            previous = o.placedAt();
            assertThat(o.currency()).isEqualTo(c.brand().currency());
            Money sum = Money.zero(o.currency());
            for (OrderLine l : o.lines()) {
                Product p = products.get(l.productId().value());
                assertThat(p).as("product of " + o.id()).isNotNull();
                assertThat(l.name()).isEqualTo(p.name());
                assertThat(l.category()).isEqualTo(p.category());
                assertThat(l.unitPrice()).isEqualTo(p.listPrice().orElseThrow());
                assertThat(l.unitCost()).isEqualTo(p.unitCost());
                assertThat(l.quantity()).isBetween(1, 10);
                sum = sum.plus(l.netAmount());
            }
            assertThat(o.lines()).hasSizeBetween(1, 4);
            assertThat(o.lines().stream().map(OrderLine::productId).distinct()).hasSameSizeAs(o.lines());
            assertThat(o.subtotal()).isEqualTo(sum);
            assertThat(o.total()).isEqualTo(sum.minus(o.orderDiscount()).plus(o.shippingFee()));
            assertThat(o.total().isPositive()).isTrue();
            assertThat(o.orderDiscount().isPositive()).isEqualTo(o.usedCoupon());
            o.deliveredAt()
                    .ifPresent(d -> assertThat(d).isAfterOrEqualTo(o.placedAt()).isBefore(c.end()));
            for (Refund r : o.refunds()) {
                assertThat(r.at()).isAfter(o.deliveredAt().orElseThrow()).isBefore(c.end());
            }
            if (o.isCancelled()) {
                assertThat(o.deliveredAt()).isEmpty();
                assertThat(o.refunds()).isEmpty();
            }
            if (o.status() == OrderStatus.COMPLETED) {
                assertThat(o.deliveredAt()).isPresent();
            }
            if (o.channel().equals(SalesChannel.POS)) {
                assertThat(o.shippingMethod()).contains(ShippingMethod.IN_STORE);
                assertThat(o.store()).isPresent();
                assertThat(o.deliveredAt()).contains(o.placedAt());
            } else {
                assertThat(o.store()).isEmpty();
            }
            ShippingMethod ship = o.shippingMethod().orElseThrow();
            if (o.paymentMethod().orElseThrow().equals(PaymentMethod.CONVENIENCE_STORE_COD)) {
                assertThat(ship).isEqualTo(ShippingMethod.CONVENIENCE_STORE_PICKUP);
            }
            if (ship.equals(ShippingMethod.CONVENIENCE_STORE_PICKUP)) {
                assertThat(o.pickupStore().orElseThrow().value()).matches("(7-11|全家|萊爾富|OK) .+[市縣].+店");
            }
            if (ship.equals(ShippingMethod.HOME_DELIVERY) || ship.equals(ShippingMethod.IN_STORE)) {
                assertThat(o.pickupStore()).isEmpty();
            }
        }

        Set<String> ids = new HashSet<>();
        Set<String> sent = new HashSet<>();
        Instant last = from;
        List<Interaction> interactions = gm.interactions();
        for (Interaction i : interactions) {
            assertThat(i.memberId()).isEqualTo(m.id());
            assertThat(ids.add(i.id().value())).isTrue();
            assertThat(i.id().value()).startsWith("I" + digits + "-");
            assertThat(i.at()).isAfterOrEqualTo(last).isBefore(c.end());
            last = i.at();
            InteractionType t = i.type();
            switch (t) {
                case MESSAGE_SENT -> {
                    assertThat(i.channel()).isPresent();
                    assertThat(i.campaignId()).isPresent();
                    sent.add(i.messageId().orElseThrow());
                }
                case MESSAGE_OPENED, MESSAGE_CLICKED, MESSAGE_BOUNCED, SURVEY_ANSWERED -> {
                    assertThat(i.channel()).isPresent();
                    assertThat(sent).contains(i.messageId().orElseThrow());
                }
                case PAGE_VIEWED -> assertThat(i.durationSeconds()).isPresent();
                case CART_ABANDONED ->
                    assertThat(i.properties().get(Interaction.PRODUCT_ID)).isPresent();
                default -> {}
            }
            if (t == InteractionType.SURVEY_ANSWERED) {
                assertThat(i.score().orElseThrow()).isBetween(1, 5);
            }
            i.properties()
                    .get(Interaction.PRODUCT_ID)
                    .ifPresent(p -> assertThat(products).containsKey(p));
        }
    }
}
