package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The typed name of a custom attribute, so that a brand adds its own fields (a B2B brand's
 * employee count, an industry, a company's annual revenue) without changing the library, and reads
 * them back without casts.
 *
 * <pre>{@code
 * static final AttributeKey<Integer> EMPLOYEES = AttributeKey.ofInteger("employees");
 *
 * Member m = Member.builder(MemberId.of("M1"), joined).attribute(EMPLOYEES, 120).build();
 * int employees = m.attribute(EMPLOYEES).orElse(0);
 * }</pre>
 *
 * <p>Two keys are equal when name and type are equal. Within one {@link Attributes} a name has one
 * type.
 *
 * @param <T> the value type
 */
public final class AttributeKey<T> {
    /** The value types an attribute can have; each maps to a JSON and SQL type. */
    public enum Type {
        /** {@link String}. */
        STRING(String.class),
        /** {@link Integer}. */
        INTEGER(Integer.class),
        /** {@link Long}. */
        LONG(Long.class),
        /** {@link BigDecimal}. */
        DECIMAL(BigDecimal.class),
        /** {@link Boolean}. */
        BOOLEAN(Boolean.class),
        /** {@link LocalDate}. */
        DATE(LocalDate.class),
        /** {@link Instant}. */
        INSTANT(Instant.class);

        private final Class<?> javaType;

        Type(Class<?> javaType) {
            this.javaType = javaType;
        }

        /** @return the Java class of values of this type */
        public Class<?> javaType() {
            return javaType;
        }
    }

    private final String name;
    private final Type type;

    private AttributeKey(String name, Type type) {
        this.name = Check.notNull(name, "attribute name");
        Check.that(
                name.matches("[a-z][a-z0-9_.:-]{0,63}"),
                "attribute name",
                Check.quote(name)
                        + " is not an attribute name (a lower-case letter, then up to 63 lower-case letters, digits, _ . : -)");
        this.type = type;
    }

    /**
     * @param name the attribute name
     * @return a text attribute key
     */
    public static AttributeKey<String> ofString(String name) {
        return new AttributeKey<>(name, Type.STRING);
    }

    /**
     * @param name the attribute name
     * @return an {@code int} attribute key
     */
    public static AttributeKey<Integer> ofInteger(String name) {
        return new AttributeKey<>(name, Type.INTEGER);
    }

    /**
     * @param name the attribute name
     * @return a {@code long} attribute key
     */
    public static AttributeKey<Long> ofLong(String name) {
        return new AttributeKey<>(name, Type.LONG);
    }

    /**
     * @param name the attribute name
     * @return an exact decimal attribute key
     */
    public static AttributeKey<BigDecimal> ofDecimal(String name) {
        return new AttributeKey<>(name, Type.DECIMAL);
    }

    /**
     * @param name the attribute name
     * @return a yes/no attribute key
     */
    public static AttributeKey<Boolean> ofBoolean(String name) {
        return new AttributeKey<>(name, Type.BOOLEAN);
    }

    /**
     * @param name the attribute name
     * @return a calendar date attribute key
     */
    public static AttributeKey<LocalDate> ofDate(String name) {
        return new AttributeKey<>(name, Type.DATE);
    }

    /**
     * @param name the attribute name
     * @return an instant attribute key
     */
    public static AttributeKey<Instant> ofInstant(String name) {
        return new AttributeKey<>(name, Type.INSTANT);
    }

    /**
     * A key whose type is known only at run time, e.g. from a JSON definition.
     *
     * @param name the attribute name
     * @param type the type
     * @return the key
     */
    public static AttributeKey<?> of(String name, Type type) {
        return new AttributeKey<>(name, Check.notNull(type, "attribute type"));
    }

    /** @return the attribute name */
    public String name() {
        return name;
    }

    /** @return the value type */
    public Type type() {
        return type;
    }

    /**
     * @param value a value
     * @return the value as this key's type; decimals without trailing zeros ({@code 1.50} becomes
     *     {@code 1.5}, {@code 1E+2} becomes {@code 100})
     * @throws InvalidValueException if the value is not of this key's type
     */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        Check.notNull(value, "attribute " + name);
        if (!type.javaType.isInstance(value)) {
            throw new InvalidValueException(
                    "attribute " + name,
                    "expects a " + type + " value but got " + value.getClass().getSimpleName());
        }
        if (value instanceof BigDecimal d) {
            // one value, one representation: 1.50 and 1.5 are the same attribute value
            return (T) normalise(d);
        }
        return (T) value;
    }

    private static BigDecimal normalise(BigDecimal d) {
        BigDecimal n = d.stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeKey<?> k && k.name.equals(name) && k.type == type;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name + ":" + type;
    }
}
