package io.crmkit.core;

import java.io.Serial;

/**
 * A value given to the domain model is not allowed: a blank id, a negative quantity, a phone number
 * that is not a phone number. The message names the field and says what is allowed.
 *
 * <pre>{@code
 * Money.parse("12,3x", TWD); // InvalidValueException: amount "12,3x" is not a decimal number
 * }</pre>
 */
public class InvalidValueException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the name of the field or argument that is wrong
     * @param message what is wrong and what is allowed
     */
    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** @return the name of the field or argument that was wrong */
    public String field() {
        return field;
    }
}
