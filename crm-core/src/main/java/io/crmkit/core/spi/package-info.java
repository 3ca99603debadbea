/**
 * Interfaces a host application implements to keep crmkit's data where it wants: {@link
 * io.crmkit.core.spi.MemberStore}, {@link io.crmkit.core.spi.OrderStore}, {@link
 * io.crmkit.core.spi.ProductStore} and {@link io.crmkit.core.spi.InteractionStore}. crmkit ships
 * an in-memory implementation ({@link io.crmkit.core.Crm#inMemory}); the {@code crm-testkit}
 * module holds the contract tests every implementation must pass.
 *
 * <p>What every adapter must keep: instants to the microsecond at least ({@link
 * io.crmkit.core.TimeRange#all()} uses {@link java.time.Instant#MIN} and {@link
 * java.time.Instant#MAX}, which an adapter maps to its own open bounds); tags and custom
 * attributes in the order they were added. Ids sort in {@link String#compareTo} order, by UTF-16 code
 * units (in PostgreSQL, {@code COLLATE "C"} agrees except for characters outside the Basic
 * Multilingual Plane). Writing a value equal to the stored one is not a change: no event.
 */
@NullMarked
package io.crmkit.core.spi;

import org.jspecify.annotations.NullMarked;
