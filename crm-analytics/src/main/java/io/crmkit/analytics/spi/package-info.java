/** Interfaces a host implements to extend analytics. Empty for now: every CLV model is built in. */
@NullMarked
package io.crmkit.analytics.spi;

import org.jspecify.annotations.NullMarked;
