/** Implementation details of crm-segmentation. Not API: no compatibility promise. */
@NullMarked
package io.crmkit.segmentation.internal;

import org.jspecify.annotations.NullMarked;
