package io.crmkit.io.internal;

import io.crmkit.core.Consent;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one group of rows says about a member: either a whole member (the canonical format, which
 * replaces the stored one) or some fields, merged into the stored member: fields present in the
 * file win, external ids, tags and consents are added (a consent older than the stored one is
 * ignored), the join time is the earliest seen.
 */
public final class MemberDraft {
    public @Nullable Member whole;
    public @Nullable MemberId id;
    public final List<ExternalId> externalIds = new ArrayList<>(2);
    public @Nullable Email email;
    public @Nullable PhoneNumber phone;
    public @Nullable String name;
    public @Nullable Gender gender;
    public @Nullable LocalDate birthday;
    public @Nullable Instant joinedAt;
    public @Nullable String city;
    public @Nullable String region;
    public @Nullable String lineId;
    public @Nullable SalesChannel sourceChannel;
    public final List<Consent> consents = new ArrayList<>(2);
    public final List<String> tags = new ArrayList<>(2);

    /** @return true if nothing identifies the member */
    public boolean anonymous() {
        return whole == null && id == null && externalIds.isEmpty() && email == null && phone == null;
    }

    /** Adds what a later draft of the same member says (a second order of the member in one batch). */
    public void absorb(MemberDraft later) {
        if (later.whole != null) {
            whole = later.whole;
            return;
        }
        for (ExternalId x : later.externalIds) {
            if (!externalIds.contains(x)) {
                externalIds.add(x);
            }
        }
        if (later.email != null) {
            email = later.email;
        }
        if (later.phone != null) {
            phone = later.phone;
        }
        if (later.name != null) {
            name = later.name;
        }
        if (later.gender != null) {
            gender = later.gender;
        }
        if (later.birthday != null) {
            birthday = later.birthday;
        }
        if (later.joinedAt != null && (joinedAt == null || later.joinedAt.isBefore(joinedAt))) {
            joinedAt = later.joinedAt;
        }
        if (later.city != null) {
            city = later.city;
        }
        if (later.region != null) {
            region = later.region;
        }
        if (later.lineId != null) {
            lineId = later.lineId;
        }
        if (later.sourceChannel != null) {
            sourceChannel = later.sourceChannel;
        }
        consents.addAll(later.consents);
        for (String t : later.tags) {
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
    }

    /**
     * @param existing the stored member, or null
     * @param newId the id for a new member
     * @param fallbackJoined the join time of a new member when the draft has none
     * @param tagAt when tags are added
     * @return the member to store
     */
    public Member mergeInto(
            @Nullable Member existing, MemberId newId, Instant fallbackJoined, Instant tagAt, String source) {
        if (whole != null) {
            return existing == null ? whole : whole.withVersion(existing.version());
        }
        Member.Builder b;
        if (existing == null) {
            b = Member.builder(newId, joinedAt != null ? joinedAt : fallbackJoined);
        } else {
            b = existing.toBuilder();
            if (joinedAt != null && joinedAt.isBefore(existing.joinedAt())) {
                b.joinedAt(joinedAt);
            }
        }
        for (ExternalId x : externalIds) {
            b.externalId(x);
        }
        if (email != null) {
            b.email(email);
        }
        if (phone != null) {
            b.phone(phone);
        }
        if (name != null) {
            b.name(name);
        }
        if (gender != null) {
            b.gender(gender);
        }
        if (birthday != null) {
            b.birthday(birthday);
        }
        if (city != null) {
            b.city(city);
        }
        if (region != null) {
            b.region(region);
        }
        if (lineId != null) {
            b.lineId(lineId);
        }
        if (sourceChannel != null
                && (existing == null || existing.sourceChannel().isEmpty())) {
            b.sourceChannel(sourceChannel);
        }
        for (Consent c : consents) {
            // a file that says again what is stored changes nothing (a re-import keeps the first time)
            Consent stored = existing == null ? null : existing.consents().get(c.channel());
            if (stored == null || stored.optedIn() != c.optedIn()) {
                b.consent(c);
            }
        }
        for (String t : tags) {
            if (existing == null || !existing.hasTag(t)) {
                b.tag(new Tag(t, Tag.Source.IMPORT, "import:" + source.toLowerCase(java.util.Locale.ROOT), tagAt));
            }
        }
        return b.build();
    }
}
