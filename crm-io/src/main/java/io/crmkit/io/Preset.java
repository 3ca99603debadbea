package io.crmkit.io;

import io.crmkit.io.internal.BuiltIns;
import io.crmkit.io.internal.GenericMapper;
import io.crmkit.io.internal.PresetSpec;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A known export format and how to map it: the crmkit canonical CSV, the CDNOW log, Shopify orders
 * and customers, WooCommerce (WebToffee), Magento 2 customers and Shopee Taiwan orders, or a
 * {@link Mapping} of your own. A preset can be chosen by name or detected from a file's header;
 * detection refuses to guess when several presets match.
 *
 * <pre>{@code
 * Preset.named("shopify-orders");
 * Preset.detect(List.of("Name", "Email", "Financial Status", "Created at", ...), ImportKind.ORDERS);
 * Preset.of(myMapping);
 * }</pre>
 */
public final class Preset {
    private static final List<Preset> BUILT_IN;

    static {
        List<Preset> all = new ArrayList<>();
        for (PresetSpec s : BuiltIns.all()) {
            all.add(new Preset(s));
        }
        BUILT_IN = List.copyOf(all);
    }

    private final PresetSpec spec;

    private Preset(PresetSpec spec) {
        this.spec = spec;
    }

    /** @return every built-in preset */
    public static List<Preset> all() {
        return BUILT_IN;
    }

    /**
     * @param name a preset name, e.g. {@code shopify-orders}
     * @return the built-in preset
     * @throws ImportException if there is none by that name; the message lists the names
     */
    public static Preset named(String name) {
        for (Preset p : BUILT_IN) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new ImportException("no preset is named \"" + name + "\"; the presets are " + names(BUILT_IN));
    }

    /**
     * A preset that maps with a mapping of your own.
     *
     * @param mapping the mapping
     * @return the preset; it is detected when the header has every column the mapping reads
     */
    public static Preset of(Mapping mapping) {
        List<List<String>> signature = new ArrayList<>();
        for (Mapping.Rule r : mapping.fields().values()) {
            if (!r.columns().isEmpty()) {
                signature.add(r.columns());
            }
        }
        return new Preset(new PresetSpec(
                mapping.name(),
                mapping.kind(),
                "mapping " + mapping.name(),
                mapping.source(),
                signature,
                false,
                mapping.columns(),
                (h, d, f) -> new GenericMapper(mapping, h, d, f)));
    }

    /**
     * Finds the preset whose header this is.
     *
     * @param header the column names of the file's first row
     * @param kind what the file should hold, or null for any
     * @return the one matching built-in preset
     * @throws PresetDetectionException if none or several match, listing them
     */
    public static Preset detect(List<String> header, @Nullable ImportKind kind) {
        return detect(header, kind, BUILT_IN);
    }

    /**
     * Finds the preset whose header this is among some candidates.
     *
     * @param header the column names of the file's first row
     * @param kind what the file should hold, or null for any
     * @param candidates the presets to consider
     * @return the one matching preset
     * @throws PresetDetectionException if none or several match, listing them
     */
    public static Preset detect(List<String> header, @Nullable ImportKind kind, List<Preset> candidates) {
        List<Preset> hits = new ArrayList<>();
        for (Preset p : candidates) {
            if ((kind == null || p.kind() == kind) && p.matches(header)) {
                hits.add(p);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        List<String> names = new ArrayList<>();
        for (Preset p : hits) {
            names.add(p.name());
        }
        if (hits.isEmpty()) {
            String shown =
                    header.size() > 12 ? header.subList(0, 12) + " (" + header.size() + " columns)" : header.toString();
            throw new PresetDetectionException(
                    "no preset" + (kind == null ? "" : " for " + kind.name().toLowerCase(java.util.Locale.ROOT))
                            + " matches the header " + shown + "; the presets are " + names(candidates)
                            + "; choose one, or give a mapping",
                    names);
        }
        throw new PresetDetectionException(
                "the header matches several presets: " + names + "; choose one of them", names);
    }

    private static String names(List<Preset> ps) {
        List<String> n = new ArrayList<>();
        for (Preset p : ps) {
            n.add(p.name());
        }
        return n.toString();
    }

    /** @return the name, e.g. {@code shopify-orders} */
    public String name() {
        return spec.name();
    }

    /** @return what the preset imports */
    public ImportKind kind() {
        return spec.kind();
    }

    /** @return one line saying which export this is */
    public String description() {
        return spec.description();
    }

    /**
     * @param header a file's column names
     * @return true if the header has the columns that identify this preset
     */
    public boolean matches(List<String> header) {
        return spec.matches(header);
    }

    PresetSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return spec.name();
    }
}
