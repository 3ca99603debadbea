/** Implementation of crm-loyalty; no compatibility promise. */
@NullMarked
package io.crmkit.loyalty.internal;

import org.jspecify.annotations.NullMarked;
