/** Implementation of crm-jdbc; no compatibility promise. */
@NullMarked
package io.crmkit.jdbc.internal;

import org.jspecify.annotations.NullMarked;
