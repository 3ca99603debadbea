package io.crmkit.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Member;
import io.crmkit.io.internal.AudienceRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/**
 * An ad-platform customer list of members, hashed as the platform asks, streaming and with
 * consent honoured: a member's e-mail is used only if the member opted in to e-mail, the phone
 * only if opted in to SMS; members with neither are left out (and counted).
 *
 * <ul>
 *   <li>{@link #meta()}: Meta Custom Audiences customer file, columns {@code email, phone, fn, ln,
 *       country}; every value normalised (trimmed, lower-case; phone as digits with the country
 *       code, no {@code +}; names without punctuation; country the ISO code in lower case) and
 *       hashed with SHA-256 (lower-case hex).
 *   <li>{@link #google()}: Google Customer Match, columns {@code Email, Phone, First Name, Last Name,
 *       Country, Zip}; e-mail and names trimmed and lower-cased, phone in E.164 with {@code +},
 *       hashed with SHA-256; Country and Zip are not hashed.
 * </ul>
 *
 * <p>Names: crmkit keeps one name; it is split only when the split is plain (a Chinese, Japanese or
 * Korean name of 2 to 4 characters: the family name is the first character, or the first two for
 * the compound surnames 歐陽, 司馬, 諸葛, 上官, 東方, 張簡, 范姜, 皇甫, 司徒, 公孫; a Latin name: the
 * first and the last word). The country comes from the phone's calling code when that names one
 * country (+886 TW, +852 HK, +81 JP, ...; not +1). crmkit keeps no postal code, so Zip is empty.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("meta.csv"))) {
 *     Audience.Result r = Audience.meta().write(crm.members().findAll(segmentIds).iterator(), w);
 * }
 * }</pre>
 */
public final class Audience {
    private static final CsvFactory CSV = new CsvFactory();

    private final boolean meta;
    private final boolean requireConsent;

    /**
     * How many members a list got and how many it left out.
     *
     * @param written members written
     * @param withoutConsent members left out: no opted-in e-mail or phone
     */
    public record Result(long written, long withoutConsent) {}

    private Audience(boolean meta, boolean requireConsent) {
        this.meta = meta;
        this.requireConsent = requireConsent;
    }

    /** @return a Meta Custom Audiences customer file */
    public static Audience meta() {
        return new Audience(true, true);
    }

    /** @return a Google Customer Match file */
    public static Audience google() {
        return new Audience(false, true);
    }

    /**
     * @return the same list using e-mail and phone whatever the consent; only for a legal basis other
     *     than the member's opt-in, which the caller answers for
     */
    public Audience ignoringConsent() {
        return new Audience(meta, false);
    }

    /** @return the header of the file */
    public List<String> header() {
        return meta
                ? List.of("email", "phone", "fn", "ln", "country")
                : List.of("Email", "Phone", "First Name", "Last Name", "Country", "Zip");
    }

    /**
     * @param members the members, read one at a time
     * @param out where to write the CSV; flushed, not closed
     * @return how many were written and left out
     * @throws UncheckedIOException if writing fails
     */
    public Result write(Iterator<Member> members, Writer out) {
        long written = 0;
        long left = 0;
        try {
            CsvGenerator g = CSV.createGenerator(out);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
            write(g, header());
            while (members.hasNext()) {
                Member m = members.next();
                boolean email = m.email().isPresent() && (!requireConsent || m.isReachableBy(ContactChannel.EMAIL));
                boolean phone = m.phone().isPresent() && (!requireConsent || m.isReachableBy(ContactChannel.SMS));
                if (!email && !phone) {
                    left++;
                    continue;
                }
                write(g, meta ? AudienceRows.meta(m, email, phone) : AudienceRows.google(m, email, phone));
                written++;
            }
            g.close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(written, left);
    }

    private static void write(CsvGenerator g, List<String> cells) throws IOException {
        g.writeStartArray();
        for (String c : cells) {
            g.writeString(c);
        }
        g.writeEndArray();
    }
}
