package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.Refund;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Member profitability against a member-by-member object walk with Money arithmetic. */
class MemberProfitabilityTest {
    static BrandSettings brand;
    static Crm crm;
    static List<MemberId> members = new ArrayList<>();
    static Currency twd;
    static ProfitSettings costs;

    @BeforeAll
    static void load() {
        GeneratorConfig config = GeneratorConfig.custom()
                .members(1_500)
                .seed(5)
                .interactions(true)
                .build();
        brand = config.brand();
        twd = brand.currency();
        crm = Crm.inMemory(brand);
        Iterator<GeneratedMember> it = ShopGenerator.of(config).members().iterator();
        while (it.hasNext()) {
            GeneratedMember m = it.next();
            members.add(m.member().id());
            crm.orders().upsertAll(m.orders());
            crm.interactions().appendAll(m.interactions());
        }
        costs = ProfitSettings.custom(twd)
                .messageCost(ContactChannel.SMS, Money.parse("0.80", twd))
                .messageCost(ContactChannel.LINE, Money.parse("0.25", twd))
                .messageCost(ContactChannel.EMAIL, Money.parse("0.02", twd))
                .serviceCostPerOrder(Money.of(35, twd))
                .assumedCostOfGoodsRate(0.6)
                .build();
    }

    /** The oracle: one member's profit from their orders and interactions, with Money. */
    static MemberProfitability.MemberProfit oracle(MemberId id, ProfitSettings s) {
        Money revenue = Money.zero(twd);
        Money cogs = Money.zero(twd);
        Money discounts = Money.zero(twd);
        Money service = Money.zero(twd);
        boolean complete = true;
        for (Order o : crm.orders().findByMember(id)) {
            if (o.isCancelled()) {
                continue;
            }
            revenue = revenue.plus(o.shippingFee());
            discounts = discounts.plus(o.orderDiscount());
            for (OrderLine l : o.lines()) {
                revenue = revenue.plus(l.unitPrice().times(l.quantity()));
                discounts = discounts.plus(l.discount());
                if (l.unitCost().isPresent()) {
                    cogs = cogs.plus(l.unitCost().get().times(l.quantity()));
                } else if (s.assumedCostOfGoodsRate().isPresent()) {
                    BigDecimal c = l.netAmount()
                            .toBigDecimal()
                            .multiply(BigDecimal.valueOf(
                                    s.assumedCostOfGoodsRate().get()))
                            .setScale(2, RoundingMode.HALF_UP);
                    cogs = cogs.plus(Money.of(c, twd));
                } else {
                    complete = false;
                }
            }
            for (Refund r : o.refunds()) {
                revenue = revenue.minus(r.amount());
            }
            service = service.plus(s.serviceCostPerOrder());
        }
        Money marketing = Money.zero(twd);
        for (Interaction i : crm.interactions().findByMember(id)) {
            if (i.type() == InteractionType.MESSAGE_SENT && i.channel().isPresent()) {
                marketing = marketing.plus(s.messageCost(i.channel().get()));
            }
        }
        Money profit = revenue.minus(cogs).minus(discounts).minus(marketing).minus(service);
        return new MemberProfitability.MemberProfit(id, revenue, cogs, discounts, marketing, service, profit, complete);
    }

    @Test
    void everyRowIsTheObjectWalkOracle() {
        MemberProfitability p = MemberProfitability.of(crm.orders(), crm.interactions(), brand, costs);
        Map<MemberId, MemberProfitability.MemberProfit> rows = new HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            rows.put(p.row(i).memberId(), p.row(i));
        }
        int withData = 0;
        boolean someMarketing = false;
        boolean someDiscount = false;
        boolean someRefund = false;
        for (MemberId id : members) {
            MemberProfitability.MemberProfit expected = oracle(id, costs);
            boolean hasData = crm.orders().findByMember(id).stream().anyMatch(o -> !o.isCancelled())
                    || crm.interactions().findByMember(id).stream()
                            .anyMatch(i -> i.type() == InteractionType.MESSAGE_SENT
                                    && i.channel().isPresent());
            if (!hasData) {
                assertThat(rows).doesNotContainKey(id);
                continue;
            }
            withData++;
            assertThat(rows.get(id)).as("member %s", id.value()).isEqualTo(expected);
            someMarketing |= expected.marketingCost().isPositive();
            someDiscount |= expected.discounts().isPositive();
            someRefund |= crm.orders().findByMember(id).stream()
                    .anyMatch(o -> !o.refunds().isEmpty());
        }
        assertThat(withData).isEqualTo(p.size()).isGreaterThan(500);
        assertThat(someMarketing).isTrue();
        assertThat(someDiscount).isTrue();
        assertThat(someRefund).isTrue();
    }

    @Test
    void topBottomAndDistributionAgreeWithSorting() {
        MemberProfitability p = MemberProfitability.of(crm.orders(), crm.interactions(), brand, costs);
        List<MemberProfitability.MemberProfit> all = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            all.add(p.row(i));
        }
        Comparator<MemberProfitability.MemberProfit> byProfit = Comparator.comparing(
                        MemberProfitability.MemberProfit::profit)
                .thenComparing(m -> m.memberId().value());
        all.sort(byProfit);
        assertThat(p.bottom(5)).isEqualTo(all.subList(0, 5));
        List<MemberProfitability.MemberProfit> desc = new ArrayList<>(all);
        desc.sort(Comparator.comparing(MemberProfitability.MemberProfit::profit)
                .reversed()
                .thenComparing(m -> m.memberId().value()));
        assertThat(p.top(10)).isEqualTo(desc.subList(0, 10));
        MemberProfitability.Distribution d = p.distribution();
        int n = all.size();
        assertThat(d.members()).isEqualTo(n);
        assertThat(d.median()).isEqualTo(all.get((int) Math.ceil(0.5 * n) - 1).profit());
        assertThat(d.p90()).isEqualTo(all.get((int) Math.ceil(0.9 * n) - 1).profit());
        assertThat(d.unprofitable()).isEqualTo((int)
                all.stream().filter(m -> m.profit().isNegative()).count());
        assertThat(d.unprofitable()).isPositive(); // messaged members who never bought cost money
        Money total = Money.zero(twd);
        for (MemberProfitability.MemberProfit m : all) {
            total = total.plus(m.profit());
        }
        assertThat(d.total()).isEqualTo(total);
    }

    @Test
    void withoutAnAssumedRateMissingCostsAreFlagged() {
        ProfitSettings noRate = ProfitSettings.custom(twd).build();
        MemberProfitability p = MemberProfitability.of(crm.orders(), crm.interactions(), brand, noRate);
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.row(i)).isEqualTo(oracle(p.row(i).memberId(), noRate));
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> ProfitSettings.custom(twd).assumedCostOfGoodsRate(1.5))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not in [0, 1]");
        assertThatThrownBy(() -> ProfitSettings.custom(twd).serviceCostPerOrder(Money.of(-1, twd)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("negative");
        Currency usd = Currency.getInstance("USD");
        assertThatThrownBy(() -> ProfitSettings.custom(twd).messageCost(ContactChannel.SMS, Money.of(1, usd)))
                .isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> MemberProfitability.of(
                        crm.orders(),
                        crm.interactions(),
                        brand,
                        ProfitSettings.custom(usd).build()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("costs are in USD");
        MemberProfitability p = MemberProfitability.of(crm.orders(), crm.interactions(), brand, costs);
        assertThatThrownBy(() -> p.top(0)).isInstanceOf(InvalidValueException.class);
    }
}
