package io.crmkit.generator;

import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import java.util.List;
import java.util.Objects;

/**
 * One generated member with everything that happened to them in the observation period: their
 * orders (oldest first) and their interactions (oldest first). Members are independent, so a
 * consumer can store, write or analyse one and forget it.
 *
 * <pre>{@code
 * GeneratedMember g = ShopGenerator.of(GeneratorConfig.ofDefaults()).member(0);
 * g.member().id();        // M00000001
 * g.orders().size();      // this member's orders, possibly none
 * }</pre>
 *
 * @param member the member profile, contact points, consents, tags and external ids
 * @param orders the member's orders, ordered by placement time
 * @param interactions the member's interactions, ordered by time; empty if interactions are off
 */
public record GeneratedMember(Member member, List<Order> orders, List<Interaction> interactions) {
    /** Copies the lists (a no-op for the generator's own immutable lists). */
    public GeneratedMember {
        Objects.requireNonNull(member, "member");
        orders = List.copyOf(orders);
        interactions = List.copyOf(interactions);
    }

    /** @return true if the member placed at least one order that was not cancelled */
    public boolean isBuyer() {
        for (Order o : orders) {
            if (!o.isCancelled()) {
                return true;
            }
        }
        return false;
    }
}
