/**
 * The {@code crmkit} command line: {@code generate} writes a synthetic shop as canonical CSV,
 * {@code bench-generate} measures the generator.
 *
 * <pre>{@code
 * ./crmkit generate --members 100000 --seed 7 --out shop
 * ./crmkit bench-generate --members 200000
 * }</pre>
 */
@NullMarked
package io.crmkit.cli;

import org.jspecify.annotations.NullMarked;
