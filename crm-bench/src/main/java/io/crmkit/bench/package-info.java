/** Benchmarks of crmkit against DuckDB. Never published. */
@NullMarked
package io.crmkit.bench;

import org.jspecify.annotations.NullMarked;
