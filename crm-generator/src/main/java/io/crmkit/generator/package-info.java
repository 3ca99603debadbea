/**
 * A deterministic, streaming generator of a realistic Taiwanese shop, and the crmkit canonical CSV
 * interchange format.
 *
 * <p>{@link io.crmkit.generator.ShopGenerator} makes members, their orders and their interactions
 * from a {@link io.crmkit.generator.GeneratorConfig}: same config, same shop, byte for byte.
 * {@link io.crmkit.generator.CanonicalCsv} writes a shop as {@code members.csv}, {@code
 * orders.csv}, {@code products.csv} and {@code interactions.csv}.
 *
 * <pre>{@code
 * ShopGenerator gen = ShopGenerator.of(GeneratorConfig.custom().members(50_000).seed(1).build());
 * try (CanonicalCsv csv = CanonicalCsv.create(Path.of("shop"))) {
 *     csv.writeProducts(gen.products());
 *     gen.members().forEach(csv::write);
 * }
 * }</pre>
 */
@NullMarked
package io.crmkit.generator;

import org.jspecify.annotations.NullMarked;
