/** Interfaces a host implements to extend segmentation, e.g. custom predicates named in JSON. */
@NullMarked
package io.crmkit.segmentation.spi;

import org.jspecify.annotations.NullMarked;
