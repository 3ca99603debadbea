package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.MemberStore;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.roaringbitmap.RoaringBitmap;

/**
 * The member columns: one entry per member, at the member's ordinal ({@code 0..n-1} in {@link
 * MemberId} order). Profile fields are primitive arrays; tags and per-channel reachability and
 * opt-in are bitmaps; custom attributes are sparse typed columns.
 */
public final class MemberColumns {
    /** {@link #birth} of a member without birthday. */
    static final int NO_BIRTHDAY = 0;

    final MemberId[] ids;
    /** {@link io.crmkit.core.Gender} ordinal. */
    final byte[] gender;
    /** Birthday packed as {@code year << 9 | month << 5 | day}; {@link #NO_BIRTHDAY} if unknown. */
    final int[] birth;
    /** The join date in the brand's zone, as epoch day. */
    final int[] joinedDay;

    final Codes region;
    final Codes city;
    /** Source channel, a code of {@link Dicts#channels}. */
    final Codes source;

    final Map<String, RoaringBitmap> tags;
    /** By {@link ContactChannel} ordinal. */
    final RoaringBitmap[] reachable;
    /** By {@link ContactChannel} ordinal. */
    final RoaringBitmap[] optedIn;

    final Map<AttributeKey<?>, AttributeColumn> attributes;
    /** Member id text to ordinal + 1 (the dictionary's codes). */
    final StringDict index;

    private MemberColumns(
            MemberId[] ids,
            byte[] gender,
            int[] birth,
            int[] joinedDay,
            Codes region,
            Codes city,
            Codes source,
            Map<String, RoaringBitmap> tags,
            RoaringBitmap[] reachable,
            RoaringBitmap[] optedIn,
            Map<AttributeKey<?>, AttributeColumn> attributes,
            StringDict index) {
        this.ids = ids;
        this.gender = gender;
        this.birth = birth;
        this.joinedDay = joinedDay;
        this.region = region;
        this.city = city;
        this.source = source;
        this.tags = tags;
        this.reachable = reachable;
        this.optedIn = optedIn;
        this.attributes = attributes;
        this.index = index;
    }

    /** @return the number of members */
    public int size() {
        return ids.length;
    }

    /**
     * @param ordinal a member ordinal
     * @return the member's id
     */
    public MemberId id(int ordinal) {
        return ids[ordinal];
    }

    /**
     * @param id a member id
     * @return the member's ordinal, or -1 if the member is not in the snapshot
     */
    public int ordinal(MemberId id) {
        return index.code(id.value()) - 1;
    }

    /**
     * Reads every member once, in id order.
     *
     * @param store the member store
     * @param brand the brand (its zone dates the join instants)
     * @param dicts the snapshot's dictionaries
     * @return the columns
     */
    static MemberColumns read(MemberStore store, BrandSettings brand, Dicts dicts) {
        Rows rows = new Rows(brand, dicts, 1024);
        try (Stream<Member> stream = store.stream()) {
            Iterator<Member> it = stream.iterator();
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows.build(null, null);
    }

    /**
     * The columns of a refreshed snapshot: the rows of unchanged members copied from the old
     * columns, the rows of re-read members encoded from their records.
     *
     * @param old the old columns
     * @param oldOrdinal for each new ordinal, the member's old ordinal to copy, or -1 to encode
     * @param reread for each new ordinal with -1 in {@code oldOrdinal}, its record (others null)
     * @param brand the brand
     * @param dicts the new snapshot's dictionaries (a copy of the old ones)
     * @return the new columns
     */
    static MemberColumns refresh(
            MemberColumns old, int[] oldOrdinal, Member[] reread, BrandSettings brand, Dicts dicts) {
        Rows rows = new Rows(brand, dicts, oldOrdinal.length);
        AttributeColumn[] oldAttrs = old.attributes.values().toArray(new AttributeColumn[0]);
        AttributeKey<?>[] oldKeys = old.attributes.keySet().toArray(new AttributeKey<?>[0]);
        int[] cursor = new int[oldAttrs.length];
        int[] newOrdinal = new int[old.size()];
        java.util.Arrays.fill(newOrdinal, -1);
        for (int ord = 0; ord < oldOrdinal.length; ord++) {
            int o = oldOrdinal[ord];
            if (o < 0) {
                rows.add(reread[ord]);
                continue;
            }
            newOrdinal[o] = ord;
            rows.copy(old, o);
            for (int a = 0; a < oldAttrs.length; a++) {
                AttributeColumn col = oldAttrs[a];
                int k = cursor[a];
                while (k < col.size() && col.ordinal(k) < o) {
                    k++;
                }
                cursor[a] = k;
                if (k < col.size() && col.ordinal(k) == o) {
                    rows.attrs
                            .computeIfAbsent(oldKeys[a], key -> new AttributeColumn.Builder(key.type()))
                            .copy(col, k, ord);
                }
            }
        }
        return rows.build(old, newOrdinal);
    }

    /** Collects member rows in ordinal order. */
    private static final class Rows {
        final ZoneRules rules;
        final Dicts dicts;
        final List<MemberId> ids = new ArrayList<>();
        final StringDict index = new StringDict();
        final Bufs.ByteBuf gender;
        final Bufs.IntBuf birth;
        final Bufs.IntBuf joined;
        final Bufs.IntBuf region;
        final Bufs.IntBuf city;
        final Bufs.IntBuf source;
        final Map<String, RoaringBitmap> tags = new HashMap<>();
        final ContactChannel[] channels = ContactChannel.values();
        final RoaringBitmap[] reachable = new RoaringBitmap[channels.length];
        final RoaringBitmap[] optedIn = new RoaringBitmap[channels.length];
        final Map<AttributeKey<?>, AttributeColumn.Builder> attrs = new HashMap<>();

        Rows(BrandSettings brand, Dicts dicts, int capacity) {
            this.rules = brand.zone().getRules();
            this.dicts = dicts;
            gender = new Bufs.ByteBuf(capacity);
            birth = new Bufs.IntBuf(capacity);
            joined = new Bufs.IntBuf(capacity);
            region = new Bufs.IntBuf(capacity);
            city = new Bufs.IntBuf(capacity);
            source = new Bufs.IntBuf(capacity);
            for (int c = 0; c < channels.length; c++) {
                reachable[c] = new RoaringBitmap();
                optedIn[c] = new RoaringBitmap();
            }
        }

        private int next(MemberId id) {
            int ord = ids.size();
            if (index.add(id.value()) != ord + 1) {
                throw new IllegalStateException("the member store returned " + id + " twice");
            }
            ids.add(id);
            return ord;
        }

        /** Copies a row but its tags, channels and attributes (see {@link #build}). */
        void copy(MemberColumns old, int o) {
            next(old.ids[o]);
            gender.add(old.gender[o]);
            birth.add(old.birth[o]);
            joined.add(old.joinedDay[o]);
            region.add(old.region.get(o));
            city.add(old.city.get(o));
            source.add(old.source.get(o));
        }

        void add(Member m) {
            int ord = next(m.id());
            gender.add(m.gender().ordinal());
            Optional<LocalDate> b = m.birthday();
            birth.add(b.isPresent() ? pack(b.get()) : NO_BIRTHDAY);
            joined.add((int) Days.epochDay(m.joinedAt(), rules));
            region.add(m.region().isPresent() ? dicts.regions.add(m.region().get()) : 0);
            city.add(m.city().isPresent() ? dicts.cities.add(m.city().get()) : 0);
            source.add(
                    m.sourceChannel().isPresent()
                            ? dicts.channels.add(m.sourceChannel().get().code())
                            : 0);
            for (Tag t : m.tags()) {
                tags.computeIfAbsent(t.name(), k -> new RoaringBitmap()).add(ord);
            }
            for (ContactChannel c : channels) {
                if (m.isReachableBy(c)) {
                    reachable[c.ordinal()].add(ord);
                }
                Optional<Consent> consent = m.consent(c);
                if (consent.isPresent() && consent.get().optedIn()) {
                    optedIn[c.ordinal()].add(ord);
                }
            }
            for (Map.Entry<AttributeKey<?>, Object> e : m.attributes().asMap().entrySet()) {
                attrs.computeIfAbsent(e.getKey(), k -> new AttributeColumn.Builder(k.type()))
                        .add(ord, e.getValue());
            }
        }

        /**
         * @param old the columns copied rows came from, or null
         * @param newOrdinal for each old ordinal, its new ordinal or -1 (null without {@code old})
         */
        MemberColumns build(
                @org.jspecify.annotations.Nullable MemberColumns old,
                int @org.jspecify.annotations.Nullable [] newOrdinal) {
            if (old != null && newOrdinal != null) {
                for (Map.Entry<String, RoaringBitmap> t : old.tags.entrySet()) {
                    RoaringBitmap into = tags.computeIfAbsent(t.getKey(), k -> new RoaringBitmap());
                    remap(t.getValue(), newOrdinal, into);
                }
                for (int c = 0; c < channels.length; c++) {
                    remap(old.reachable[c], newOrdinal, reachable[c]);
                    remap(old.optedIn[c], newOrdinal, optedIn[c]);
                }
                tags.values().removeIf(RoaringBitmap::isEmpty);
            }
            int n = ids.size();
            byte[] g = new byte[n];
            for (int i = 0; i < n; i++) {
                g[i] = gender.get(i);
            }
            for (RoaringBitmap t : tags.values()) {
                t.runOptimize();
            }
            for (int c = 0; c < channels.length; c++) {
                reachable[c].runOptimize();
                optedIn[c].runOptimize();
            }
            Map<AttributeKey<?>, AttributeColumn> attributes = new HashMap<>();
            for (Map.Entry<AttributeKey<?>, AttributeColumn.Builder> e : attrs.entrySet()) {
                attributes.put(e.getKey(), e.getValue().build());
            }
            return new MemberColumns(
                    ids.toArray(new MemberId[0]),
                    g,
                    birth.toArray(),
                    joined.toArray(),
                    Codes.of(region.toArray(), dicts.regions.size()),
                    Codes.of(city.toArray(), dicts.cities.size()),
                    Codes.of(source.toArray(), dicts.channels.size()),
                    Collections.unmodifiableMap(tags),
                    reachable,
                    optedIn,
                    Collections.unmodifiableMap(attributes),
                    index);
        }

        private static void remap(RoaringBitmap from, int[] newOrdinal, RoaringBitmap into) {
            org.roaringbitmap.IntIterator it = from.getIntIterator();
            while (it.hasNext()) {
                int m = newOrdinal[it.next()];
                if (m >= 0) {
                    into.add(m);
                }
            }
        }
    }

    static int pack(LocalDate d) {
        return d.getYear() << 9 | d.getMonthValue() << 5 | d.getDayOfMonth();
    }

    /** @return the bytes of the member columns, bitmaps and attribute columns */
    long bytes() {
        long b = ids.length * 4L // references; the ids themselves are shared with the store
                + gender.length
                + birth.length * 4L
                + joinedDay.length * 4L
                + region.bytes()
                + city.bytes()
                + source.bytes()
                + index.bytes();
        for (Map.Entry<String, RoaringBitmap> t : tags.entrySet()) {
            b += t.getValue().getSizeInBytes() + 40 + 2L * t.getKey().length();
        }
        for (int c = 0; c < reachable.length; c++) {
            b += reachable[c].getSizeInBytes() + optedIn[c].getSizeInBytes();
        }
        for (AttributeColumn a : attributes.values()) {
            b += a.bytes();
        }
        return b;
    }
}
