/**
 * The stores behind the loyalty services. Each method that changes state is atomic: it applies in
 * full or not at all and reports why not, so the services can retry on contention and never
 * half-apply. crm-testkit holds the contract tests an adapter (e.g. PostgreSQL) must pass; {@code
 * io.crmkit.loyalty.InMemoryStores} gives the thread-safe in-memory defaults.
 */
@NullMarked
package io.crmkit.loyalty.spi;

import org.jspecify.annotations.NullMarked;
