package io.crmkit.io;

import java.io.Serial;

/**
 * A mapping is not valid: its JSON names an unknown field or option, a value has the wrong type, a
 * required field has no column. The message names the JSON path (and line and column of the JSON
 * text when it was read from JSON) and the reason.
 *
 * <pre>{@code
 * Mapping.fromJson("{\"crmkit\":\"mapping/1\",\"kind\":\"orders\",\"fields\":{\"order.total\":{}}}");
 * // MappingException: $.fields["order.total"] (line 1, column 52): unknown field; known fields: order.id, ...
 * }</pre>
 */
public class MappingException extends ImportException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path the JSON path of the offending part, e.g. {@code $.fields["order.id"].column}
     * @param message what is wrong and what is allowed
     */
    public MappingException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** @return the JSON path of the offending part */
    public String path() {
        return path;
    }
}
