package io.crmkit.automation;

import io.crmkit.automation.internal.json.JourneyJsonReader;
import io.crmkit.automation.internal.json.JourneyJsonWriter;
import io.crmkit.core.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON form of journeys and guards, for hosts that store what their marketers click together.
 * Three documents, each with its version in a {@code "crmkit"} field: {@code "journey/1"} (one
 * journey), {@code "journeys/1"} (a list, e.g. every journey of a brand) and {@code "guards/1"}
 * (the engine's {@link Guards}). Conditions (a journey's filter, a branch's condition, a broadcast's
 * audience, the guards' suppression audience) are written exactly in the segment JSON form of
 * crm-segmentation ({@code docs/segment-json.md}). Durations and periods are ISO-8601 ({@code
 * "P7D"}, {@code "PT2H"}), local times {@code "10:00"}, weekdays {@code "MON"}..{@code "SUN"},
 * instants ISO ({@code "2026-11-11T02:00:00Z"}). The whole format is {@code docs/journey-json.md}.
 *
 * <pre>{@code
 * Journey survey = Journey.builder("survey-7d")
 *         .entry(Entry.on(Trigger.orderPlaced()))
 *         .reentry(Reentry.always())
 *         .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
 *         .step(Step.send("survey", ContactChannel.EMAIL, "survey-7d"))
 *         .build();
 * String json = JourneyJson.toJson(survey);     // "crmkit": "journey/1", "id": "survey-7d", ...
 * Journey back = JourneyJson.fromJson(json);    // equals survey
 * }</pre>
 *
 * <p>Writing has one layout (members in a fixed order, two-space indent, a final line feed), so
 * {@code toJson(fromJson(toJson(j)))} is {@code toJson(j)}, and {@code fromJson(toJson(j))} equals
 * {@code j}. Reading is strict and all-or-nothing: malformed JSON, another format, an unknown,
 * repeated or missing field, a value of the wrong JSON type, an unknown enum value, a bad duration,
 * time or instant, an invalid condition, and an invalid definition (a step id used twice, a branch
 * to a step that does not exist, split percentages that do not add up to 100, a loop without a
 * wait) all fail with a {@link JourneyJsonException} naming the JSON path from the document's root,
 * the line and column, and the reason. Readers and streams are read to the end and not closed; a
 * failing reader's {@link IOException} comes back as an {@link UncheckedIOException}.
 */
public final class JourneyJson {
    /** The format of a one-journey document. */
    public static final String JOURNEY_FORMAT = "journey/1";

    /** The format of a journey-list document. */
    public static final String JOURNEYS_FORMAT = "journeys/1";

    /** The format of a guards document. */
    public static final String GUARDS_FORMAT = "guards/1";

    private JourneyJson() {}

    // ---- writing ------------------------------------------------------------------------------

    /**
     * @param journey a journey
     * @return its {@code journey/1} document, ending with a line feed
     * @throws InvalidValueException if a condition nests deeper than the segment JSON form allows,
     *     or a variable or parameter name has an unpaired surrogate (no JSON reader reads it back)
     */
    public static String toJson(Journey journey) {
        return JourneyJsonWriter.journey(required(journey, "journey"));
    }

    /**
     * @param journeys journeys, in the order to write them
     * @return their {@code journeys/1} document, ending with a line feed
     * @throws InvalidValueException as {@link #toJson(Journey)}, or if an element is null
     */
    public static String toJson(List<Journey> journeys) {
        List<Journey> list = required(journeys, "journeys");
        for (int i = 0; i < list.size(); i++) {
            required(list.get(i), "journeys[" + i + "]");
        }
        return JourneyJsonWriter.journeys(list);
    }

    /**
     * @param guards guards
     * @return their {@code guards/1} document, ending with a line feed
     * @throws InvalidValueException if the suppression audience nests too deep
     */
    public static String toJson(Guards guards) {
        return JourneyJsonWriter.guards(required(guards, "guards"));
    }

    // ---- one journey --------------------------------------------------------------------------

    /**
     * @param json a {@code journey/1} document
     * @return the journey
     * @throws JourneyJsonException if the document is not a valid journey
     */
    public static Journey fromJson(String json) {
        return JourneyJsonReader.journey(text(required(json, "json")));
    }

    /**
     * @param json a {@code journey/1} document; read to the end, not closed
     * @return the journey
     * @throws JourneyJsonException if the document is not a valid journey
     * @throws UncheckedIOException if the reader fails
     */
    public static Journey fromJson(Reader json) {
        return JourneyJsonReader.journey(text(required(json, "json")));
    }

    /**
     * @param json a {@code journey/1} document in UTF-8 (a byte order mark is skipped); not closed
     * @return the journey
     * @throws JourneyJsonException if the document is not a valid journey or not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static Journey fromJson(InputStream json) {
        return JourneyJsonReader.journey(text(required(json, "json")));
    }

    // ---- journey lists ------------------------------------------------------------------------

    /**
     * @param json a {@code journeys/1} document
     * @return the journeys in document order; no two have the same id and version
     * @throws JourneyJsonException if the document is not a valid list, a journey is not valid, or
     *     two journeys have the same id and version
     */
    public static List<Journey> journeysFromJson(String json) {
        return JourneyJsonReader.journeys(text(required(json, "json")));
    }

    /**
     * @param json a {@code journeys/1} document; read to the end, not closed
     * @return the journeys in document order
     * @throws JourneyJsonException as {@link #journeysFromJson(String)}
     * @throws UncheckedIOException if the reader fails
     */
    public static List<Journey> journeysFromJson(Reader json) {
        return JourneyJsonReader.journeys(text(required(json, "json")));
    }

    /**
     * @param json a {@code journeys/1} document in UTF-8; not closed
     * @return the journeys in document order
     * @throws JourneyJsonException as {@link #journeysFromJson(String)}, or if it is not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static List<Journey> journeysFromJson(InputStream json) {
        return JourneyJsonReader.journeys(text(required(json, "json")));
    }

    // ---- guards -------------------------------------------------------------------------------

    /**
     * @param json a {@code guards/1} document
     * @return the guards
     * @throws JourneyJsonException if the document is not valid guards
     */
    public static Guards guardsFromJson(String json) {
        return JourneyJsonReader.guards(text(required(json, "json")));
    }

    /**
     * @param json a {@code guards/1} document; read to the end, not closed
     * @return the guards
     * @throws JourneyJsonException if the document is not valid guards
     * @throws UncheckedIOException if the reader fails
     */
    public static Guards guardsFromJson(Reader json) {
        return JourneyJsonReader.guards(text(required(json, "json")));
    }

    /**
     * @param json a {@code guards/1} document in UTF-8; not closed
     * @return the guards
     * @throws JourneyJsonException if the document is not valid guards or not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static Guards guardsFromJson(InputStream json) {
        return JourneyJsonReader.guards(text(required(json, "json")));
    }

    // ---- input --------------------------------------------------------------------------------

    private static String text(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static String text(Reader r) {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[8192];
        try {
            int n;
            while ((n = r.read(buf)) != -1) {
                b.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON document: " + e.getMessage(), e);
        }
        return text(b.toString());
    }

    private static String text(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON document: " + e.getMessage(), e);
        }
        try {
            return text(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new JourneyJsonException("$", 0, 0, "malformed JSON: the input is not valid UTF-8", e);
        }
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new InvalidValueException(name, "is required");
        }
        return value;
    }
}
