package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import java.util.List;

/**
 * How many members each part of a condition keeps: a tree that mirrors the condition, from {@link
 * Snapshot#explain}. For every node, {@link #alone()} counts the members the node keeps on its own
 * (out of all members), and {@link #kept()} those it keeps out of its {@link #input()}: for a part
 * of an {@code and}, the members that passed the parts written before it, so reading the parts of
 * an {@code and} top to bottom shows where a segment loses its members. Parts of {@code or} and
 * {@code not} get their parent's input.
 *
 * <pre>{@code
 * Explanation e = snapshot.explain(allOf(tagged("vip"), reachableBy(LINE), orderCount(lastDays(90)).atLeast(1)), now);
 * System.out.println(e.render());
 * // and                                   alone 1200  kept 1200 of 100000
 * //   tagged vip                          alone 5000  kept 5000 of 100000
 * //   reachable by LINE                   alone 60000 kept 3100 of 5000
 * //   order_count in last 90 days >= 1    alone 30000 kept 1200 of 3100
 * }</pre>
 *
 * @param label a short description of the node
 * @param condition the node
 * @param input the members the node was asked about
 * @param alone the members the node keeps on its own, out of all members
 * @param kept the members of {@code input} that the node keeps
 * @param children the explanations of the node's parts, in the written order
 */
public record Explanation(
        String label, Condition condition, long input, long alone, long kept, List<Explanation> children) {
    /** @throws InvalidValueException if a field is missing or the counts contradict each other */
    public Explanation {
        if (label == null || condition == null || children == null) {
            throw new InvalidValueException("explanation", "label, condition and children are required");
        }
        if (kept < 0 || kept > input || kept > alone) {
            throw new InvalidValueException("explanation.kept", kept + " must be 0.." + Math.min(input, alone));
        }
        children = List.copyOf(children);
    }

    /** @return the tree as indented text, one node a line */
    public String render() {
        StringBuilder b = new StringBuilder();
        render(b, 0);
        return b.toString();
    }

    private void render(StringBuilder b, int depth) {
        String head = "  ".repeat(depth) + label;
        b.append(head);
        b.append(" ".repeat(Math.max(1, 48 - head.length())));
        b.append("alone ")
                .append(alone)
                .append("  kept ")
                .append(kept)
                .append(" of ")
                .append(input);
        b.append('\n');
        for (Explanation c : children) {
            c.render(b, depth + 1);
        }
    }
}
