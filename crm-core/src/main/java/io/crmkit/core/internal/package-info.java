/** Implementation details of crm-core. Not API: no compatibility promise. */
@NullMarked
package io.crmkit.core.internal;

import org.jspecify.annotations.NullMarked;
