package io.crmkit.core.internal.memory;

import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.NotFoundException;
import io.crmkit.core.spi.VersionConflictException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The in-memory {@link MemberStore}: thread-safe, versioned, indexed by e-mail, phone and external id. */
public final class InMemoryMemberStore extends MemoryStore<MemberId, Member> implements MemberStore {
    private static final Comparator<MemberId> BY_ID = Comparator.naturalOrder();

    private final Buckets<Email, MemberId> byEmail = new Buckets<>(BY_ID);
    private final Buckets<PhoneNumber, MemberId> byPhone = new Buckets<>(BY_ID);
    private final HashMap<ExternalId, MemberId> byExternalId = new HashMap<>();

    /** An empty store. */
    public InMemoryMemberStore() {}

    @Override
    protected void index(Member m) {
        m.email().ifPresent(e -> byEmail.add(e, m.id()));
        m.phone().ifPresent(p -> byPhone.add(p, m.id()));
        for (ExternalId x : m.externalIds()) {
            byExternalId.put(x, m.id());
        }
    }

    @Override
    protected void unindex(Member m) {
        m.email().ifPresent(e -> byEmail.remove(e, m.id()));
        m.phone().ifPresent(p -> byPhone.remove(p, m.id()));
        for (ExternalId x : m.externalIds()) {
            byExternalId.remove(x, m.id());
        }
    }

    @Override
    public List<Member> saveAll(List<Member> members) {
        Map<MemberId, Member> batch = uniqueIds(members, Member::id, "members");
        List<Member> stored = new ArrayList<>(batch.size());
        write(() -> saveLocked(batch, stored));
        return stored;
    }

    /**
     * Reads, changes and saves the member under the write lock, so the change runs once and never
     * conflicts: unlike the SPI's optimistic retry, no writer can starve here.
     */
    @Override
    public Member update(MemberId id, UnaryOperator<Member> change) {
        required(id, "id");
        required(change, "change");
        List<Member> stored = new ArrayList<>(1);
        write(() -> {
            Member current = byId.get(id);
            if (current == null) {
                throw new NotFoundException("member " + id + " does not exist");
            }
            Member changed = change.apply(current);
            if (changed == null) {
                throw new InvalidValueException("update", "the change of member " + id + " returned null");
            }
            if (!changed.id().equals(id)) {
                throw new InvalidValueException("update", "the change turned member " + id + " into " + changed.id());
            }
            return saveLocked(Map.of(id, changed.withVersion(current.version())), stored);
        });
        return stored.get(0);
    }

    /** Checks and saves a batch, adding the stored members to {@code stored}. Called under the write lock. */
    private List<ChangeEvent<Member>> saveLocked(Map<MemberId, Member> batch, List<Member> stored) {
        Map<ExternalId, MemberId> claims = new HashMap<>();
        for (Member m : batch.values()) {
            Member current = byId.get(m.id());
            long actual = current == null ? 0 : current.version();
            if (actual != m.version()) {
                throw new VersionConflictException(m.id(), m.version(), actual);
            }
            for (ExternalId x : m.externalIds()) {
                MemberId other = claims.putIfAbsent(x, m.id());
                if (other != null) {
                    throw new DuplicateKeyException("external id " + x + " is given to both member " + other
                            + " and member " + m.id() + " in one batch; nothing was written");
                }
                MemberId owner = byExternalId.get(x);
                if (owner != null && !owner.equals(m.id())) {
                    Member ownerNext = batch.get(owner);
                    if (ownerNext == null || ownerNext.externalIds().contains(x)) {
                        throw new DuplicateKeyException("external id " + x + " already belongs to member " + owner
                                + ", cannot give it to member " + m.id() + "; nothing was written");
                    }
                }
            }
        }
        List<ChangeEvent<Member>> changes = new ArrayList<>(batch.size());
        // unindex every old value first, so that external ids moving inside the batch are free
        for (Member m : batch.values()) {
            Member old = byId.get(m.id());
            if (old != null) {
                unindex(old);
            }
        }
        for (Member m : batch.values()) {
            Member next = m.withVersion(m.version() + 1);
            Member old = byId.put(next.id(), next);
            index(next);
            changes.add(ChangeEvent.of(old, next));
            stored.add(next);
        }
        return changes;
    }

    @Override
    public List<Member> findByEmail(Email email) {
        required(email, "email");
        return read(() -> resolve(byEmail.get(email, x -> true)));
    }

    @Override
    public List<Member> findByPhone(PhoneNumber phone) {
        required(phone, "phone");
        return read(() -> resolve(byPhone.get(phone, x -> true)));
    }

    @Override
    public Optional<Member> findByExternalId(ExternalId externalId) {
        required(externalId, "externalId");
        return read(() -> Optional.ofNullable(byExternalId.get(externalId)).map(byId::get));
    }

    private List<Member> resolve(List<MemberId> ids) {
        List<Member> out = new ArrayList<>(ids.size());
        for (MemberId id : ids) {
            out.add(byId.get(id));
        }
        return out;
    }
}
