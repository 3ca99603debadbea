/** Implementation of crm-io: readers, value parsers, presets, the import loop. No compatibility promise. */
@NullMarked
package io.crmkit.io.internal;

import org.jspecify.annotations.NullMarked;
