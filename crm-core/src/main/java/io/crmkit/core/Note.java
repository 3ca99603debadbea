package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;

/**
 * A free-text note on a member, e.g. by customer service.
 *
 * <pre>{@code
 * Note n = new Note("Prefers delivery after 6 pm", "agent:amy", Instant.now());
 * }</pre>
 *
 * @param text the note, not blank, at most 10,000 characters
 * @param author who wrote it
 * @param at when
 */
public record Note(String text, String author, Instant at) {
    /** @throws InvalidValueException if a field is missing, blank, or the text is too long */
    public Note {
        text = Check.text(text, "note.text");
        Check.that(
                text.length() <= 10_000, "note.text", "is " + text.length() + " characters; at most 10000 are allowed");
        author = Check.text(author, "note.author");
        Check.notNull(at, "note.at");
    }
}
