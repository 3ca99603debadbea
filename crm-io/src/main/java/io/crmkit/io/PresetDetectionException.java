package io.crmkit.io;

import java.io.Serial;
import java.util.List;

/**
 * No preset, or more than one, matches a file's header, so the importer refuses to guess. The
 * message lists the candidates; choose one with {@link Importer.Builder#preset(Preset)}.
 *
 * <pre>{@code
 * catch (PresetDetectionException e) {
 *     e.candidates(); // ["shopify-customers", "my-crm-members"]
 * }
 * }</pre>
 */
public class PresetDetectionException extends ImportException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> candidates;

    /**
     * @param message what was found
     * @param candidates the names of the presets that match, empty if none does
     */
    public PresetDetectionException(String message, List<String> candidates) {
        super(message);
        this.candidates = List.copyOf(candidates);
    }

    /** @return the names of the matching presets; empty when none matches */
    public List<String> candidates() {
        return candidates;
    }
}
