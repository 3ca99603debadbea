/**
 * The crmkit domain: members with contact points, consent, typed custom attributes and tags;
 * orders with lines and refunds; products; interactions; exact {@link io.crmkit.core.Money};
 * the derived {@link io.crmkit.core.MemberStats}; and {@link io.crmkit.core.Crm}, the entry point
 * that ties a brand's settings to its stores.
 *
 * <p>Every type here is immutable and thread-safe. Every "day", "birthday" or "N days after" is
 * computed in the brand's {@link java.time.ZoneId} from {@link io.crmkit.core.BrandSettings}.
 */
@NullMarked
package io.crmkit.core;

import org.jspecify.annotations.NullMarked;
