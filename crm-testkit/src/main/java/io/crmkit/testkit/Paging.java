package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a keyset cursor to its end, failing clearly (rather than looping) when a page is too long,
 * out of order, repeats or goes back, or when a short page is not the last.
 */
final class Paging {
    private Paging() {}

    /**
     * @param what the call, for messages
     * @param page the next page after a value (null for the first page) with a limit
     * @param limit the page size
     * @param order the cursor order
     * @param max the most values the cursor may return before the test calls it endless
     */
    static <T> List<T> readAll(
            String what, BiFunction<@Nullable T, Integer, List<T>> page, int limit, Comparator<T> order, int max) {
        List<T> out = new ArrayList<>();
        @Nullable T last = null;
        for (int n = 1; ; n++) {
            List<T> p = page.apply(last, limit);
            if (p.isEmpty()) {
                return out;
            }
            String where = what + " page " + n + " (limit " + limit + ")";
            assertThat(p.size()).as(where + ": size").isLessThanOrEqualTo(limit);
            for (T v : p) {
                if (last != null && order.compare(v, last) <= 0) {
                    throw new AssertionError(where + ": " + v + " comes after " + last
                            + " in the cursor, but does not sort after it: the cursor repeats or goes back");
                }
                last = v;
            }
            out.addAll(p);
            assertThat(out.size())
                    .as(what + ": values read (an endless cursor?)")
                    .isLessThanOrEqualTo(max);
            if (p.size() < limit) {
                assertThat(page.apply(last, limit))
                        .as(
                                where
                                        + " is shorter than the limit, so it must be the last one (the SPI's streams stop there)")
                        .isEmpty();
                return out;
            }
        }
    }

    /** Reads at most {@code max + 1} values, so that an endless stream fails an assertion instead of hanging. */
    static <T> List<T> take(Stream<T> stream, int max) {
        try (stream) {
            return stream.limit(max + 1L).collect(Collectors.toList());
        }
    }
}
