/**
 * Import of shop exports into the crmkit stores: CSV (read record by record with Jackson's CSV
 * module) and JSON Lines, mapped by a {@link io.crmkit.io.Preset} for a known export (Shopify,
 * WooCommerce, Magento 2, Shopee Taiwan, the canonical format, CDNOW) or by a {@link
 * io.crmkit.io.Mapping} written as data. Every row is accepted or rejected, and the {@link
 * io.crmkit.io.ImportResult} says which and why.
 *
 * <pre>{@code
 * ImportResult r = Importer.into(crm).preset(Preset.named("shopify-orders")).build().importFile(path);
 * }</pre>
 */
@NullMarked
package io.crmkit.io;

import org.jspecify.annotations.NullMarked;
