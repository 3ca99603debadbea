package io.crmkit.segmentation.internal.bulk;

import io.crmkit.segmentation.Condition;
import java.util.ArrayList;
import java.util.List;

/** Short human-readable labels of condition nodes, for explanations. */
final class Labels {
    private Labels() {}

    static String of(Condition c) {
        if (c instanceof Condition.All) {
            return "all";
        } else if (c instanceof Condition.None) {
            return "none";
        } else if (c instanceof Condition.And) {
            return "and";
        } else if (c instanceof Condition.Or) {
            return "or";
        } else if (c instanceof Condition.Not) {
            return "not";
        } else if (c instanceof Condition.Compare cmp) {
            String w = cmp.measure().windowed() ? " in " + cmp.window() : "";
            String cur = cmp.currency().isPresent() ? " " + cmp.currency().get() + " minor" : "";
            return cmp.measure().name().toLowerCase(java.util.Locale.ROOT) + w + " " + cmp.bound() + cur;
        } else if (c instanceof Condition.Profile p) {
            return p.field().name().toLowerCase(java.util.Locale.ROOT) + " in " + p.anyOf();
        } else if (c instanceof Condition.Attribute a) {
            return "attribute " + a.key().name() + " " + a.test() + (a.values().isEmpty() ? "" : " " + a.values());
        } else if (c instanceof Condition.Orders o) {
            return "orders" + filter(o.filter()) + " in " + o.window() + " " + o.count();
        } else if (c instanceof Condition.SpendOn s) {
            return "spend on " + item(s.item()) + " in " + s.window() + " " + s.amount() + " " + s.currency()
                    + " minor";
        } else if (c instanceof Condition.Interactions i) {
            Condition.InteractionFilter f = i.filter();
            List<String> parts = new ArrayList<>();
            f.campaign().ifPresent(x -> parts.add("campaign=" + x.value()));
            f.channel().ifPresent(x -> parts.add("channel=" + x));
            if (f.minScore().isPresent()) {
                parts.add("score>=" + f.minScore().getAsInt());
            }
            if (f.minDurationSeconds().isPresent()) {
                parts.add("seconds>=" + f.minDurationSeconds().getAsLong());
            }
            return f.type().name().toLowerCase(java.util.Locale.ROOT)
                    + (parts.isEmpty() ? "" : " " + parts)
                    + " in " + i.window() + " " + i.count();
        } else if (c instanceof Condition.Tagged t) {
            return "tagged " + t.tag();
        } else if (c instanceof Condition.Reachable r) {
            return "reachable by " + r.channel();
        } else if (c instanceof Condition.OptedIn o) {
            return "opted in to " + o.channel();
        } else if (c instanceof Condition.InSegment in) {
            return "in segment " + in.segment();
        } else if (c instanceof Condition.Custom cu) {
            return "custom " + cu.name() + (cu.params().isEmpty() ? "" : " " + cu.params());
        }
        return c.toString();
    }

    private static String item(Condition.Item i) {
        return i.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + i.value();
    }

    private static String filter(Condition.OrderFilter f) {
        List<String> parts = new ArrayList<>();
        f.item().ifPresent(i -> parts.add(item(i)));
        if (f.anyCoupon()) {
            parts.add("any coupon");
        }
        f.coupon().ifPresent(x -> parts.add("coupon " + x));
        f.paymentMethod().ifPresent(x -> parts.add("paid " + x));
        f.shippingMethod().ifPresent(x -> parts.add("shipped " + x));
        f.pickupStore().ifPresent(x -> parts.add("picked up at " + x.value()));
        f.channel().ifPresent(x -> parts.add("via " + x));
        f.store().ifPresent(x -> parts.add("at store " + x.value()));
        return parts.isEmpty() ? "" : " " + parts;
    }
}
