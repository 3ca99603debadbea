package io.crmkit.segmentation.internal.tier;

import io.crmkit.segmentation.Benefit;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierJson;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.internal.json.JsonPrinter;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link TierProgram} in the one layout of {@code docs/tiers.md}. */
public final class TierJsonWriter {
    private TierJsonWriter() {}

    /**
     * @param p a programme
     * @return its document
     */
    public static String write(TierProgram p) {
        JsonPrinter out = new JsonPrinter();
        out.beginObject();
        out.name("crmkit").value(TierJson.FORMAT);
        out.name("currency").value(p.currency().getCurrencyCode());
        out.name("qualification").beginObject();
        if (p.rollingDays().isPresent()) {
            out.name("lastDays").value(p.rollingDays().getAsInt());
            out.name("review").value(code(p.period()));
        } else {
            out.name("calendar").value(code(p.period()));
        }
        out.endObject();
        if (p.match() != TierProgram.Match.ALL) {
            out.name("match").value(code(p.match()));
        }
        if (p.grace() != 0) {
            out.name("grace").value(p.grace());
        }
        out.name("tiers").beginArray();
        for (Tier t : p.tiers()) {
            out.beginObject();
            out.name("name").value(t.name());
            if (t.minSpend().isPresent()) {
                out.name("minSpend").value(t.minSpend().get().toBigDecimal().toPlainString());
            }
            if (t.minOrders().isPresent()) {
                out.name("minOrders").value(t.minOrders().getAsInt());
            }
            if (!t.benefits().isEmpty()) {
                out.name("benefits").beginObject();
                for (Map.Entry<String, Benefit> e : t.benefits().entrySet()) {
                    out.name(e.getKey()).beginObject();
                    Benefit b = e.getValue();
                    if (b instanceof Benefit.Text text) {
                        out.name("text").value(text.value());
                    } else if (b instanceof Benefit.Decimal d) {
                        out.name("decimal").value(d.value().toPlainString());
                    } else if (b instanceof Benefit.Flag f) {
                        out.name("flag").value(f.value());
                    }
                    out.endObject();
                }
                out.endObject();
            }
            out.endObject();
        }
        out.endArray();
        out.endObject();
        return out.finish();
    }

    /** @return the JSON name of an enum constant: its name in lower case */
    static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
