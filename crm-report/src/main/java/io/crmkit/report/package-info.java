/**
 * The shop report: {@link io.crmkit.report.ShopReport#analyse} reads a {@link io.crmkit.core.Crm}
 * once into a snapshot and computes member statistics, RFM, lifecycle stages and flow, tiers, saved
 * segments with their overlaps, dashboard reports, member profit and CLV; the result is one
 * self-contained HTML file with inline SVG charts (zh-TW or en) and every table as CSV and JSON.
 */
@NullMarked
package io.crmkit.report;

import org.jspecify.annotations.NullMarked;
