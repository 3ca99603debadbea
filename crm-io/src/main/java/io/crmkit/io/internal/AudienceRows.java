package io.crmkit.io.internal;

import io.crmkit.core.Member;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The normalised and hashed cells of Meta and Google customer lists. */
public final class AudienceRows {
    private static final List<String> COMPOUND_SURNAMES =
            List.of("歐陽", "司馬", "諸葛", "上官", "東方", "張簡", "范姜", "皇甫", "司徒", "公孫");
    /** Calling codes that name one country (not +1, shared by the US, Canada and others). */
    private static final Map<String, String> COUNTRIES = Map.ofEntries(
            Map.entry("886", "tw"),
            Map.entry("852", "hk"),
            Map.entry("853", "mo"),
            Map.entry("86", "cn"),
            Map.entry("81", "jp"),
            Map.entry("82", "kr"),
            Map.entry("65", "sg"),
            Map.entry("60", "my"),
            Map.entry("66", "th"),
            Map.entry("84", "vn"),
            Map.entry("63", "ph"),
            Map.entry("62", "id"),
            Map.entry("61", "au"),
            Map.entry("64", "nz"),
            Map.entry("44", "gb"),
            Map.entry("49", "de"),
            Map.entry("33", "fr"));

    private AudienceRows() {}

    public static String sha256(String s) {
        return StoreWriter.sha256(s);
    }

    /** Meta: e-mail trimmed and lower-cased. */
    public static String metaEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Meta: digits only, with the country code, no leading zeros. */
    public static String metaPhone(String e164) {
        String digits = e164.replaceAll("[^0-9]", "");
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Meta: lower case, no punctuation or spaces, other letters kept (UTF-8). */
    public static String metaName(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Google: trimmed and lower-cased. */
    public static String googleText(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /** @return {first, last} when the split is plain, else null */
    public static String @Nullable [] split(String name) {
        String n = name.strip();
        if (n.isEmpty()) {
            return null;
        }
        boolean cjk = n.codePoints().allMatch(c -> {
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HANGUL;
        });
        if (cjk) {
            if (n.length() < 2 || n.length() > 4) {
                return null;
            }
            int family = COMPOUND_SURNAMES.contains(n.substring(0, 2)) && n.length() > 2 ? 2 : 1;
            return new String[] {n.substring(family), n.substring(0, family)};
        }
        String[] words = n.split("\\s+");
        if (words.length < 2) {
            return null;
        }
        return new String[] {words[0], words[words.length - 1]};
    }

    static @Nullable String country(Member m) {
        if (m.phone().isEmpty()) {
            return null;
        }
        String e = m.phone().get().e164().substring(1);
        for (int len = 1; len <= 3; len++) {
            String c = COUNTRIES.get(e.substring(0, Math.min(len, e.length())));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    public static List<String> meta(Member m, boolean email, boolean phone) {
        String[] names = m.name().map(AudienceRows::split).orElse(null);
        String country = country(m);
        return List.of(
                email ? sha256(metaEmail(m.email().get().value())) : "",
                phone ? sha256(metaPhone(m.phone().get().e164())) : "",
                names == null || metaName(names[0]).isEmpty() ? "" : sha256(metaName(names[0])),
                names == null || metaName(names[1]).isEmpty() ? "" : sha256(metaName(names[1])),
                country == null ? "" : sha256(country));
    }

    public static List<String> google(Member m, boolean email, boolean phone) {
        String[] names = m.name().map(AudienceRows::split).orElse(null);
        String country = country(m);
        return List.of(
                email ? sha256(googleText(m.email().get().value())) : "",
                phone ? sha256(m.phone().get().e164()) : "",
                names == null ? "" : sha256(googleText(names[0])),
                names == null ? "" : sha256(googleText(names[1])),
                country == null ? "" : country,
                "");
    }
}
