/** Numerics behind the public API: likelihoods, the Gauss hypergeometric function, the optimiser. */
@NullMarked
package io.crmkit.analytics.internal;

import org.jspecify.annotations.NullMarked;
