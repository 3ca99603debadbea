package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.Note;
import io.crmkit.core.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a member as the cells of a canonical {@code members.csv} row (docs/canonical-csv.md), in
 * column order; null for an empty cell. The same cells, as a JSON object, are the library's JSON
 * form of a member.
 */
public final class CanonicalCells {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ContactChannel[] CONSENTS = {
        ContactChannel.EMAIL,
        ContactChannel.SMS,
        ContactChannel.LINE,
        ContactChannel.FACEBOOK,
        ContactChannel.APP_PUSH,
        ContactChannel.PHONE_CALL
    };

    private CanonicalCells() {}

    public static List<String> memberColumns() {
        return CanonicalMapper.MEMBER;
    }

    public static List<@Nullable String> member(Member m) {
        List<@Nullable String> c = new ArrayList<>(23);
        c.add(m.id().value());
        c.add(m.joinedAt().toString());
        c.add(m.name().orElse(null));
        c.add(m.gender().name());
        c.add(m.birthday().map(LocalDate::toString).orElse(null));
        c.add(m.region().orElse(null));
        c.add(m.city().orElse(null));
        c.add(m.sourceChannel().map(x -> x.code()).orElse(null));
        c.add(m.email().map(e -> e.value()).orElse(null));
        c.add(m.phone().map(p -> p.e164()).orElse(null));
        c.add(m.lineId().orElse(null));
        c.add(m.facebookId().orElse(null));
        c.add(m.preferredChannel().map(Enum::name).orElse(null));
        for (ContactChannel ch : CONSENTS) {
            Consent k = m.consents().get(ch);
            c.add(k == null ? null : (k.optedIn() ? "in" : "out") + "|" + k.at() + "|" + escape(k.source()));
        }
        c.add(tags(m.tags()));
        c.add(externalIds(m.externalIds()));
        c.add(notes(m.notes()));
        c.add(attributes(m.attributes()));
        return c;
    }

    static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == ';' || ch == '|' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    private static @Nullable String tags(Collection<Tag> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Tag t : tags) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(escape(t.name())).append('|').append(t.source().name()).append('|');
            b.append(escape(t.by())).append('|').append(t.at());
        }
        return b.toString();
    }

    private static @Nullable String externalIds(Collection<ExternalId> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (ExternalId id : ids) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(id.system()).append(':').append(escape(id.value()));
        }
        return b.toString();
    }

    private static @Nullable String notes(List<Note> notes) {
        if (notes.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Note n : notes) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(n.at()).append('|').append(escape(n.author())).append('|').append(escape(n.text()));
        }
        return b.toString();
    }

    static @Nullable String attributes(Attributes a) {
        if (a.isEmpty()) {
            return null;
        }
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<AttributeKey<?>, Object> e : a.asMap().entrySet()) {
                AttributeKey<?> key = e.getKey();
                g.writeObjectFieldStart(key.name());
                g.writeStringField("type", key.type().name());
                g.writeFieldName("value");
                Object v = e.getValue();
                switch (key.type()) {
                    case STRING -> g.writeString((String) v);
                    case INTEGER -> g.writeNumber((Integer) v);
                    case LONG -> g.writeNumber((Long) v);
                    case DECIMAL -> g.writeString(((BigDecimal) v).toPlainString());
                    case BOOLEAN -> g.writeBoolean((Boolean) v);
                    case DATE -> g.writeString(v.toString());
                    case INSTANT -> g.writeString(((Instant) v).toString());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
