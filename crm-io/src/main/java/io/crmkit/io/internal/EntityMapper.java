package io.crmkit.io.internal;

import io.crmkit.io.ImportKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns groups of rows into members, orders, products or interactions; bound to one file's header.
 * Implementations throw {@link CellException} naming the column, value and line of a bad cell.
 */
public interface EntityMapper {
    /** {@link #groupKey} of a row that continues the previous group whatever its key. */
    String CONTINUES = "\u0000continues";

    ImportKind kind();

    /** @return true if the rows' cell count must equal the header's (CSV) */
    default boolean fixedWidth() {
        return true;
    }

    /**
     * @return the key that groups consecutive rows (an order id), null for a row that stands
     *     alone, or {@link #CONTINUES}
     */
    @Nullable
    String groupKey(Row row);

    /** @return what the rows are; throws {@link CellException} */
    Mapped map(List<Row> group);
}
