package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Field-by-field comparisons of members and orders, whose {@code toString} is too short to show
 * what an adapter lost. Every differing field is reported at once.
 */
final class StoreAssertions {
    private StoreAssertions() {}

    static void assertSameMember(Member actual, Member expected, String where) {
        String w = where + ": member " + expected.id();
        Diff s = new Diff();
        s.check("id", actual.id(), expected.id());
        s.check("version", actual.version(), expected.version());
        s.check("name", actual.name(), expected.name());
        s.check("gender", actual.gender(), expected.gender());
        s.check("birthday", actual.birthday(), expected.birthday());
        s.check("joinedAt", actual.joinedAt(), expected.joinedAt());
        s.check("region", actual.region(), expected.region());
        s.check("city", actual.city(), expected.city());
        s.check("sourceChannel", actual.sourceChannel(), expected.sourceChannel());
        s.check("email", actual.email(), expected.email());
        s.check("phone", actual.phone(), expected.phone());
        s.check("lineId", actual.lineId(), expected.lineId());
        s.check("facebookId", actual.facebookId(), expected.facebookId());
        s.check("preferredChannel", actual.preferredChannel(), expected.preferredChannel());
        s.check("consents", actual.consents(), expected.consents());
        s.check("attributes", actual.attributes().asMap(), expected.attributes().asMap());
        s.check("tags", new HashSet<>(actual.tags()), new HashSet<>(expected.tags()));
        s.check("notes", actual.notes(), expected.notes());
        s.check("externalIds", actual.externalIds(), expected.externalIds());
        s.assertNone(w);
        assertThat(actual).as(w + " (Member.equals)").isEqualTo(expected);
    }

    static void assertSameOrder(Order actual, Order expected, String where) {
        String w = where + ": order " + expected.id();
        Diff s = new Diff();
        s.check("id", actual.id(), expected.id());
        s.check("memberId", actual.memberId(), expected.memberId());
        s.check("placedAt", actual.placedAt(), expected.placedAt());
        s.check("status", actual.status(), expected.status());
        s.check("channel", actual.channel(), expected.channel());
        s.check("store", actual.store(), expected.store());
        s.check("pickupStore", actual.pickupStore(), expected.pickupStore());
        s.check("paymentMethod", actual.paymentMethod(), expected.paymentMethod());
        s.check("shippingMethod", actual.shippingMethod(), expected.shippingMethod());
        s.check("deliveredAt", actual.deliveredAt(), expected.deliveredAt());
        s.check("couponCodes", actual.couponCodes(), expected.couponCodes());
        s.check("number of lines", actual.lines().size(), expected.lines().size());
        for (int i = 0; i < Math.min(actual.lines().size(), expected.lines().size()); i++) {
            OrderLine a = actual.lines().get(i);
            OrderLine e = expected.lines().get(i);
            String l = "lines[" + i + "].";
            s.check(l + "productId", a.productId(), e.productId());
            s.check(l + "sku", a.sku(), e.sku());
            s.check(l + "name", a.name(), e.name());
            s.check(l + "category", a.category(), e.category());
            s.check(l + "quantity", a.quantity(), e.quantity());
            s.check(l + "unitPrice", a.unitPrice(), e.unitPrice());
            s.check(l + "unitCost", a.unitCost(), e.unitCost());
            s.check(l + "discount", a.discount(), e.discount());
        }
        s.check("shippingFee", actual.shippingFee(), expected.shippingFee());
        s.check("orderDiscount", actual.orderDiscount(), expected.orderDiscount());
        s.check("refunds", actual.refunds(), expected.refunds());
        s.assertNone(w);
        assertThat(actual).as(w + " (Order.equals)").isEqualTo(expected);
    }

    /** Collects every field that differs, to report them all in one failure. */
    private static final class Diff {
        private final List<String> problems = new ArrayList<>();

        void check(String field, @Nullable Object actual, @Nullable Object expected) {
            if (!Objects.equals(actual, expected)) {
                problems.add(field + ": expected <" + expected + "> but was <" + actual + ">");
            }
        }

        void assertNone(String what) {
            if (!problems.isEmpty()) {
                throw new AssertionError(what + " differs from what was written in " + problems.size()
                        + " field(s):\n  " + String.join("\n  ", problems));
            }
        }
    }
}
