package io.crmkit.loyalty.internal;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** The thread-safe in-memory ledger: one lock per member, a concurrent map of references. */
public final class InMemoryPointsLedgerStore implements PointsLedgerStore {
    private final ConcurrentSkipListMap<MemberId, List<LedgerEntry>> ledgers = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, LedgerEntry> references = new ConcurrentHashMap<>();

    @Override
    public List<LedgerEntry> entries(MemberId member) {
        List<LedgerEntry> list = ledgers.get(member);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    @Override
    public Optional<LedgerEntry> findByReference(String reference) {
        return Optional.ofNullable(references.get(reference));
    }

    @Override
    public AppendResult append(LedgerEntry entry) {
        List<LedgerEntry> list = ledgers.computeIfAbsent(entry.member(), m -> new ArrayList<>());
        synchronized (list) {
            if (entry.sequence() != list.size()) {
                return AppendResult.STALE_SEQUENCE;
            }
            if (references.putIfAbsent(entry.reference(), entry) != null) {
                return AppendResult.DUPLICATE_REFERENCE;
            }
            list.add(entry);
            return AppendResult.APPENDED;
        }
    }

    @Override
    public Stream<MemberId> members() {
        return ledgers.entrySet().stream()
                .filter(e -> {
                    synchronized (e.getValue()) {
                        return !e.getValue().isEmpty();
                    }
                })
                .map(java.util.Map.Entry::getKey);
    }
}
