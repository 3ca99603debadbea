package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

/** Shared test data: a Taipei brand in TWD with a fixed clock. */
final class Fixtures {
    static final Currency TWD = Currency.getInstance("TWD");
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z"); // 10:00 in Taipei
    static final BrandSettings BRAND = BrandSettings.custom()
            .zone(TAIPEI)
            .currency(TWD)
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .build();
    static final MemberId MEI = MemberId.of("M1");
    static final MemberId HAO = MemberId.of("M2");

    private Fixtures() {}

    static Money twd(long major) {
        return Money.of(major, TWD);
    }

    static Order order(String id, MemberId member, Instant at, long amount) {
        return Order.builder(OrderId.of(id), member, at)
                .line(OrderLine.of(ProductId.of("P1"), "可可粉", Category.of("食品"), 1, twd(amount)))
                .build();
    }

    static Instant days(long n) {
        return T0.plusSeconds(n * 86_400);
    }
}
