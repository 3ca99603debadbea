package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.crmkit.io.Field;
import io.crmkit.io.ImportKind;
import io.crmkit.io.Mapping;
import io.crmkit.io.MappingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a {@link Mapping}, read over Jackson's streaming parser so that every error names
 * the JSON path and the line and column, and written in one fixed layout.
 */
public final class MappingJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(100_000)
                    .build())
            .build();

    private MappingJson() {}

    public static String write(Mapping m) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("crmkit", Mapping.FORMAT);
            g.writeStringField("name", m.name());
            g.writeStringField("kind", m.kind().name().toLowerCase(Locale.ROOT));
            g.writeStringField("source", m.source());
            if (m.zone().isPresent()) {
                g.writeStringField("zone", m.zone().get().getId());
            }
            if (m.currency().isPresent()) {
                g.writeStringField("currency", m.currency().get().getCurrencyCode());
            }
            if (m.callingCode().isPresent()) {
                g.writeStringField("callingCode", m.callingCode().get());
            }
            if (m.groupBy().isPresent()) {
                g.writeStringField("groupBy", m.groupBy().get());
            }
            if (m.continuationWhenEmpty().isPresent()) {
                g.writeStringField(
                        "continuationWhenEmpty", m.continuationWhenEmpty().get());
            }
            g.writeObjectFieldStart("fields");
            for (Map.Entry<Field, Mapping.Rule> e : m.fields().entrySet()) {
                Mapping.Rule r = e.getValue();
                g.writeObjectFieldStart(e.getKey().key());
                if (r.constant() != null) {
                    g.writeStringField("value", r.constant());
                } else if (r.columns().size() == 1) {
                    g.writeStringField("column", r.columns().get(0));
                } else {
                    g.writeArrayFieldStart("columns");
                    for (String c : r.columns()) {
                        g.writeString(c);
                    }
                    g.writeEndArray();
                }
                if (!r.formats().isEmpty()) {
                    g.writeArrayFieldStart("formats");
                    for (String f : r.formats()) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                }
                if (r.zone() != null) {
                    g.writeStringField("zone", r.zone().getId());
                }
                if (!r.values().isEmpty()) {
                    g.writeObjectFieldStart("values");
                    for (Map.Entry<String, String> v : r.values().entrySet()) {
                        g.writeStringField(v.getKey(), v.getValue());
                    }
                    g.writeEndObject();
                }
                if (r.decimalSeparator() != '.') {
                    g.writeStringField("decimalSeparator", String.valueOf(r.decimalSeparator()));
                }
                if (r.countryColumn() != null) {
                    g.writeStringField("countryColumn", r.countryColumn());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static Mapping read(String json) {
        if (json == null) {
            throw new MappingException("$", "the JSON text is required");
        }
        try (JsonParser p = JSON.createParser(json)) {
            Reader r = new Reader(p);
            Mapping m = r.mapping();
            if (p.nextToken() != null) {
                throw r.error("$", "unexpected content after the mapping object");
            }
            return m;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new MappingException(
                    "$",
                    "not valid JSON"
                            + (l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")")
                            + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MappingException("$", "cannot be read: " + e.getMessage());
        }
    }

    private static final class Reader {
        private final JsonParser p;

        Reader(JsonParser p) {
            this.p = p;
        }

        MappingException error(String path, String message) {
            JsonLocation l = p.currentTokenLocation();
            return new MappingException(
                    path + " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")", message);
        }

        String string(String path) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_STRING) {
                throw error(path, "must be a string, was " + describe(t));
            }
            return p.getText();
        }

        List<String> strings(String path) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw error(path, "must be an array of strings, was " + describe(t));
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_STRING) {
                    throw error(path + "[" + i + "]", "must be a string, was " + describe(t));
                }
                out.add(p.getText());
                i++;
            }
            return out;
        }

        static String describe(@Nullable JsonToken t) {
            if (t == null) {
                return "the end of the text";
            }
            switch (t) {
                case START_OBJECT:
                    return "an object";
                case START_ARRAY:
                    return "an array";
                case VALUE_STRING:
                    return "a string";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return "a number";
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return "a boolean";
                case VALUE_NULL:
                    return "null";
                default:
                    return t.toString();
            }
        }

        Mapping mapping() throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error("$", "a mapping is a JSON object, was " + describe(t));
            }
            String version = null;
            String name = null;
            ImportKind kind = null;
            String source = null;
            ZoneId zone = null;
            Currency currency = null;
            String callingCode = null;
            String groupBy = null;
            String continuation = null;
            Map<Field, Mapping.Rule> fields = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String path = "$." + key;
                switch (key) {
                    case "crmkit" -> version = string(path);
                    case "name" -> name = string(path);
                    case "kind" -> {
                        String k = string(path);
                        switch (k) {
                            case "members" -> kind = ImportKind.MEMBERS;
                            case "orders" -> kind = ImportKind.ORDERS;
                            case "products" -> kind = ImportKind.PRODUCTS;
                            case "interactions" -> kind = ImportKind.INTERACTIONS;
                            default ->
                                throw error(
                                        path,
                                        "\"" + k + "\" is not a kind; use \"members\", \"orders\", \"products\" or"
                                                + " \"interactions\"");
                        }
                    }
                    case "source" -> source = string(path);
                    case "zone" -> zone = zone(path);
                    case "currency" -> {
                        String c = string(path);
                        try {
                            currency = Currency.getInstance(c);
                        } catch (IllegalArgumentException e) {
                            throw error(path, "\"" + c + "\" is not an ISO 4217 currency code");
                        }
                    }
                    case "callingCode" -> callingCode = string(path);
                    case "groupBy" -> groupBy = string(path);
                    case "continuationWhenEmpty" -> continuation = string(path);
                    case "fields" -> fields = fields(path);
                    default ->
                        throw error(
                                path,
                                "unknown key; known keys: crmkit, name, kind, source, zone, currency, callingCode, groupBy,"
                                        + " continuationWhenEmpty, fields");
                }
            }
            if (version == null) {
                throw error("$.crmkit", "is required: \"" + Mapping.FORMAT + "\"");
            }
            if (!version.equals(Mapping.FORMAT)) {
                throw error(
                        "$.crmkit",
                        "\"" + version + "\" is not supported; this version reads \"" + Mapping.FORMAT + "\"");
            }
            if (name == null) {
                throw error("$.name", "is required");
            }
            if (kind == null) {
                throw error("$.kind", "is required: \"members\", \"orders\", \"products\" or \"interactions\"");
            }
            if (fields == null) {
                throw error("$.fields", "is required");
            }
            try {
                Mapping.Builder b = Mapping.builder(name, kind)
                        .zone(zone)
                        .currency(currency)
                        .callingCode(callingCode)
                        .groupBy(groupBy)
                        .continuationWhenEmpty(continuation);
                if (source != null) {
                    b.source(source);
                }
                fields.forEach(b::field);
                return b.build();
            } catch (MappingException e) {
                throw error(e.path(), e.getMessage().substring(e.path().length() + 2));
            }
        }

        ZoneId zone(String path) throws IOException {
            String z = string(path);
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw error(path, "\"" + z + "\" is not a time zone id such as Asia/Taipei");
            }
        }

        Map<Field, Mapping.Rule> fields(String path) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(path, "must be an object of field name to rule, was " + describe(t));
            }
            Map<Field, Mapping.Rule> out = new LinkedHashMap<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String fp = path + "[\"" + key + "\"]";
                Field f = Field.named(key).orElse(null);
                if (f == null) {
                    throw error(fp, "unknown field; known fields: " + known());
                }
                if (out.containsKey(f)) {
                    throw error(fp, "is given twice");
                }
                out.put(f, rule(fp));
            }
            return out;
        }

        static String known() {
            StringBuilder b = new StringBuilder();
            for (Field f : Field.values()) {
                if (b.length() > 0) {
                    b.append(", ");
                }
                b.append(f.key());
            }
            return b.toString();
        }

        Mapping.Rule rule(String path) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(path, "a rule is an object such as {\"column\": \"Email\"}, was " + describe(t));
            }
            List<String> columns = new ArrayList<>();
            String constant = null;
            List<String> formats = List.of();
            ZoneId zone = null;
            Map<String, String> values = Map.of();
            char decimal = '.';
            String country = null;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String kp = path + "." + key;
                switch (key) {
                    case "column" -> columns = List.of(string(kp));
                    case "columns" -> {
                        columns = strings(kp);
                        if (columns.isEmpty()) {
                            throw error(kp, "must name at least one column");
                        }
                    }
                    case "value" -> constant = string(kp);
                    case "formats" -> formats = strings(kp);
                    case "zone" -> zone = zone(kp);
                    case "values" -> values = values(kp);
                    case "decimalSeparator" -> {
                        String d = string(kp);
                        if (!d.equals(".") && !d.equals(",")) {
                            throw error(kp, "\"" + d + "\" is not allowed; use \".\" or \",\"");
                        }
                        decimal = d.charAt(0);
                    }
                    case "countryColumn" -> country = string(kp);
                    default ->
                        throw error(
                                kp,
                                "unknown key; known keys: column, columns, value, formats, zone, values,"
                                        + " decimalSeparator, countryColumn");
                }
            }
            try {
                return new Mapping.Rule(columns, constant, formats, zone, values, decimal, country);
            } catch (MappingException e) {
                String m = e.getMessage();
                throw error(path, m.substring(m.indexOf(": ") + 2));
            }
        }

        Map<String, String> values(String path) throws IOException {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(path, "must be an object of cell value to field value, was " + describe(t));
            }
            Map<String, String> out = new LinkedHashMap<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                out.put(key, string(path + "[\"" + key + "\"]"));
            }
            return out;
        }
    }
}
