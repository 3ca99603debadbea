/**
 * Import of shop exports into the crmkit stores: CSV (read record by record with Jackson's CSV
 * module) and JSON Lines, mapped by a {@link io.crmkit.io.Preset} for a known export (Shopify,
 * WooCommerce, Magento 2, Shopee Taiwan, the canonical format, CDNOW) or by a {@link
 * io.crmkit.io.Mapping} written as data. Every row is accepted or rejected, and the {@link
 * io.crmkit.io.ImportResult} says which and why. {@link io.crmkit.io.IdentityResolver} merges
 * members who arrived through several sources; {@link io.crmkit.io.MemberExport} and {@link
 * io.crmkit.io.Audience} write member sets as CSV / JSON Lines and as hashed ad-platform lists.
 *
 * <pre>{@code
 * ImportResult r = Importer.into(crm).preset(Preset.named("shopify-orders")).build().importFile(path);
 * }</pre>
 */
@NullMarked
package io.crmkit.io;

import org.jspecify.annotations.NullMarked;
