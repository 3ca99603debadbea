/**
 * What a host implements to extend a report: its own {@link io.crmkit.report.spi.ReportSection}s.
 */
@NullMarked
package io.crmkit.report.spi;

import org.jspecify.annotations.NullMarked;
