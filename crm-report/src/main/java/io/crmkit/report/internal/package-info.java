/** The report's internals: the analysis steps, the built-in sections, labels and formats. */
@NullMarked
package io.crmkit.report.internal;

import org.jspecify.annotations.NullMarked;
