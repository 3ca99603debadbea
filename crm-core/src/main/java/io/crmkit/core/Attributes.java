package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of typed custom values, keyed by {@link AttributeKey}. Members carry one for the
 * brand's own fields; interactions carry one for their properties (a survey score, a page-view
 * duration).
 *
 * <pre>{@code
 * Attributes a = Attributes.empty().with(EMPLOYEES, 120).with(INDUSTRY, "logistics");
 * a.get(EMPLOYEES);   // Optional[120]
 * }</pre>
 */
public final class Attributes {
    private static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<AttributeKey<?>, Object> values;

    private Attributes(Map<AttributeKey<?>, Object> values) {
        this.values = values;
    }

    /** @return no attributes */
    public static Attributes empty() {
        return EMPTY;
    }

    /**
     * @param key the key
     * @param <T> the value type
     * @return the value, if set
     * @throws InvalidValueException if the name is set with another type
     */
    public <T> Optional<T> get(AttributeKey<T> key) {
        Check.notNull(key, "attribute key");
        Object v = values.get(key);
        if (v == null) {
            for (AttributeKey<?> k : values.keySet()) {
                if (k.name().equals(key.name())) {
                    throw new InvalidValueException(
                            "attribute " + key.name(), "is set as " + k.type() + ", not " + key.type());
                }
            }
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return Optional.of(t);
    }

    /**
     * @param key the key
     * @param value the value
     * @param <T> the value type
     * @return a copy with the value set
     * @throws InvalidValueException if another key of the same name but another type is set, or
     *     the value is not of the key's type
     */
    public <T> Attributes with(AttributeKey<T> key, T value) {
        Check.notNull(key, "attribute key");
        Object v = key.cast(value);
        for (AttributeKey<?> k : values.keySet()) {
            if (k.name().equals(key.name()) && k.type() != key.type()) {
                throw new InvalidValueException(
                        "attribute " + key.name(),
                        "is already set as " + k.type() + ", cannot set it as " + key.type());
            }
        }
        Map<AttributeKey<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, v);
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    /**
     * A copy with a value whose key type is known only at run time (e.g. an importer).
     *
     * @param key the key
     * @param value a value of the key's type
     * @return a copy with the value set
     * @throws InvalidValueException if the value is not of the key's type
     */
    public Attributes withUnchecked(AttributeKey<?> key, Object value) {
        return withCast(key, value);
    }

    private <T> Attributes withCast(AttributeKey<T> key, Object value) {
        return with(key, key.cast(value));
    }

    /**
     * @param key the key
     * @return a copy without the value
     */
    public Attributes without(AttributeKey<?> key) {
        if (!values.containsKey(key)) {
            return this;
        }
        Map<AttributeKey<?>, Object> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return copy.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableMap(copy));
    }

    /** @return every key and value, in the order they were first set */
    public Map<AttributeKey<?>, Object> asMap() {
        return values;
    }

    /** @return true if no value is set */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
