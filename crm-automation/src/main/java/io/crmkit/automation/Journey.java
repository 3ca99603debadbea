package io.crmkit.automation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A journey: who enters and when, the steps they take, and what counts as success. Immutable; a
 * new {@link #version()} of the same {@link #id()} replaces it for new entries while members in
 * flight finish on the version they entered.
 *
 * <pre>{@code
 * Journey survey = Journey.builder("survey-7d")
 *         .name("7 days after a purchase: satisfaction survey")
 *         .entry(Entry.on(Trigger.orderPlaced()))
 *         .reentry(Reentry.always())
 *         .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
 *         .step(Step.send("survey", ContactChannel.EMAIL, "survey-7d", Map.of("name", "${member.name}")))
 *         .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
 *         .build();
 * }</pre>
 *
 * <p>A definition is checked when built: step ids are unique, every target exists, and every loop
 * passes through a wait (so one member's run always ends).
 */
public final class Journey {
    private final JourneyId id;
    private final int version;
    private final String name;
    private final Entry entry;
    private final Reentry reentry;
    private final @Nullable Condition filter;
    private final List<Step> steps;
    private final @Nullable Goal goal;
    private final Map<String, Integer> index;

    private Journey(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.name = b.name == null ? b.id.value() : b.name;
        this.entry = Objects.requireNonNull(b.entry);
        this.reentry = b.reentry;
        this.filter = b.filter;
        this.steps = List.copyOf(b.steps);
        this.goal = b.goal;
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            ix.put(steps.get(i).id(), i);
        }
        this.index = Map.copyOf(ix);
    }

    /**
     * @param id the journey id (see {@link JourneyId})
     * @return a builder for version 1
     */
    public static Builder builder(String id) {
        return new Builder(JourneyId.of(id));
    }

    /** @return a builder holding this journey's definition, e.g. to make the next version */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.version = version;
        b.name = name;
        b.entry = entry;
        b.reentry = reentry;
        b.filter = filter;
        b.steps.addAll(steps);
        b.goal = goal;
        return b;
    }

    /** @return the id, shared by all versions */
    public JourneyId id() {
        return id;
    }

    /** @return the version, 1 or more */
    public int version() {
        return version;
    }

    /** @return the display name */
    public String name() {
        return name;
    }

    /** @return when members enter */
    public Entry entry() {
        return entry;
    }

    /** @return whether members may enter again */
    public Reentry reentry() {
        return reentry;
    }

    /** @return the condition a member must meet (on its current view) to enter, if any */
    public Optional<Condition> filter() {
        return Optional.ofNullable(filter);
    }

    /** @return the steps in written order; the first is where members start */
    public List<Step> steps() {
        return steps;
    }

    /** @return the goal, if any */
    public Optional<Goal> goal() {
        return Optional.ofNullable(goal);
    }

    /**
     * @param stepId a step id
     * @return the step
     */
    public Optional<Step> step(String stepId) {
        Integer i = index.get(stepId);
        return i == null ? Optional.empty() : Optional.of(steps.get(i));
    }

    /**
     * @param step a step of this journey that goes on by itself (not a branch, split or exit)
     * @return the step it goes on to, or empty when the journey ends after it
     */
    public Optional<Step> after(Step step) {
        if (step.next() != null) {
            return step(step.next());
        }
        int i = index.get(step.id());
        return i + 1 < steps.size() ? Optional.of(steps.get(i + 1)) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Journey j
                && id.equals(j.id)
                && version == j.version
                && name.equals(j.name)
                && entry.equals(j.entry)
                && reentry.equals(j.reentry)
                && Objects.equals(filter, j.filter)
                && steps.equals(j.steps)
                && Objects.equals(goal, j.goal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, entry, steps);
    }

    @Override
    public String toString() {
        return "Journey[" + id + " v" + version + ", " + steps.size() + " steps]";
    }

    /** Builds a {@link Journey}. */
    public static final class Builder {
        private final JourneyId id;
        private int version = 1;
        private @Nullable String name;
        private @Nullable Entry entry;
        private Reentry reentry = Reentry.once();
        private @Nullable Condition filter;
        private final List<Step> steps = new ArrayList<>();
        private @Nullable Goal goal;

        private Builder(JourneyId id) {
            this.id = id;
        }

        /**
         * @param v the version, 1 or more
         * @return this builder
         */
        public Builder version(int v) {
            this.version = v;
            return this;
        }

        /**
         * @param n the display name
         * @return this builder
         */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /**
         * @param e when members enter
         * @return this builder
         */
        public Builder entry(Entry e) {
            this.entry = e;
            return this;
        }

        /**
         * @param r the re-entry policy (default {@link Reentry#once()})
         * @return this builder
         */
        public Builder reentry(Reentry r) {
            this.reentry = r;
            return this;
        }

        /**
         * @param c who may enter, tested on the member's view at entry
         * @return this builder
         */
        public Builder filter(@Nullable Condition c) {
            this.filter = c;
            return this;
        }

        /**
         * @param s the next step in written order
         * @return this builder
         */
        public Builder step(Step s) {
            if (s == null) {
                throw new InvalidValueException("journey " + id + " steps[" + steps.size() + "]", "is null");
            }
            steps.add(s);
            return this;
        }

        /**
         * @param all the steps, replacing any added so far
         * @return this builder
         */
        public Builder steps(List<Step> all) {
            steps.clear();
            all.forEach(this::step);
            return this;
        }

        /**
         * @param g the goal
         * @return this builder
         */
        public Builder goal(@Nullable Goal g) {
            this.goal = g;
            return this;
        }

        /**
         * @return the journey
         * @throws JourneyDefinitionException if the definition is not valid
         */
        public Journey build() {
            String where = "journey \"" + id + "\"";
            if (version < 1) {
                throw new JourneyDefinitionException(where, "version must be 1 or more, not " + version);
            }
            if (entry == null) {
                throw new JourneyDefinitionException(where, "has no entry");
            }
            if (reentry == null) {
                throw new JourneyDefinitionException(where, "has no re-entry policy");
            }
            if (steps.isEmpty()) {
                throw new JourneyDefinitionException(where, "has no steps");
            }
            Map<String, Integer> ix = new LinkedHashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                Integer before = ix.put(steps.get(i).id(), i);
                if (before != null) {
                    throw new JourneyDefinitionException(
                            where + " steps[" + i + "]",
                            "step id \"" + steps.get(i).id() + "\" is already used by steps[" + before + "]");
                }
            }
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                for (String t : targets(s)) {
                    if (!ix.containsKey(t)) {
                        throw new JourneyDefinitionException(
                                where + " steps[" + i + "] \"" + s.id() + "\"",
                                "goes to \"" + t + "\", which is not a step");
                    }
                }
            }
            Journey j = new Journey(this);
            checkLoops(j, where);
            return j;
        }

        private static List<String> targets(Step s) {
            List<String> t = new ArrayList<>();
            if (s.next() != null) {
                t.add(s.next());
            }
            if (s instanceof Step.Branch b) {
                t.add(b.then());
                t.add(b.otherwise());
            } else if (s instanceof Step.Split sp) {
                sp.arms().stream()
                        .map(Step.Arm::target)
                        .filter(Objects::nonNull)
                        .forEach(t::add);
            } else if (s instanceof Step.WaitForEvent w && w.onTimeout() != null) {
                t.add(w.onTimeout());
            }
            return t;
        }

        /** Every cycle of the step graph must pass through a wait, or a member could loop forever. */
        private static void checkLoops(Journey j, String where) {
            // graph without wait steps' outgoing edges: a cycle in it is a loop without a wait
            Map<String, List<String>> edges = new HashMap<>();
            for (Step s : j.steps) {
                List<String> out = new ArrayList<>();
                if (!(s instanceof Step.Wait || s instanceof Step.WaitUntil || s instanceof Step.WaitForEvent)) {
                    if (s instanceof Step.Branch || s instanceof Step.Split || s instanceof Step.Exit) {
                        out.addAll(targets(s));
                    } else {
                        j.after(s).ifPresent(n -> out.add(n.id()));
                    }
                }
                edges.put(s.id(), out);
            }
            Set<String> done = new HashSet<>();
            Set<String> onPath = new HashSet<>();
            for (Step s : j.steps) {
                String cycle = dfs(s.id(), edges, done, onPath);
                if (cycle != null) {
                    throw new JourneyDefinitionException(
                            where + " step \"" + cycle + "\"", "is on a loop without a wait step");
                }
            }
        }

        private static @Nullable String dfs(
                String node, Map<String, List<String>> edges, Set<String> done, Set<String> onPath) {
            if (done.contains(node)) {
                return null;
            }
            if (!onPath.add(node)) {
                return node;
            }
            for (String n : edges.get(node)) {
                String c = dfs(n, edges, done, onPath);
                if (c != null) {
                    return c;
                }
            }
            onPath.remove(node);
            done.add(node);
            return null;
        }
    }
}
