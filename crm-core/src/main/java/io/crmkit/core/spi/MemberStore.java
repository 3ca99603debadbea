package io.crmkit.core.spi;

import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Stores members, with optimistic versioning so that concurrent updates are never lost.
 *
 * <p>Versions: a member that was never saved has version 0. {@link #saveAll} stores each member
 * only if its version equals the stored version (0 meaning "does not exist yet"), and stores it with
 * version + 1. {@link #update} reads, applies a change and saves, retrying on conflict.
 *
 * <p>Uniqueness: an {@link ExternalId} belongs to at most one member. E-mail and phone are not
 * unique (before identity resolution merges them, two members may share one), so their look-ups
 * return lists.
 *
 * <pre>{@code
 * MemberStore members = crm.members();
 * Member saved = members.save(Member.builder(MemberId.of("M1"), now).name("林美玲").build()); // version 1
 * members.update(MemberId.of("M1"), m -> m.toBuilder().tag(Tag.manual("vip", "amy", now)).build());
 * }</pre>
 */
public interface MemberStore extends KeyedStore<MemberId, Member> {
    /** How many times {@link #update} retries on a version conflict before giving up. */
    int UPDATE_ATTEMPTS = 16;

    /**
     * Saves members atomically: either all are stored or, if any check fails, none.
     *
     * @param members members to save; each id at most once
     * @return the stored members, with their new versions, in the same order
     * @throws VersionConflictException if a member's version is not the stored one
     * @throws DuplicateKeyException if an external id is held by another member, or an id is repeated
     */
    List<Member> saveAll(List<Member> members);

    /**
     * @param member the member to save
     * @return the stored member, with its new version
     * @throws VersionConflictException if its version is not the stored one
     * @throws DuplicateKeyException if an external id is held by another member
     * @throws InvalidValueException if the member is null
     */
    default Member save(Member member) {
        if (member == null) {
            throw new InvalidValueException("member", "is required");
        }
        return saveAll(List.of(member)).get(0);
    }

    /**
     * Reads a member, applies a change and saves it, retrying from a fresh read when another writer
     * got there first.
     *
     * @param id the member
     * @param change the change; it may run more than once, so it must not have side effects
     * @return the stored member
     * @throws NotFoundException if the member does not exist
     * @throws StoreException if the conflicts go on for {@value #UPDATE_ATTEMPTS} attempts (an
     *     adapter should rather override this method with a transactional read-modify-write, e.g.
     *     {@code SELECT ... FOR UPDATE}, which cannot starve)
     * @throws InvalidValueException if an argument is null, or the change returns null or a member with
     *     another id
     */
    default Member update(MemberId id, UnaryOperator<Member> change) {
        if (id == null) {
            throw new InvalidValueException("id", "is required");
        }
        if (change == null) {
            throw new InvalidValueException("change", "is required");
        }
        for (int attempt = 1; ; attempt++) {
            Member current = find(id).orElseThrow(() -> new NotFoundException("member " + id + " does not exist"));
            Member changed = change.apply(current);
            if (changed == null) {
                throw new InvalidValueException("update", "the change of member " + id + " returned null");
            }
            if (!changed.id().equals(id)) {
                throw new InvalidValueException("update", "the change turned member " + id + " into " + changed.id());
            }
            try {
                return save(changed.withVersion(current.version()));
            } catch (VersionConflictException e) {
                if (attempt >= UPDATE_ATTEMPTS) {
                    throw new StoreException(
                            "member " + id + ": gave up after " + attempt + " conflicting concurrent updates", e);
                }
            }
        }
    }

    /**
     * @param email a normalised e-mail address
     * @return the members with that address, in id order
     */
    List<Member> findByEmail(Email email);

    /**
     * @param phone a phone number
     * @return the members with that phone, in id order
     */
    List<Member> findByPhone(PhoneNumber phone);

    /**
     * @param externalId an id in another system
     * @return the member holding it, if any
     */
    Optional<Member> findByExternalId(ExternalId externalId);

    @Override
    default MemberId idOf(Member value) {
        return value.id();
    }
}
