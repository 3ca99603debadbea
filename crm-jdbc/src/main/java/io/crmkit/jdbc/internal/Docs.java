package io.crmkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.Note;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.StoreException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The JSON documents of the member and interaction tables: consents, attributes, tags, notes and
 * external ids as arrays in their order, every value as text that parses back to the same Java value.
 */
final class Docs {
    private Docs() {}

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String member(Member m) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("consents");
            for (Consent c : m.consents().values()) {
                g.writeStartObject();
                g.writeStringField("channel", c.channel().name());
                g.writeBooleanField("optedIn", c.optedIn());
                g.writeStringField("at", c.at().toString());
                g.writeStringField("source", c.source());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("attributes");
            attributes(g, m.attributes());
            g.writeArrayFieldStart("tags");
            for (Tag t : m.tags()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("source", t.source().name());
                g.writeStringField("by", t.by());
                g.writeStringField("at", t.at().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (Note n : m.notes()) {
                g.writeStartObject();
                g.writeStringField("text", n.text());
                g.writeStringField("author", n.author());
                g.writeStringField("at", n.at().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("externalIds");
            for (ExternalId x : m.externalIds()) {
                g.writeStartObject();
                g.writeStringField("system", x.system());
                g.writeStringField("value", x.value());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String attributes(Attributes a) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            attributes(g, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void attributes(JsonGenerator g, Attributes a) throws IOException {
        g.writeStartArray();
        for (Map.Entry<AttributeKey<?>, Object> e : a.asMap().entrySet()) {
            g.writeStartObject();
            g.writeStringField("name", e.getKey().name());
            g.writeStringField("type", e.getKey().type().name());
            g.writeStringField("value", text(e.getValue()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** @return an attribute value as text that {@link #value} reads back */
    static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    static Object value(AttributeKey.Type type, String text) {
        return switch (type) {
            case STRING -> text;
            case INTEGER -> Integer.valueOf(text);
            case LONG -> Long.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case BOOLEAN -> Boolean.valueOf(text);
            case DATE -> LocalDate.parse(text);
            case INSTANT -> Instant.parse(text);
        };
    }

    static void readMember(String json, Member.Builder b, String where) {
        JsonNode root = tree(json, where);
        for (JsonNode c : root.path("consents")) {
            b.consent(new Consent(
                    ContactChannel.valueOf(c.get("channel").asText()),
                    c.get("optedIn").asBoolean(),
                    Instant.parse(c.get("at").asText()),
                    c.get("source").asText()));
        }
        b.attributes(readAttributes(root.path("attributes")));
        for (JsonNode t : root.path("tags")) {
            b.tag(new Tag(
                    t.get("name").asText(),
                    Tag.Source.valueOf(t.get("source").asText()),
                    t.get("by").asText(),
                    Instant.parse(t.get("at").asText())));
        }
        for (JsonNode n : root.path("notes")) {
            b.note(new Note(
                    n.get("text").asText(),
                    n.get("author").asText(),
                    Instant.parse(n.get("at").asText())));
        }
        for (JsonNode x : root.path("externalIds")) {
            b.externalId(new ExternalId(x.get("system").asText(), x.get("value").asText()));
        }
    }

    static Attributes readAttributes(String json, String where) {
        return readAttributes(tree(json, where));
    }

    private static Attributes readAttributes(JsonNode array) {
        Attributes a = Attributes.empty();
        for (JsonNode e : array) {
            AttributeKey.Type type = AttributeKey.Type.valueOf(e.get("type").asText());
            a = a.withUnchecked(
                    AttributeKey.of(e.get("name").asText(), type),
                    value(type, e.get("value").asText()));
        }
        return a;
    }

    private static JsonNode tree(String json, String where) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new StoreException(where + ": the stored document is not JSON: " + e.getMessage(), e);
        }
    }
}
