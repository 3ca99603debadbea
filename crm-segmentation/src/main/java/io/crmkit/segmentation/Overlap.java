package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import java.util.List;

/**
 * How many members pairs of conditions have in common, from {@link Snapshot#overlap}: {@code
 * count(i, j)} is the size of the intersection of conditions {@code i} and {@code j}, and {@code
 * count(i, i)} the size of condition {@code i}. Use it to see whether campaign segments compete
 * for the same members before they share one budget.
 *
 * <pre>{@code
 * Overlap o = snapshot.overlap(List.of(group1, group2, group3, group4), asOf);
 * o.count(0, 1);   // members in both group 1 and group 2
 * o.size(2);       // members in group 3
 * }</pre>
 */
public final class Overlap {
    private final List<Condition> conditions;
    private final long[][] counts;

    Overlap(List<Condition> conditions, long[][] counts) {
        this.conditions = List.copyOf(conditions);
        this.counts = counts;
    }

    /** @return the conditions, in the order given */
    public List<Condition> conditions() {
        return conditions;
    }

    /**
     * @param i a condition's index
     * @param j another condition's index
     * @return the number of members both conditions keep
     * @throws InvalidValueException if an index is out of range
     */
    public long count(int i, int j) {
        if (i < 0 || j < 0 || i >= counts.length || j >= counts.length) {
            throw new InvalidValueException(
                    "overlap", "indexes " + i + ", " + j + " must be 0.." + (counts.length - 1));
        }
        return counts[i][j];
    }

    /**
     * @param i a condition's index
     * @return the number of members the condition keeps
     */
    public long size(int i) {
        return count(i, i);
    }

    /** @return the counts as a table, one row a condition */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Overlap[\n");
        for (long[] row : counts) {
            for (int j = 0; j < row.length; j++) {
                b.append(j == 0 ? "  " : "\t").append(row[j]);
            }
            b.append('\n');
        }
        return b.append(']').toString();
    }
}
