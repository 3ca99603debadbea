/** The engine's workings; no compatibility promise. */
@NullMarked
package io.crmkit.automation.internal;

import org.jspecify.annotations.NullMarked;
