package io.crmkit.loyalty.internal;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Referral;
import io.crmkit.loyalty.spi.ReferralStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The thread-safe in-memory referral store (one lock: attribution checks the chain atomically). */
public final class InMemoryReferralStore implements ReferralStore {
    private final Map<MemberId, String> codes = new HashMap<>();
    private final Map<String, MemberId> owners = new HashMap<>();
    private final TreeMap<MemberId, Referral> referrals = new TreeMap<>();

    @Override
    public synchronized Optional<String> putCodeIfAbsent(MemberId member, String code) {
        String existing = codes.get(member);
        if (existing != null) {
            return Optional.of(existing);
        }
        if (owners.containsKey(code)) {
            return Optional.empty();
        }
        codes.put(member, code);
        owners.put(code, member);
        return Optional.of(code);
    }

    @Override
    public synchronized Optional<String> codeOf(MemberId member) {
        return Optional.ofNullable(codes.get(member));
    }

    @Override
    public synchronized Optional<MemberId> ownerOf(String code) {
        return Optional.ofNullable(owners.get(code));
    }

    @Override
    public synchronized AttributeResult attribute(Referral referral) {
        if (referrals.containsKey(referral.referee())) {
            return AttributeResult.ALREADY_REFERRED;
        }
        MemberId m = referral.referrer();
        for (int depth = 0; depth <= referrals.size(); depth++) {
            if (m.equals(referral.referee())) {
                return AttributeResult.LOOP;
            }
            Referral up = referrals.get(m);
            if (up == null) {
                break;
            }
            m = up.referrer();
        }
        referrals.put(referral.referee(), referral);
        return AttributeResult.ATTRIBUTED;
    }

    @Override
    public synchronized Optional<Referral> referralOf(MemberId referee) {
        return Optional.ofNullable(referrals.get(referee));
    }

    @Override
    public synchronized Optional<Referral> reward(MemberId referee, Referral.Reward reward) {
        Referral r = referrals.get(referee);
        if (r == null) {
            return Optional.empty();
        }
        if (r.reward().isEmpty()) {
            r = r.rewarded(reward);
            referrals.put(referee, r);
        }
        return Optional.of(r);
    }

    @Override
    public synchronized Stream<Referral> referrals() {
        return List.copyOf(referrals.values()).stream();
    }
}
