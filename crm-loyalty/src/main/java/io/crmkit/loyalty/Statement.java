package io.crmkit.loyalty;

import java.util.List;

/**
 * A member's points statement as of an instant: every line up to then, oldest first, and the
 * balance it leads to.
 *
 * <pre>{@code
 * Statement s = ledger.statement(member, now);
 * s.lines(); s.balance().points();
 * }</pre>
 *
 * @param lines the lines, in time order (stored entries in sequence order, derived lines at their instants)
 * @param balance the balance after the last line
 */
public record Statement(List<StatementLine> lines, Balance balance) {
    /** Copies the lines. */
    public Statement {
        lines = List.copyOf(lines);
    }
}
