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
        ZoneRules rules = brand.zone().getRules();
        List<MemberId> ids = new ArrayList<>();
        StringDict index = new StringDict();
        Bufs.ByteBuf gender = new Bufs.ByteBuf(1024);
        Bufs.IntBuf birth = new Bufs.IntBuf(1024);
        Bufs.IntBuf joined = new Bufs.IntBuf(1024);
        Bufs.IntBuf region = new Bufs.IntBuf(1024);
        Bufs.IntBuf city = new Bufs.IntBuf(1024);
        Bufs.IntBuf source = new Bufs.IntBuf(1024);
        Map<String, RoaringBitmap> tags = new HashMap<>();
        ContactChannel[] channels = ContactChannel.values();
        RoaringBitmap[] reachable = new RoaringBitmap[channels.length];
        RoaringBitmap[] optedIn = new RoaringBitmap[channels.length];
        for (int c = 0; c < channels.length; c++) {
            reachable[c] = new RoaringBitmap();
            optedIn[c] = new RoaringBitmap();
        }
        Map<AttributeKey<?>, AttributeColumn.Builder> attrs = new HashMap<>();
        try (Stream<Member> stream = store.stream()) {
            Iterator<Member> it = stream.iterator();
            while (it.hasNext()) {
                Member m = it.next();
                int ord = ids.size();
                if (index.add(m.id().value()) != ord + 1) {
                    throw new IllegalStateException("the member store returned " + m.id() + " twice");
                }
                ids.add(m.id());
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
                for (Map.Entry<AttributeKey<?>, Object> e :
                        m.attributes().asMap().entrySet()) {
                    attrs.computeIfAbsent(e.getKey(), k -> new AttributeColumn.Builder(k.type()))
                            .add(ord, e.getValue());
                }
            }
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
