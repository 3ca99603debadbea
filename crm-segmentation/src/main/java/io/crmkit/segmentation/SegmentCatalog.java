package io.crmkit.segmentation;

import io.crmkit.core.CrmException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The saved segments and custom predicates that conditions may refer to by name. Building a
 * catalogue checks every reference: an unknown segment or predicate, or a cycle of segments, fails
 * with a {@link SegmentationException} naming the path of segments.
 *
 * <pre>{@code
 * SegmentCatalog catalog = SegmentCatalog.builder()
 *         .segment(lapsedVip)
 *         .segment(Segment.of("lapsed-vip-line", "Lapsed VIPs on LINE",
 *                 inSegment(SegmentId.of("lapsed-vip")).and(reachableBy(ContactChannel.LINE))))
 *         .build();
 * }</pre>
 */
public final class SegmentCatalog {
    private static final SegmentCatalog EMPTY = new Builder().build();

    private final Map<SegmentId, Segment> segments;
    private final Map<String, CustomPredicate> predicates;

    private SegmentCatalog(Map<SegmentId, Segment> segments, Map<String, CustomPredicate> predicates) {
        this.segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
        this.predicates = Collections.unmodifiableMap(new LinkedHashMap<>(predicates));
    }

    /** @return a catalogue with nothing in it */
    public static SegmentCatalog empty() {
        return EMPTY;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts with this catalogue's contents */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segments.putAll(segments);
        b.predicates.putAll(predicates);
        return b;
    }

    /**
     * @param id a segment id
     * @return the segment, if saved here
     */
    public Optional<Segment> segment(SegmentId id) {
        return Optional.ofNullable(segments.get(id));
    }

    /** @return every saved segment, in the order added */
    public Collection<Segment> segments() {
        return segments.values();
    }

    /**
     * @param name a predicate name
     * @return the custom predicate, if registered
     */
    public Optional<CustomPredicate> predicate(String name) {
        return Optional.ofNullable(predicates.get(name));
    }

    /**
     * Checks that a condition refers only to what this catalogue has.
     *
     * @param condition a condition
     * @throws SegmentationException if it names an unknown segment or predicate
     * @throws InvalidValueException if a custom predicate rejects its parameters
     */
    public void check(Condition condition) {
        checkRefs(condition, new ArrayList<>());
    }

    private void checkRefs(Condition c, List<SegmentId> path) {
        if (c instanceof Condition.And a) {
            a.parts().forEach(p -> checkRefs(p, path));
        } else if (c instanceof Condition.Or o) {
            o.parts().forEach(p -> checkRefs(p, path));
        } else if (c instanceof Condition.Not n) {
            checkRefs(n.condition(), path);
        } else if (c instanceof Condition.InSegment in) {
            Segment s = segments.get(in.segment());
            String where = path.isEmpty() ? "" : " (in segment " + path.get(path.size() - 1) + ")";
            if (s == null) {
                throw new SegmentationException("unknown segment " + in.segment() + where);
            }
            if (path.contains(in.segment())) {
                List<SegmentId> cycle = new ArrayList<>(path.subList(path.indexOf(in.segment()), path.size()));
                cycle.add(in.segment());
                throw new SegmentationException("segments refer to each other in a cycle: "
                        + String.join(
                                " -> ", cycle.stream().map(SegmentId::value).toList()));
            }
            path.add(in.segment());
            checkRefs(s.condition(), path);
            path.remove(path.size() - 1);
        } else if (c instanceof Condition.Custom cu) {
            CustomPredicate p = predicates.get(cu.name());
            if (p == null) {
                throw new SegmentationException("unknown custom predicate \"" + cu.name() + "\""
                        + (path.isEmpty() ? "" : " (in segment " + path.get(path.size() - 1) + ")"));
            }
            p.validate(cu.params());
        }
    }

    /** Builds a {@link SegmentCatalog}. */
    public static final class Builder {
        private final Map<SegmentId, Segment> segments = new LinkedHashMap<>();
        private final Map<String, CustomPredicate> predicates = new HashMap<>();

        private Builder() {}

        /**
         * Adds or replaces a segment.
         *
         * @param segment the segment
         * @return this builder
         */
        public Builder segment(Segment segment) {
            if (segment == null) {
                throw new InvalidValueException("segment", "is required");
            }
            segments.put(segment.id(), segment);
            return this;
        }

        /**
         * @param id a segment to remove
         * @return this builder
         */
        public Builder remove(SegmentId id) {
            segments.remove(id);
            return this;
        }

        /**
         * Registers a custom predicate.
         *
         * @param predicate the predicate
         * @return this builder
         * @throws InvalidValueException if its name is not valid or already taken
         */
        public Builder predicate(CustomPredicate predicate) {
            if (predicate == null) {
                throw new InvalidValueException("predicate", "is required");
            }
            String name = predicate.name();
            new Condition.Custom(name, Map.of()); // checks the name
            if (predicates.putIfAbsent(name, predicate) != null) {
                throw new InvalidValueException(
                        "predicate", "a predicate named \"" + name + "\" is already registered");
            }
            return this;
        }

        /**
         * @return the catalogue
         * @throws SegmentationException if a segment names an unknown segment or predicate, or
         *     segments form a cycle
         */
        public SegmentCatalog build() {
            return build((id, e) -> e);
        }

        /**
         * Builds, letting the caller re-word a failure found while checking one segment (used by
         * {@link SegmentJson} to point at the segment in the document).
         */
        SegmentCatalog build(BiFunction<SegmentId, CrmException, ? extends CrmException> onError) {
            SegmentCatalog c = new SegmentCatalog(segments, predicates);
            for (Segment s : segments.values()) {
                List<SegmentId> path = new ArrayList<>();
                path.add(s.id());
                try {
                    c.checkRefs(s.condition(), path);
                } catch (SegmentationException | InvalidValueException e) {
                    throw onError.apply(s.id(), e);
                }
            }
            return c;
        }
    }
}
