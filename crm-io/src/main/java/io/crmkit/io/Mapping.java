package io.crmkit.io;

import io.crmkit.io.internal.Dates;
import io.crmkit.io.internal.MappingJson;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of an export become crmkit fields: for each {@link Field}, the column to read (or
 * a constant) and how to read it (date formats, zone, value map, decimal separator, the country
 * column of a phone). A mapping is data: it has a builder and a JSON form, {@code fromJson(toJson(m))}
 * equals {@code m}; docs/import.md describes the JSON.
 *
 * <pre>{@code
 * Mapping pos = Mapping.builder("pos-orders", ImportKind.ORDERS)
 *         .source("POS")
 *         .field(Field.ORDER_ID, Mapping.column("單號"))
 *         .field(Field.ORDER_PLACED_AT, Mapping.column("日期").formats("minguo"))
 *         .field(Field.MEMBER_PHONE, Mapping.column("手機"))
 *         .field(Field.LINE_NAME, Mapping.column("品名"))
 *         .field(Field.LINE_CATEGORY, Mapping.constant("未分類"))
 *         .field(Field.LINE_QUANTITY, Mapping.column("數量"))
 *         .field(Field.LINE_AMOUNT, Mapping.column("金額"))
 *         .build();
 * ImportResult r = Importer.into(crm).mapping(pos).build().importFile(path);
 * }</pre>
 */
public final class Mapping {
    /** The value of the {@code "crmkit"} version field of the JSON form. */
    public static final String FORMAT = "mapping/1";

    private static final Pattern SOURCE = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Pattern CALLING_CODE = Pattern.compile("[1-9]\\d{0,2}");

    private final String name;
    private final ImportKind kind;
    private final String source;
    private final @Nullable ZoneId zone;
    private final @Nullable Currency currency;
    private final @Nullable String callingCode;
    private final @Nullable String groupBy;
    private final @Nullable String continuationWhenEmpty;
    private final Map<Field, Rule> fields;

    /**
     * How one field is read: from the first non-empty of some columns, or a constant, with options.
     *
     * <pre>{@code
     * Mapping.column("Created at").formats("yyyy-MM-dd HH:mm:ss Z");
     * Mapping.column("Phone", "Billing Phone").countryColumn("Billing Country");
     * Mapping.column("Financial Status").values(Map.of("paid", "PAID", "refunded", "COMPLETED"));
     * }</pre>
     *
     * @param columns the columns, first non-empty wins; empty for a constant
     * @param constant the constant value, or null
     * @param formats date formats tried in order (see docs/import.md); empty means {@code iso}
     * @param zone the zone of local times, or null for the mapping's zone
     * @param values a value map applied before parsing, keys matched ignoring case; a cell that is
     *     not a key is parsed as it is
     * @param decimalSeparator {@code '.'} or {@code ','}
     * @param countryColumn for a phone, the column holding the country, or null
     */
    public record Rule(
            List<String> columns,
            @Nullable String constant,
            List<String> formats,
            @Nullable ZoneId zone,
            Map<String, String> values,
            char decimalSeparator,
            @Nullable String countryColumn) {
        /** @throws MappingException if the rule has neither or both of columns and a constant */
        public Rule {
            columns = List.copyOf(columns);
            formats = List.copyOf(formats);
            Map<String, String> v = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : values.entrySet()) {
                v.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue());
            }
            values = Collections.unmodifiableMap(v);
            if (columns.isEmpty() == (constant == null)) {
                throw new MappingException("rule", "give either columns or a constant value, not both or neither");
            }
            for (String c : columns) {
                if (c.isEmpty()) {
                    throw new MappingException("rule.columns", "a column name must not be empty");
                }
            }
            if (decimalSeparator != '.' && decimalSeparator != ',') {
                throw new MappingException(
                        "rule.decimalSeparator", "'" + decimalSeparator + "' is not allowed; use '.' or ','");
            }
            for (String f : formats) {
                if (!Dates.NAMED.contains(f)) {
                    try {
                        Dates.pattern(f);
                    } catch (IllegalArgumentException e) {
                        throw new MappingException(
                                "rule.formats",
                                Objects.toString(f) + " is neither one of " + Dates.NAMED + " nor a date pattern: "
                                        + e.getMessage());
                    }
                }
            }
        }

        /**
         * @param newFormats date formats tried in order
         * @return a copy with these formats
         */
        public Rule formats(String... newFormats) {
            return new Rule(columns, constant, List.of(newFormats), zone, values, decimalSeparator, countryColumn);
        }

        /**
         * @param newZone the zone of local times in this column
         * @return a copy with this zone
         */
        public Rule zone(ZoneId newZone) {
            return new Rule(columns, constant, formats, newZone, values, decimalSeparator, countryColumn);
        }

        /**
         * @param newValues a value map applied before parsing
         * @return a copy with this value map
         */
        public Rule values(Map<String, String> newValues) {
            return new Rule(columns, constant, formats, zone, newValues, decimalSeparator, countryColumn);
        }

        /** @return a copy that reads amounts with a decimal comma ({@code 1.234,50}) */
        public Rule decimalComma() {
            return new Rule(columns, constant, formats, zone, values, ',', countryColumn);
        }

        /**
         * @param column the column with the country of a phone number
         * @return a copy with this country column
         */
        public Rule countryColumn(String column) {
            return new Rule(columns, constant, formats, zone, values, decimalSeparator, column);
        }
    }

    /**
     * @param names the columns to read, the first non-empty wins
     * @return a rule reading those columns
     */
    public static Rule column(String... names) {
        if (names.length == 0) {
            throw new MappingException("rule.columns", "give at least one column");
        }
        return new Rule(List.of(names), null, List.of(), null, Map.of(), '.', null);
    }

    /**
     * @param value the value every row gets
     * @return a rule with a constant
     */
    public static Rule constant(String value) {
        return new Rule(List.of(), value, List.of(), null, Map.of(), '.', null);
    }

    private Mapping(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.source = b.source;
        this.zone = b.zone;
        this.currency = b.currency;
        this.callingCode = b.callingCode;
        this.groupBy = b.groupBy;
        this.continuationWhenEmpty = b.continuationWhenEmpty;
        this.fields = Collections.unmodifiableMap(new EnumMap<>(b.fields));
    }

    /**
     * @param name a name for reports, e.g. {@code pos-orders}
     * @param kind members, orders, products or interactions
     * @return a builder
     */
    public static Builder builder(String name, ImportKind kind) {
        return new Builder(name, kind);
    }

    /**
     * @param existing a mapping
     * @return a builder starting from it
     */
    public static Builder from(Mapping existing) {
        Builder b = new Builder(existing.name, existing.kind);
        b.source = existing.source;
        b.zone = existing.zone;
        b.currency = existing.currency;
        b.callingCode = existing.callingCode;
        b.groupBy = existing.groupBy;
        b.continuationWhenEmpty = existing.continuationWhenEmpty;
        b.fields.putAll(existing.fields);
        return b;
    }

    /**
     * Reads the JSON form.
     *
     * @param json the JSON text
     * @return the mapping
     * @throws MappingException naming the JSON path, line and column of what is wrong
     */
    public static Mapping fromJson(String json) {
        return MappingJson.read(json);
    }

    /** @return the JSON form, in one fixed layout */
    public String toJson() {
        return MappingJson.write(this);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return what the rows are */
    public ImportKind kind() {
        return kind;
    }

    /** @return the system code of external ids and derived member ids, e.g. {@code POS} */
    public String source() {
        return source;
    }

    /** @return the zone of local times, if set (else the importer's) */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** @return the currency when there is no currency column, if set (else the importer's) */
    public Optional<Currency> currency() {
        return Optional.ofNullable(currency);
    }

    /** @return the calling code of phones without a country, if set (else the importer's) */
    public Optional<String> callingCode() {
        return Optional.ofNullable(callingCode);
    }

    /** @return the column whose value groups consecutive rows into one order, if not the order id's */
    public Optional<String> groupBy() {
        return Optional.ofNullable(groupBy);
    }

    /** @return for members: the column whose emptiness marks a row that continues the previous member */
    public Optional<String> continuationWhenEmpty() {
        return Optional.ofNullable(continuationWhenEmpty);
    }

    /** @return the rules by field, in field order */
    public Map<Field, Rule> fields() {
        return fields;
    }

    /** @return every column the mapping reads, in field order, without repeats */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (Rule r : fields.values()) {
            for (String c : r.columns()) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
            if (r.countryColumn() != null && !out.contains(r.countryColumn())) {
                out.add(r.countryColumn());
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mapping m
                && m.name.equals(name)
                && m.kind == kind
                && m.source.equals(source)
                && Objects.equals(m.zone, zone)
                && Objects.equals(m.currency, currency)
                && Objects.equals(m.callingCode, callingCode)
                && Objects.equals(m.groupBy, groupBy)
                && Objects.equals(m.continuationWhenEmpty, continuationWhenEmpty)
                && m.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, source, zone, currency, callingCode, groupBy, continuationWhenEmpty, fields);
    }

    @Override
    public String toString() {
        return "Mapping[" + name + ", " + kind + ", " + fields.keySet() + "]";
    }

    /** Builds a {@link Mapping}; {@link #build()} checks that the fields make sense for the kind. */
    public static final class Builder {
        private final String name;
        private final ImportKind kind;
        private String source = "IMPORT";
        private @Nullable ZoneId zone;
        private @Nullable Currency currency;
        private @Nullable String callingCode;
        private @Nullable String groupBy;
        private @Nullable String continuationWhenEmpty;
        private final Map<Field, Rule> fields = new EnumMap<>(Field.class);

        private Builder(String name, ImportKind kind) {
            if (name == null || name.isBlank()) {
                throw new MappingException("$.name", "must not be blank");
            }
            this.name = name;
            this.kind = kind;
        }

        /**
         * @param system the system the file comes from, e.g. {@code POS}: the system of external ids
         * @return this builder
         */
        public Builder source(String system) {
            String s = system == null
                    ? ""
                    : system.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (!SOURCE.matcher(s).matches()) {
                throw new MappingException(
                        "$.source", "\"" + system + "\" is not a system code (1 to 40 letters, digits or _)");
            }
            this.source = s;
            return this;
        }

        /**
         * @param z the zone local times are read in
         * @return this builder
         */
        public Builder zone(@Nullable ZoneId z) {
            this.zone = z;
            return this;
        }

        /**
         * @param c the currency of amounts when there is no currency column
         * @return this builder
         */
        public Builder currency(@Nullable Currency c) {
            this.currency = c;
            return this;
        }

        /**
         * @param code the calling code of phones without a country, e.g. {@code 886}
         * @return this builder
         */
        public Builder callingCode(@Nullable String code) {
            if (code != null && !CALLING_CODE.matcher(code).matches()) {
                throw new MappingException(
                        "$.callingCode", "\"" + code + "\" is not a calling code (1 to 3 digits, e.g. 886)");
            }
            this.callingCode = code;
            return this;
        }

        /**
         * @param column the column that groups consecutive rows into one order
         * @return this builder
         */
        public Builder groupBy(@Nullable String column) {
            this.groupBy = column;
            return this;
        }

        /**
         * @param column for members: a row whose cell in this column is empty adds to the previous
         *     member (Magento's address rows)
         * @return this builder
         */
        public Builder continuationWhenEmpty(@Nullable String column) {
            this.continuationWhenEmpty = column;
            return this;
        }

        /**
         * @param field the target
         * @param rule how to read it
         * @return this builder
         */
        public Builder field(Field field, Rule rule) {
            if (field == null || rule == null) {
                throw new MappingException("$.fields", "field and rule are required");
            }
            fields.put(field, rule);
            return this;
        }

        /**
         * @param field the target
         * @param column the column to read it from
         * @return this builder
         */
        public Builder field(Field field, String column) {
            return field(field, column(column));
        }

        /**
         * @return the mapping
         * @throws MappingException if a field does not belong to the kind or a needed field is missing
         */
        public Mapping build() {
            if (kind == ImportKind.PRODUCTS) {
                for (Field f : fields.keySet()) {
                    if (!f.isProductField()) {
                        throw new MappingException(
                                "$.fields[\"" + f.key() + "\"]", "a products mapping has product fields only");
                    }
                }
                for (Field f : List.of(Field.PRODUCT_ID, Field.PRODUCT_NAME)) {
                    if (!fields.containsKey(f)) {
                        throw new MappingException("$.fields", "a products mapping needs " + f.key());
                    }
                }
                return new Mapping(this);
            }
            boolean identity = fields.containsKey(Field.MEMBER_ID)
                    || fields.containsKey(Field.MEMBER_EXTERNAL_ID)
                    || fields.containsKey(Field.MEMBER_EMAIL)
                    || fields.containsKey(Field.MEMBER_PHONE);
            if (!identity) {
                throw new MappingException(
                        "$.fields", "map at least one of member.id, member.externalId, member.email, member.phone");
            }
            if (kind == ImportKind.INTERACTIONS) {
                for (Field f : fields.keySet()) {
                    if (!f.isMemberField() && !f.isInteractionField()) {
                        throw new MappingException(
                                "$.fields[\"" + f.key() + "\"]",
                                "an interactions mapping has interaction and member fields only");
                    }
                }
                for (Field f : List.of(Field.INTERACTION_ID, Field.INTERACTION_AT, Field.INTERACTION_TYPE)) {
                    if (!fields.containsKey(f)) {
                        throw new MappingException("$.fields", "an interactions mapping needs " + f.key());
                    }
                }
                return new Mapping(this);
            }
            if (kind == ImportKind.MEMBERS) {
                for (Field f : fields.keySet()) {
                    if (!f.isMemberField()) {
                        throw new MappingException(
                                "$.fields[\"" + f.key() + "\"]", "a members mapping has member fields only");
                    }
                }
                if (groupBy != null) {
                    throw new MappingException("$.groupBy", "is for orders; members use continuationWhenEmpty");
                }
            } else {
                for (Field f : fields.keySet()) {
                    if (f.isProductField() || f.isInteractionField()) {
                        throw new MappingException(
                                "$.fields[\"" + f.key() + "\"]", "an orders mapping has member, order and line fields");
                    }
                }
                for (Field f : List.of(Field.ORDER_ID, Field.ORDER_PLACED_AT, Field.LINE_QUANTITY)) {
                    if (!fields.containsKey(f)) {
                        throw new MappingException("$.fields", "an orders mapping needs " + f.key());
                    }
                }
                if (!fields.containsKey(Field.LINE_UNIT_PRICE) && !fields.containsKey(Field.LINE_AMOUNT)) {
                    throw new MappingException("$.fields", "an orders mapping needs line.unitPrice or line.amount");
                }
                if (!fields.containsKey(Field.LINE_PRODUCT_ID)
                        && !fields.containsKey(Field.LINE_SKU)
                        && !fields.containsKey(Field.LINE_NAME)) {
                    throw new MappingException(
                            "$.fields", "an orders mapping needs line.productId, line.sku or line.name");
                }
                if (continuationWhenEmpty != null) {
                    throw new MappingException("$.continuationWhenEmpty", "is for members; orders use groupBy");
                }
            }
            return new Mapping(this);
        }
    }
}
