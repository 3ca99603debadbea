/**
 * Interfaces a host application implements to keep crmkit's data where it wants: {@link
 * io.crmkit.core.spi.MemberStore}, {@link io.crmkit.core.spi.OrderStore}, {@link
 * io.crmkit.core.spi.ProductStore} and {@link io.crmkit.core.spi.InteractionStore}. crmkit ships
 * an in-memory implementation ({@link io.crmkit.core.Crm#inMemory}); the {@code crm-testkit}
 * module holds the contract tests every implementation must pass.
 */
@NullMarked
package io.crmkit.core.spi;

import org.jspecify.annotations.NullMarked;
