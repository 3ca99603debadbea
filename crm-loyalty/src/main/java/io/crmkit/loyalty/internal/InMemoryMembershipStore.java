package io.crmkit.loyalty.internal;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.MembershipTerm;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** The thread-safe in-memory membership store. */
public final class InMemoryMembershipStore implements MembershipStore {
    private final ConcurrentSkipListMap<MemberId, List<MembershipTerm>> terms = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, MembershipTerm> keys = new ConcurrentHashMap<>();

    @Override
    public List<MembershipTerm> terms(MemberId member) {
        List<MembershipTerm> list = terms.get(member);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    @Override
    public Optional<MembershipTerm> findByKey(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    @Override
    public AppendResult append(MembershipTerm term) {
        List<MembershipTerm> list = terms.computeIfAbsent(term.member(), m -> new ArrayList<>());
        synchronized (list) {
            if (term.sequence() != list.size()) {
                return AppendResult.STALE_SEQUENCE;
            }
            if (keys.putIfAbsent(term.key(), term) != null) {
                return AppendResult.DUPLICATE_REFERENCE;
            }
            list.add(term);
            return AppendResult.APPENDED;
        }
    }

    @Override
    public Stream<MemberId> members() {
        return terms.keySet().stream().filter(m -> !terms(m).isEmpty());
    }
}
