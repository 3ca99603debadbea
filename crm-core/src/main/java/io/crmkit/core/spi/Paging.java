package io.crmkit.core.spi;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Turns a keyset page function into a lazy stream; a page shorter than the page size is the last. */
final class Paging {
    private Paging() {}

    /**
     * @param nextPage given the last value of the previous page (null at first), the next page
     * @param pageSize the page size the function uses
     * @param <T> the value type
     * @return the values of every page, in order
     */
    static <T> Stream<T> stream(Function<@Nullable T, List<T>> nextPage, int pageSize) {
        Iterator<T> it = new Iterator<>() {
            private List<T> page = nextPage.apply(null);
            private int i;

            @Override
            public boolean hasNext() {
                if (i < page.size()) {
                    return true;
                }
                if (page.size() < pageSize) {
                    return false;
                }
                page = nextPage.apply(page.get(page.size() - 1));
                i = 0;
                return !page.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(i++);
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
