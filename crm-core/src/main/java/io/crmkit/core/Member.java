package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A member of a brand: the static profile (name, gender, birthday, join time, region, city, source
 * channel), contact points and consent per channel, typed custom attributes, tags, notes and every
 * id the member has in other systems.
 *
 * <p>Dynamic data (order count, spend, last purchase...) is not stored here: it is derived from
 * orders by {@link MemberStats}. A member is immutable; change it with {@link #toBuilder()} and
 * save the result. {@link #version()} is the store's optimistic-locking version: 0 for a member
 * that was never saved.
 *
 * <pre>{@code
 * Member mei = Member.builder(MemberId.of("M1"), Instant.parse("2025-03-01T02:00:00Z"))
 *         .name("林美玲")
 *         .gender(Gender.FEMALE)
 *         .birthday(LocalDate.of(1999, 5, 20))
 *         .city("新北市")
 *         .phone(PhoneNumber.parse("0912-345-678", "886"))
 *         .consent(Consent.optIn(ContactChannel.SMS, Instant.parse("2025-03-01T02:00:00Z"), "pos"))
 *         .tag(Tag.manual("vip", "agent:amy", Instant.parse("2025-04-01T02:00:00Z")))
 *         .build();
 * mei.isReachableBy(ContactChannel.SMS); // true
 * }</pre>
 */
public final class Member {
    private final MemberId id;
    private final long version;
    private final @Nullable String name;
    private final Gender gender;
    private final @Nullable LocalDate birthday;
    private final Instant joinedAt;
    private final @Nullable String region;
    private final @Nullable String city;
    private final @Nullable SalesChannel sourceChannel;
    private final @Nullable Email email;
    private final @Nullable PhoneNumber phone;
    private final @Nullable String lineId;
    private final @Nullable String facebookId;
    private final @Nullable ContactChannel preferredChannel;
    // small arrays rather than maps and sets: a brand keeps 10^6 members in memory
    private final Consent[] consents;
    private final Attributes attributes;
    private final Tag[] tags;
    private final List<Note> notes;
    private final ExternalId[] externalIds;

    private static final Consent[] NO_CONSENTS = new Consent[0];
    private static final Tag[] NO_TAGS = new Tag[0];
    private static final ExternalId[] NO_EXTERNAL_IDS = new ExternalId[0];

    private Member(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.name = b.name;
        this.gender = b.gender;
        this.birthday = b.birthday;
        this.joinedAt = b.joinedAt;
        this.region = b.region;
        this.city = b.city;
        this.sourceChannel = b.sourceChannel;
        this.email = b.email;
        this.phone = b.phone;
        this.lineId = b.lineId;
        this.facebookId = b.facebookId;
        this.preferredChannel = b.preferredChannel;
        this.consents = b.consents.isEmpty() ? NO_CONSENTS : b.consents.values().toArray(NO_CONSENTS);
        this.attributes = b.attributes;
        this.tags = b.tags.isEmpty() ? NO_TAGS : b.tags.values().toArray(NO_TAGS);
        this.notes = List.copyOf(b.notes);
        this.externalIds = b.externalIds.isEmpty() ? NO_EXTERNAL_IDS : b.externalIds.toArray(NO_EXTERNAL_IDS);
    }

    /**
     * @param id the member id
     * @param joinedAt when the member joined the brand
     * @return a builder for a new member (version 0)
     */
    public static Builder builder(MemberId id, Instant joinedAt) {
        return new Builder(Check.notNull(id, "member.id"), Check.notNull(joinedAt, "member.joinedAt"));
    }

    /** @return a builder that starts from this member, with the same id and version */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param newVersion the version a store assigned
     * @return a copy with that version; everything else unchanged
     */
    public Member withVersion(long newVersion) {
        Check.nonNegative(newVersion, "member.version");
        return newVersion == version ? this : new Member(this, newVersion);
    }

    private Member(Member m, long version) {
        this.id = m.id;
        this.version = version;
        this.name = m.name;
        this.gender = m.gender;
        this.birthday = m.birthday;
        this.joinedAt = m.joinedAt;
        this.region = m.region;
        this.city = m.city;
        this.sourceChannel = m.sourceChannel;
        this.email = m.email;
        this.phone = m.phone;
        this.lineId = m.lineId;
        this.facebookId = m.facebookId;
        this.preferredChannel = m.preferredChannel;
        this.consents = m.consents;
        this.attributes = m.attributes;
        this.tags = m.tags;
        this.notes = m.notes;
        this.externalIds = m.externalIds;
    }

    /** @return the member id */
    public MemberId id() {
        return id;
    }

    /** @return the optimistic-locking version; 0 if never saved */
    public long version() {
        return version;
    }

    /** @return the member's name, if known */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the gender; {@link Gender#UNKNOWN} if not given */
    public Gender gender() {
        return gender;
    }

    /** @return the birthday, if known */
    public Optional<LocalDate> birthday() {
        return Optional.ofNullable(birthday);
    }

    /** @return when the member joined */
    public Instant joinedAt() {
        return joinedAt;
    }

    /** @return the region, e.g. "北部" (north), if known */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** @return the city or county, e.g. "新北市", if known */
    public Optional<String> city() {
        return Optional.ofNullable(city);
    }

    /** @return the channel the member came from, if known */
    public Optional<SalesChannel> sourceChannel() {
        return Optional.ofNullable(sourceChannel);
    }

    /** @return the e-mail address, if known */
    public Optional<Email> email() {
        return Optional.ofNullable(email);
    }

    /** @return the mobile phone, if known */
    public Optional<PhoneNumber> phone() {
        return Optional.ofNullable(phone);
    }

    /** @return the LINE user id, if known */
    public Optional<String> lineId() {
        return Optional.ofNullable(lineId);
    }

    /** @return the Facebook (page-scoped) user id, if known */
    public Optional<String> facebookId() {
        return Optional.ofNullable(facebookId);
    }

    /** @return the channel the member prefers to be contacted on, if given */
    public Optional<ContactChannel> preferredChannel() {
        return Optional.ofNullable(preferredChannel);
    }

    /** @return the latest consent for each channel that has one */
    public Map<ContactChannel, Consent> consents() {
        if (consents.length == 0) {
            return Map.of();
        }
        EnumMap<ContactChannel, Consent> map = new EnumMap<>(ContactChannel.class);
        for (Consent c : consents) {
            map.put(c.channel(), c);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * @param channel a channel
     * @return the latest consent for that channel, if any was recorded
     */
    public Optional<Consent> consent(ContactChannel channel) {
        return Optional.ofNullable(consentFor(channel));
    }

    private @Nullable Consent consentFor(ContactChannel channel) {
        for (Consent c : consents) {
            if (c.channel() == channel) {
                return c;
            }
        }
        return null;
    }

    /**
     * A member is reachable by a channel when the channel's contact point is known and the member has
     * opted in on it. {@link ContactChannel#APP_PUSH} needs only the opt-in.
     *
     * @param channel a channel
     * @return true if marketing may be sent to the member on that channel
     */
    public boolean isReachableBy(ContactChannel channel) {
        Consent c = consentFor(channel);
        if (c == null || !c.optedIn()) {
            return false;
        }
        return switch (channel) {
            case EMAIL -> email != null;
            case SMS, PHONE_CALL -> phone != null;
            case LINE -> lineId != null;
            case FACEBOOK -> facebookId != null;
            case APP_PUSH -> true;
        };
    }

    /** @return the custom attributes */
    public Attributes attributes() {
        return attributes;
    }

    /**
     * @param key a custom attribute key
     * @param <T> its value type
     * @return the value, if set
     */
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return attributes.get(key);
    }

    /** @return the tags, in the order they were added */
    public Collection<Tag> tags() {
        return Collections.unmodifiableList(Arrays.asList(tags));
    }

    /**
     * @param name a tag name
     * @return the tag of that name, if the member has it
     */
    public Optional<Tag> tag(String name) {
        for (Tag t : tags) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a tag name
     * @return true if the member has a tag of that name
     */
    public boolean hasTag(String name) {
        for (Tag t : tags) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return the notes, oldest first */
    public List<Note> notes() {
        return notes;
    }

    /** @return the ids this member has in other systems */
    public Set<ExternalId> externalIds() {
        return new AbstractSet<>() {
            @Override
            public Iterator<ExternalId> iterator() {
                return Arrays.asList(externalIds).iterator();
            }

            @Override
            public int size() {
                return externalIds.length;
            }
        };
    }

    /**
     * The age in whole years. A birthday on 29 February is celebrated on 28 February in common
     * years, for the age as for {@link #nextBirthday}.
     *
     * @param today a date in the brand's zone
     * @return the age in whole years on that date, if the birthday is known
     */
    public OptionalInt age(LocalDate today) {
        if (birthday == null) {
            return OptionalInt.empty();
        }
        // the same anniversary rule as nextBirthday: 29 February counts on 28 February in common years
        int years = today.getYear() - birthday.getYear();
        if (today.isBefore(MonthDay.from(birthday).atYear(today.getYear()))) {
            years--;
        }
        return OptionalInt.of(Math.max(0, years));
    }

    /**
     * The next birthday on or after a date. A 29 February birthday falls on 28 February in years
     * that are not leap years.
     *
     * @param from a date in the brand's zone
     * @return the date of the next birthday, if the birthday is known
     */
    public Optional<LocalDate> nextBirthday(LocalDate from) {
        if (birthday == null) {
            return Optional.empty();
        }
        MonthDay md = MonthDay.from(birthday);
        LocalDate candidate = md.atYear(from.getYear());
        if (candidate.isBefore(from)) {
            candidate = md.atYear(from.getYear() + 1);
        }
        return Optional.of(candidate);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Member m
                && version == m.version
                && id.equals(m.id)
                && Objects.equals(name, m.name)
                && gender == m.gender
                && Objects.equals(birthday, m.birthday)
                && joinedAt.equals(m.joinedAt)
                && Objects.equals(region, m.region)
                && Objects.equals(city, m.city)
                && Objects.equals(sourceChannel, m.sourceChannel)
                && Objects.equals(email, m.email)
                && Objects.equals(phone, m.phone)
                && Objects.equals(lineId, m.lineId)
                && Objects.equals(facebookId, m.facebookId)
                && preferredChannel == m.preferredChannel
                && consents().equals(m.consents())
                && attributes.equals(m.attributes)
                && tagMap().equals(m.tagMap())
                && notes.equals(m.notes)
                && externalIds().equals(m.externalIds());
    }

    private Map<String, Tag> tagMap() {
        Map<String, Tag> map = new LinkedHashMap<>();
        for (Tag t : tags) {
            map.put(t.name(), t);
        }
        return map;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, joinedAt, name, email, phone);
    }

    /** @return the id and version only: names and contact points are personal data */
    @Override
    public String toString() {
        return "Member[" + id + " v" + version + "]";
    }

    /** Builds a {@link Member}. Setting a field to {@code null} clears it. */
    public static final class Builder {
        private final MemberId id;
        private long version;
        private @Nullable String name;
        private Gender gender = Gender.UNKNOWN;
        private @Nullable LocalDate birthday;
        private Instant joinedAt;
        private @Nullable String region;
        private @Nullable String city;
        private @Nullable SalesChannel sourceChannel;
        private @Nullable Email email;
        private @Nullable PhoneNumber phone;
        private @Nullable String lineId;
        private @Nullable String facebookId;
        private @Nullable ContactChannel preferredChannel;
        private final Map<ContactChannel, Consent> consents = new EnumMap<>(ContactChannel.class);
        private Attributes attributes = Attributes.empty();
        private final Map<String, Tag> tags = new LinkedHashMap<>();
        private final java.util.ArrayList<Note> notes = new java.util.ArrayList<>();
        private final Set<ExternalId> externalIds = new LinkedHashSet<>();

        private Builder(MemberId id, Instant joinedAt) {
            this.id = id;
            this.joinedAt = joinedAt;
        }

        private Builder(Member m) {
            this.id = m.id;
            this.version = m.version;
            this.name = m.name;
            this.gender = m.gender;
            this.birthday = m.birthday;
            this.joinedAt = m.joinedAt;
            this.region = m.region;
            this.city = m.city;
            this.sourceChannel = m.sourceChannel;
            this.email = m.email;
            this.phone = m.phone;
            this.lineId = m.lineId;
            this.facebookId = m.facebookId;
            this.preferredChannel = m.preferredChannel;
            for (Consent c : m.consents) {
                this.consents.put(c.channel(), c);
            }
            this.attributes = m.attributes;
            for (Tag t : m.tags) {
                this.tags.put(t.name(), t);
            }
            this.notes.addAll(m.notes);
            this.externalIds.addAll(Arrays.asList(m.externalIds));
        }

        /**
         * @param version the optimistic-locking version (stores set it)
         * @return this builder
         */
        public Builder version(long version) {
            this.version = Check.nonNegative(version, "member.version");
            return this;
        }

        /**
         * @param name the member's name; blank clears it
         * @return this builder
         */
        public Builder name(@Nullable String name) {
            this.name = blankToNull(name, "member.name");
            return this;
        }

        /**
         * @param gender the gender
         * @return this builder
         */
        public Builder gender(Gender gender) {
            this.gender = Check.notNull(gender, "member.gender");
            return this;
        }

        /**
         * @param birthday the birthday
         * @return this builder
         */
        public Builder birthday(@Nullable LocalDate birthday) {
            this.birthday = birthday;
            return this;
        }

        /**
         * @param joinedAt when the member joined
         * @return this builder
         */
        public Builder joinedAt(Instant joinedAt) {
            this.joinedAt = Check.notNull(joinedAt, "member.joinedAt");
            return this;
        }

        /**
         * @param region the region; blank clears it
         * @return this builder
         */
        public Builder region(@Nullable String region) {
            this.region = blankToNull(region, "member.region");
            return this;
        }

        /**
         * @param city the city or county; blank clears it
         * @return this builder
         */
        public Builder city(@Nullable String city) {
            this.city = blankToNull(city, "member.city");
            return this;
        }

        /**
         * @param channel the channel the member came from
         * @return this builder
         */
        public Builder sourceChannel(@Nullable SalesChannel channel) {
            this.sourceChannel = channel;
            return this;
        }

        /**
         * @param email the e-mail address
         * @return this builder
         */
        public Builder email(@Nullable Email email) {
            this.email = email;
            return this;
        }

        /**
         * @param phone the mobile phone
         * @return this builder
         */
        public Builder phone(@Nullable PhoneNumber phone) {
            this.phone = phone;
            return this;
        }

        /**
         * @param lineId the LINE user id
         * @return this builder
         */
        public Builder lineId(@Nullable String lineId) {
            this.lineId = lineId == null ? null : Check.id(lineId, "member.lineId");
            return this;
        }

        /**
         * @param facebookId the Facebook user id
         * @return this builder
         */
        public Builder facebookId(@Nullable String facebookId) {
            this.facebookId = facebookId == null ? null : Check.id(facebookId, "member.facebookId");
            return this;
        }

        /**
         * @param channel the preferred channel
         * @return this builder
         */
        public Builder preferredChannel(@Nullable ContactChannel channel) {
            this.preferredChannel = channel;
            return this;
        }

        /**
         * Records a consent. The latest one per channel is kept: a consent older than the one already
         * recorded for its channel (an import replaying old data) is ignored; on equal times the new
         * one wins.
         *
         * @param consent the consent
         * @return this builder
         */
        public Builder consent(Consent consent) {
            Check.notNull(consent, "member.consent");
            Consent current = consents.get(consent.channel());
            if (current == null || !consent.at().isBefore(current.at())) {
                consents.put(consent.channel(), consent);
            }
            return this;
        }

        /**
         * @param key a custom attribute key
         * @param value its value
         * @param <T> the value type
         * @return this builder
         */
        public <T> Builder attribute(AttributeKey<T> key, T value) {
            this.attributes = attributes.with(key, value);
            return this;
        }

        /**
         * @param key a custom attribute key to remove
         * @return this builder
         */
        public Builder removeAttribute(AttributeKey<?> key) {
            this.attributes = attributes.without(key);
            return this;
        }

        /**
         * @param attributes all custom attributes, replacing those set before
         * @return this builder
         */
        public Builder attributes(Attributes attributes) {
            this.attributes = Check.notNull(attributes, "member.attributes");
            return this;
        }

        /**
         * Adds a tag; it replaces a tag of the same name.
         *
         * @param tag the tag
         * @return this builder
         */
        public Builder tag(Tag tag) {
            Check.notNull(tag, "member.tag");
            tags.put(tag.name(), tag);
            return this;
        }

        /**
         * @param name the name of a tag to remove
         * @return this builder
         */
        public Builder untag(String name) {
            tags.remove(name);
            return this;
        }

        /**
         * @param note a note to append
         * @return this builder
         */
        public Builder note(Note note) {
            notes.add(Check.notNull(note, "member.note"));
            return this;
        }

        /**
         * @param externalId an id the member has in another system
         * @return this builder
         */
        public Builder externalId(ExternalId externalId) {
            externalIds.add(Check.notNull(externalId, "member.externalId"));
            return this;
        }

        /**
         * @param externalId an external id to remove
         * @return this builder
         */
        public Builder removeExternalId(ExternalId externalId) {
            externalIds.remove(externalId);
            return this;
        }

        /**
         * @return the member
         * @throws InvalidValueException if the birthday is before 1900 or after the join date
         */
        public Member build() {
            if (birthday != null) {
                if (birthday.getYear() < 1900) {
                    throw new InvalidValueException("member.birthday", birthday + " is before 1900");
                }
                if (birthday.isAfter(LocalDate.ofInstant(joinedAt, java.time.ZoneOffset.ofHours(14)))) {
                    throw new InvalidValueException(
                            "member.birthday", birthday + " is after the member joined (" + joinedAt + ")");
                }
            }
            return new Member(this);
        }

        private static @Nullable String blankToNull(@Nullable String s, String field) {
            if (s == null || s.isBlank()) {
                return null;
            }
            String t = s.strip();
            Check.that(t.length() <= 200, field, "is longer than 200 characters");
            return t;
        }
    }
}
