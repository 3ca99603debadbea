/**
 * The in-memory stores: the embedded default behind {@link io.crmkit.core.Crm#inMemory}. Each store
 * keeps its values in a {@link java.util.TreeMap} by id (the cursor order) plus the secondary
 * indexes its look-ups need, guarded by one read-write lock. Not API.
 */
@NullMarked
package io.crmkit.core.internal.memory;

import org.jspecify.annotations.NullMarked;
