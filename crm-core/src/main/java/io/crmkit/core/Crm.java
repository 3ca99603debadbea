package io.crmkit.core;

import io.crmkit.core.internal.Check;
import io.crmkit.core.internal.memory.InMemoryInteractionStore;
import io.crmkit.core.internal.memory.InMemoryMemberStore;
import io.crmkit.core.internal.memory.InMemoryOrderStore;
import io.crmkit.core.internal.memory.InMemoryProductStore;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.ProductStore;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: a brand's settings and its four stores. Use {@link #inMemory} for the embedded
 * default, or {@link #builder} to plug in a host's own stores (e.g. the PostgreSQL adapter).
 *
 * <pre>{@code
 * Crm crm = Crm.inMemory(BrandSettings.ofDefaults());
 * crm.members().save(member);
 * crm.orders().upsertAll(orders);
 * MemberView view = crm.view(member.id()).orElseThrow();
 * }</pre>
 */
public final class Crm {
    private final BrandSettings settings;
    private final MemberStore members;
    private final OrderStore orders;
    private final ProductStore products;
    private final InteractionStore interactions;

    private Crm(Builder b) {
        this.settings = b.settings;
        this.members = b.members != null ? b.members : new InMemoryMemberStore();
        this.orders = b.orders != null ? b.orders : new InMemoryOrderStore();
        this.products = b.products != null ? b.products : new InMemoryProductStore();
        this.interactions = b.interactions != null ? b.interactions : new InMemoryInteractionStore();
    }

    /**
     * @param settings the brand's settings
     * @return a CRM whose four stores are thread-safe in-memory stores
     */
    public static Crm inMemory(BrandSettings settings) {
        return builder(settings).build();
    }

    /**
     * @param settings the brand's settings
     * @return a builder; any store not given is an in-memory one
     */
    public static Builder builder(BrandSettings settings) {
        return new Builder(Check.notNull(settings, "settings"));
    }

    /** @return the brand's settings */
    public BrandSettings settings() {
        return settings;
    }

    /** @return the member store */
    public MemberStore members() {
        return members;
    }

    /** @return the order store */
    public OrderStore orders() {
        return orders;
    }

    /** @return the product store */
    public ProductStore products() {
        return products;
    }

    /** @return the interaction store */
    public InteractionStore interactions() {
        return interactions;
    }

    /**
     * @param id a member
     * @return the member's view as of now on the brand's clock, if the member exists
     */
    public Optional<MemberView> view(MemberId id) {
        return view(id, settings.now());
    }

    /**
     * @param id a member
     * @param asOf the instant to look from; later orders and interactions are left out
     * @return the member's view, if the member exists
     */
    public Optional<MemberView> view(MemberId id, Instant asOf) {
        Check.notNull(asOf, "asOf");
        return members.find(id)
                .map(m -> MemberView.of(
                        m,
                        orders.findByMember(id, TimeRange.until(asOf.plusNanos(1))),
                        interactions.findByMember(id, TimeRange.until(asOf.plusNanos(1))),
                        asOf,
                        settings));
    }

    /**
     * @param id a member
     * @return the member's statistics as of now, over all orders (zero if the member never bought)
     */
    public MemberStats stats(MemberId id) {
        Instant now = settings.now();
        return MemberStats.of(orders.findByMember(id), now, settings);
    }

    /** Builds a {@link Crm}. */
    public static final class Builder {
        private final BrandSettings settings;
        private @Nullable MemberStore members;
        private @Nullable OrderStore orders;
        private @Nullable ProductStore products;
        private @Nullable InteractionStore interactions;

        private Builder(BrandSettings settings) {
            this.settings = settings;
        }

        /**
         * @param store the member store
         * @return this builder
         */
        public Builder members(MemberStore store) {
            this.members = Check.notNull(store, "members");
            return this;
        }

        /**
         * @param store the order store
         * @return this builder
         */
        public Builder orders(OrderStore store) {
            this.orders = Check.notNull(store, "orders");
            return this;
        }

        /**
         * @param store the product store
         * @return this builder
         */
        public Builder products(ProductStore store) {
            this.products = Check.notNull(store, "products");
            return this;
        }

        /**
         * @param store the interaction store
         * @return this builder
         */
        public Builder interactions(InteractionStore store) {
            this.interactions = Check.notNull(store, "interactions");
            return this;
        }

        /** @return the CRM */
        public Crm build() {
            return new Crm(this);
        }
    }
}
