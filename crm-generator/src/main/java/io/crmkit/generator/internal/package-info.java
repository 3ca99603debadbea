/**
 * How the generator works: the time grid, the catalogue, the campaign calendar and the per-member
 * worker. Not API: no compatibility promise.
 */
@NullMarked
package io.crmkit.generator.internal;

import org.jspecify.annotations.NullMarked;
