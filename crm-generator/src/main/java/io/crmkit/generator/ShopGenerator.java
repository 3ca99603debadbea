package io.crmkit.generator;

import io.crmkit.core.Product;
import io.crmkit.generator.internal.MemberSpliterator;
import io.crmkit.generator.internal.ShopModel;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Generates a realistic Taiwanese shop (a product catalogue, members with their orders and
 * interactions) deterministically from a {@link GeneratorConfig}, streaming one member at a time.
 *
 * <p>Member {@code i} depends only on the seed, the config and {@code i}: it is the same in a shop
 * of 1,000 or of 10 million members, whether generated alone with {@link #member(int)}, in a range
 * with {@link #members(int, int)}, sequentially or by a parallel stream. Nothing is kept between
 * members, so memory does not grow with the number of members. Instances are immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ShopGenerator gen = ShopGenerator.of(GeneratorConfig.custom().members(100_000).seed(7).build());
 * List<Product> catalogue = gen.products();
 * long orders = gen.members().mapToLong(m -> m.orders().size()).sum();
 * }</pre>
 */
public final class ShopGenerator {
    private final GeneratorConfig config;
    private final ShopModel model;

    private ShopGenerator(GeneratorConfig config) {
        this.config = config;
        this.model = ShopModel.of(config);
    }

    /**
     * Prepares a generator: builds the catalogue, the calendar and the campaign schedule (a few
     * milliseconds). Members are generated only when asked for.
     *
     * @param config what to generate
     * @return the generator
     */
    public static ShopGenerator of(GeneratorConfig config) {
        return new ShopGenerator(Objects.requireNonNull(config, "config"));
    }

    /** @return the config */
    public GeneratorConfig config() {
        return config;
    }

    /** @return the product catalogue, in id order; every order line refers to one of these */
    public List<Product> products() {
        return model.products();
    }

    /**
     * @param index a member index, 0 to {@code config().members() - 1}; member ids are {@code
     *     "M"} and the 8-digit index + 1
     * @return that member, generated on its own
     * @throws IndexOutOfBoundsException if the index is outside the shop
     */
    public GeneratedMember member(int index) {
        Objects.checkIndex(index, config.members());
        return model.newWorker().generate(index);
    }

    /** @return every member, in index order, generated lazily; parallel streams split the range */
    public Stream<GeneratedMember> members() {
        return members(0, config.members());
    }

    /**
     * @param fromIndex the first member index (inclusive)
     * @param toIndex the end of the range (exclusive)
     * @return the members of that range, in index order, generated lazily
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, config().members()]}
     */
    public Stream<GeneratedMember> members(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, config.members());
        return StreamSupport.stream(new MemberSpliterator(model, fromIndex, toIndex), false);
    }
}
