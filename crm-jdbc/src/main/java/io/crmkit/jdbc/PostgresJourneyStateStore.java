package io.crmkit.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyInstance.Outcome;
import io.crmkit.automation.spi.JourneyInstance.Status;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.ColumnArrays;
import io.crmkit.jdbc.internal.Pg;
import io.crmkit.jdbc.internal.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * crm-automation's {@link JourneyStateStore} on PostgreSQL: journeys survive restarts, and several
 * {@link io.crmkit.automation.JourneyEngine}s (in one JVM or in several processes, each with its own
 * {@link io.crmkit.automation.JourneyEngine.Builder#owner(String) owner} name) can share one store.
 * Tables {@code journey_instance}, {@code journey_effect} and {@code journey_cursor} of the stores'
 * schema (Flyway migration {@code V2__journeys}).
 *
 * <pre>{@code
 * PostgresStores pg = PostgresStores.builder(dataSource).schema("crmkit").build();
 * JourneyEngine engine = JourneyEngine.builder(crm)
 *         .store(pg.journeys())
 *         .owner("engine-" + hostName)
 *         .messages(gateway)
 *         .build();
 * }</pre>
 *
 * <p>How each call is atomic: {@link #enter} runs in one transaction holding a transaction-scoped
 * advisory lock on the (journey, member) pair, so that concurrent entries of one pair apply {@link
 * Reentry#allows} one after the other; {@link #schedule} and {@link #intend} are {@code INSERT ... ON
 * CONFLICT DO NOTHING}; {@link #update} is {@code UPDATE ... WHERE id = ? AND version = ?} and clears
 * the lease (not while the instance stays running, see {@link #update}); {@link #claimDue} selects due rows {@code FOR UPDATE SKIP LOCKED} and leases them in the
 * same statement. A transaction the server aborts as a deadlock victim or serialization failure is run
 * again. Every instant is kept exactly (microseconds plus the nanoseconds below); the store holds the
 * years 1 to 9999 for instance and effect times.
 */
public final class PostgresJourneyStateStore implements BatchingJourneyStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> CONTEXT = new TypeReference<>() {};
    /** The advisory-lock class of journey pairs ("crmj"); the object key is {@code hashtext(pair)}. */
    private static final int LOCK_CLASS = 0x63726d6a;

    private static final int ATTEMPTS = 8;

    private static final String COLUMNS = "instance_id, journey_id, journey_version, member_id, entry_key,"
            + " entered_at, entered_nanos, status, step, due_at, due_nanos, arm, last_step, actions, attempt,"
            + " context, outcome, version";
    private static final String EFFECT_COLUMNS = "effect_key, kind, journey_id, journey_version, member_id, step,"
            + " at, at_nanos, status, detail, completed_at, completed_nanos";

    private final DataSource dataSource;
    private final String schema;
    private final String instances;
    private final String effects;
    private final String cursors;

    PostgresJourneyStateStore(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.instances = schema + ".journey_instance";
        this.effects = schema + ".journey_effect";
        this.cursors = schema + ".journey_cursor";
    }

    /**
     * @param stores the PostgreSQL stores whose data source and (migrated) schema to use
     * @return the journey state store in that schema (the same as {@link PostgresStores#journeys()})
     * @throws InvalidValueException if {@code stores} is null
     */
    public static PostgresJourneyStateStore of(PostgresStores stores) {
        return Pg.required(stores, "stores").journeys();
    }

    /** @return the schema of the tables */
    public String schema() {
        return schema;
    }

    // ------------------------------------------------------------------ instances

    @Override
    public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        Pg.required(instance, "instance");
        Pg.required(reentry, "reentry");
        Pg.required(zone, "zone");
        checkTimes(instance);
        List<WriteBatch.Entering> one = List.of(new WriteBatch.Entering(instance, reentry, zone));
        return transaction("journeys.enter(" + instance.id() + ")", c -> enterAll(c, one, null, null, null))
                .get(0);
    }

    /**
     * Admits entries in order inside the caller's transaction: locks every (journey, member) pair
     * (in one order, so that concurrent batches cannot deadlock on them), reads the rows the entries
     * replace and the pairs' admitted entries, decides each entry as {@link #enter} does, then writes
     * in two batches.
     *
     * @param owner the engine to lease entered instances to, or null for no lease
     * @param now the engine's present (leases run from the later of it and each instance's due instant)
     * @param lease how long
     */
    private List<EnterResult> enterAll(
            Connection c,
            List<WriteBatch.Entering> entries,
            @Nullable String owner,
            @Nullable Instant now,
            @Nullable Duration lease)
            throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Set<String> pairs = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        List<String> journeys = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (WriteBatch.Entering e : entries) {
            JourneyInstance i = e.instance();
            if (pairs.add(pairKey(i))) {
                journeys.add(i.journey().value());
                members.add(i.member().value());
            }
            ids.add(i.id());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, h) FROM (SELECT DISTINCT"
                + " hashtext(k) AS h FROM unnest(?::text[]) AS k) AS locks ORDER BY h")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setArray(2, Pg.textArray(c, pairs));
            ps.executeQuery().close();
        }
        Map<String, JourneyInstance> existing = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + prefixed("i.") + " FROM unnest(?::text[]) AS x(id) JOIN " + instances
                        + " i ON i.instance_id = x.id FOR UPDATE OF i")) {
            ps.setArray(1, Pg.textArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JourneyInstance i = instance(rs);
                    existing.put(i.id(), i);
                }
            }
        }
        /* per pair: the last admitted entry and how many admitted ones are in the journey */
        Map<String, Instant> last = new HashMap<>();
        Map<String, Integer> in = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT journey_id, member_id, entered_at, entered_nanos,"
                + " status FROM " + instances + " WHERE admitted AND (journey_id, member_id) IN"
                + " (SELECT * FROM unnest(?::text[], ?::text[]))")) {
            ps.setArray(1, Pg.textArray(c, journeys));
            ps.setArray(2, Pg.textArray(c, members));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String pair = pairKey(rs.getString(1), rs.getString(2));
                    Instant at = Pg.getInstant(rs, 3);
                    last.merge(pair, at, (x, y) -> x.isAfter(y) ? x : y);
                    Status st = Status.valueOf(rs.getString(5));
                    boolean inJourney = st == Status.RUNNING || st == Status.WAITING || st == Status.WAITING_EVENT;
                    in.merge(pair, inJourney ? 1 : 0, Integer::sum);
                }
            }
        }
        List<EnterResult> results = new ArrayList<>(entries.size());
        LinkedHashMap<String, JourneyInstance> inserts = new LinkedHashMap<>();
        List<JourneyInstance[]> replaces = new ArrayList<>(); // {stored, next, admitted?}
        List<Boolean> admittedFlags = new ArrayList<>();
        for (WriteBatch.Entering e : entries) {
            JourneyInstance instance = e.instance();
            JourneyInstance old = existing.get(instance.id());
            if (old != null && old.status() != Status.SCHEDULED) {
                results.add(EnterResult.DUPLICATE);
                continue;
            }
            long expected = old == null ? 1 : old.version() + 1;
            if (instance.version() != expected || instance.status() != Status.RUNNING) {
                throw new InvalidValueException(
                        "instance " + instance.id(), "must be running with version " + expected + " to enter");
            }
            String pair = pairKey(instance);
            if (!e.reentry().allows(last.get(pair), in.getOrDefault(pair, 0) > 0, instance.enteredAt(), e.zone())) {
                if (old != null) {
                    JourneyInstance refused = old.finish(Outcome.NOT_ADMITTED);
                    replaces.add(new JourneyInstance[] {old, refused});
                    admittedFlags.add(false);
                    existing.put(old.id(), refused);
                }
                results.add(EnterResult.REFUSED);
                continue;
            }
            if (old != null) {
                replaces.add(new JourneyInstance[] {old, instance});
                admittedFlags.add(true);
            } else {
                inserts.put(instance.id(), instance);
            }
            existing.put(instance.id(), instance);
            last.merge(pair, instance.enteredAt(), (x, y) -> x.isAfter(y) ? x : y);
            in.merge(pair, 1, Integer::sum);
            results.add(EnterResult.ENTERED);
        }
        if (!inserts.isEmpty()
                && insertAll(c, new ArrayList<>(inserts.values()), true, owner, now, lease) != inserts.size()) {
            // scheduled by another transaction since we looked: run the whole batch again
            throw new SQLException("a journey instance appeared concurrently", "40001");
        }
        if (!replaces.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    replaceSql(", admitted = ?, lease_owner = ?, lease_until = ?, lease_nanos = ?"))) {
                for (int k = 0; k < replaces.size(); k++) {
                    JourneyInstance[] r = replaces.get(k);
                    int n = bindInstance(ps, r[1]);
                    boolean admitted = admittedFlags.get(k);
                    ps.setBoolean(n, admitted);
                    // an admitted entry is leased to the entering engine; a refused one keeps no lease
                    bindLease(ps, n + 1, r[1], admitted ? owner : null, now, lease);
                    ps.setString(n + 4, r[1].id());
                    ps.setLong(n + 5, r[0].version());
                    ps.addBatch();
                }
                for (int count : ps.executeBatch()) {
                    if (count != 1) {
                        throw new SQLException("a scheduled journey instance changed concurrently", "40001");
                    }
                }
            }
        }
        return results;
    }

    private static void bindLease(
            PreparedStatement ps,
            int n,
            JourneyInstance i,
            @Nullable String owner,
            @Nullable Instant now,
            @Nullable Duration lease)
            throws SQLException {
        Instant until = leaseUntil(i, owner, now, lease);
        if (until == null) {
            ps.setNull(n, java.sql.Types.VARCHAR);
            ps.setNull(n + 1, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setNull(n + 2, java.sql.Types.INTEGER);
        } else {
            ps.setString(n, owner);
            Pg.setInstant(ps, n + 1, until);
        }
    }

    /** @return when an entered instance's lease ends (the later of its due instant and now, plus the lease), or null for none */
    private static @Nullable Instant leaseUntil(
            JourneyInstance i, @Nullable String owner, @Nullable Instant now, @Nullable Duration lease) {
        if (owner == null || lease == null || i.dueAt() == null) {
            return null;
        }
        Instant from = now != null && now.isAfter(i.dueAt()) ? now : i.dueAt();
        return Pg.storable(from.plus(lease), "lease of " + i.id());
    }

    private static String pairKey(JourneyInstance i) {
        return pairKey(i.journey().value(), i.member().value());
    }

    /** The advisory-lock key of a (journey, member) pair; unambiguous. */
    private static String pairKey(String journey, String member) {
        return journey.length() + ":" + journey + "/" + member;
    }

    @Override
    public boolean schedule(JourneyInstance instance) {
        Pg.required(instance, "instance");
        if (instance.version() != 1 || instance.status() != Status.SCHEDULED || instance.dueAt() == null) {
            throw new InvalidValueException("instance " + instance.id(), "must be scheduled, due, version 1");
        }
        checkTimes(instance);
        return autoCommit("journeys.schedule(" + instance.id() + ")", c -> insert(c, instance, false));
    }

    @Override
    public Optional<JourneyInstance> find(String id) {
        Pg.required(id, "id");
        return autoCommit("journeys.find(" + id + ")", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM " + instances + " WHERE instance_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(instance(rs)) : Optional.<JourneyInstance>empty();
                }
            }
        });
    }

    /**
     * Replaces the instance if the stored version is {@code next.version() - 1}, and ends its lease —
     * unless {@code next} is {@link Status#RUNNING}: the engine writes that state between two actions of
     * one run, and ending the lease there would let another engine claim the instance while this one
     * still runs it. The claimer keeps the lease until it runs out (or re-claims at once after a
     * restart, with the same owner name).
     *
     * @throws StoreException (not a subtype, as the in-memory store) if the stored version differs
     */
    @Override
    public void update(JourneyInstance next) {
        Pg.required(next, "next");
        checkTimes(next);
        autoCommit("journeys.update(" + next.id() + ")", c -> {
            // the engine stores RUNNING between two actions of one run: the claimer keeps its lease then,
            // so that another engine's claimDue does not pick the instance up mid-run
            if (!replace(c, next, null, next.version() - 1, next.status() != Status.RUNNING)) {
                Long stored = null;
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT version FROM " + instances + " WHERE instance_id = ?")) {
                    ps.setString(1, next.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            stored = rs.getLong(1);
                        }
                    }
                }
                throw stored == null
                        ? new StoreException("journey instance " + next.id() + " does not exist")
                        : new StoreException("journey instance " + next.id() + ": version conflict (stored " + stored
                                + ", update from " + (next.version() - 1) + ")");
            }
            return null;
        });
    }

    @Override
    public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
        Pg.required(now, "now");
        Pg.required(owner, "owner");
        Pg.required(lease, "lease");
        if (limit < 1) {
            return List.of();
        }
        Pg.storable(now, "now");
        Instant until = Pg.storable(now.plus(lease), "now + lease");
        List<JourneyInstance> out = autoCommit("journeys.claimDue", c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT instance_id FROM " + instances
                    + " WHERE status <> 'DONE' AND due_at IS NOT NULL AND (due_at, due_nanos) <= (?, ?)"
                    + " AND (lease_owner IS NULL OR lease_owner = ? OR (lease_until, lease_nanos) <= (?, ?))"
                    + " ORDER BY due_at, due_nanos, instance_id LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " UPDATE " + instances + " i SET lease_owner = ?, lease_until = ?, lease_nanos = ?"
                    + " FROM due WHERE i.instance_id = due.instance_id RETURNING "
                    + prefixed("i."))) {
                Pg.setInstant(ps, 1, now);
                ps.setString(3, owner);
                Pg.setInstant(ps, 4, now);
                ps.setInt(6, Math.min(limit, Pg.MAX_LIMIT));
                ps.setString(7, owner);
                Pg.setInstant(ps, 8, until);
                List<JourneyInstance> l = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        l.add(instance(rs));
                    }
                }
                return l;
            }
        });
        out.sort(Comparator.comparing((JourneyInstance i) -> i.dueAt()).thenComparing(JourneyInstance::id));
        return out;
    }

    @Override
    public Optional<Instant> nextDue() {
        return autoCommit("journeys.nextDue", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT due_at, due_nanos FROM " + instances
                            + " WHERE status <> 'DONE' AND due_at IS NOT NULL ORDER BY due_at, due_nanos LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Pg.getInstant(rs, 1)) : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public List<JourneyInstance> live(MemberId member) {
        Pg.required(member, "member");
        return autoCommit("journeys.live(" + member.value() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + instances
                    + " WHERE member_id = ? AND status IN ('RUNNING', 'WAITING', 'WAITING_EVENT', 'AWAITING_GOAL')")) {
                ps.setString(1, member.value());
                List<JourneyInstance> l = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        l.add(instance(rs));
                    }
                }
                return l;
            }
        });
    }

    // ------------------------------------------------------------------ batches

    @Override
    public Map<MemberId, List<JourneyInstance>> live(Collection<MemberId> members) {
        List<String> ids = new ArrayList<>();
        for (MemberId m : Pg.requiredAll(members, "members")) {
            ids.add(m.value());
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return autoCommit("journeys.live(" + ids.size() + " members)", c -> {
            // joins with unnest(...), here and below, not "= ANY(?)": a sequential scan (which the planner
            // picks for a table it thinks small) would test every row against the whole array
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + prefixed("i.") + " FROM unnest(?::text[]) AS m(id)"
                            + " JOIN " + instances + " i ON i.member_id = m.id"
                            + " WHERE i.status IN ('RUNNING', 'WAITING', 'WAITING_EVENT', 'AWAITING_GOAL')")) {
                ps.setArray(1, Pg.textArray(c, ids));
                Map<MemberId, List<JourneyInstance>> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JourneyInstance i = instance(rs);
                        out.computeIfAbsent(i.member(), k -> new ArrayList<>(2)).add(i);
                    }
                }
                return out;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One range scan of the effect key's index per prefix: {@code effect_key >= prefix AND effect_key
     * < prefix || '~'} (keys are {@code COLLATE "C"}; a step id begins with a letter or digit, all
     * below {@code ~}).
     */
    @Override
    public List<EffectRecord> effectsByPrefix(Collection<String> keyPrefixes) {
        List<String> ps0 = Pg.requiredAll(keyPrefixes, "keyPrefixes");
        if (ps0.isEmpty()) {
            return List.of();
        }
        return autoCommit("journeys.effectsByPrefix(" + ps0.size() + " prefixes)", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + prefixedEffect("e.") + " FROM unnest(?::text[])"
                    + " AS p(prefix) JOIN " + effects + " e ON e.effect_key >= p.prefix"
                    + " AND e.effect_key < p.prefix || '~'")) {
                ps.setArray(1, Pg.textArray(c, ps0));
                return effectRows(ps);
            }
        });
    }

    @Override
    public List<EffectRecord> messages(Collection<MemberId> members, Instant since) {
        List<String> ids = new ArrayList<>();
        for (MemberId m : Pg.requiredAll(members, "members")) {
            ids.add(m.value());
        }
        Pg.required(since, "since");
        if (ids.isEmpty() || !since.isBefore(Pg.MAX)) {
            return List.of();
        }
        boolean all = since.isBefore(Pg.MIN);
        return autoCommit("journeys.messages(" + ids.size() + " members)", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EFFECT_COLUMNS + " FROM " + effects
                    + " WHERE member_id IN (SELECT unnest(?::text[])) AND kind = 'MESSAGE' AND status <> 'FAILED'"
                    + (all ? "" : " AND (at, at_nanos) > (?, ?)"))) {
                ps.setArray(1, Pg.textArray(c, ids));
                if (!all) {
                    Pg.setInstant(ps, 2, since);
                }
                return effectRows(ps);
            }
        });
    }

    @Override
    public List<JourneyInstance> claim(Collection<String> ids, Instant now, String owner, Duration lease) {
        List<String> list = Pg.requiredAll(ids, "ids");
        Pg.required(now, "now");
        Pg.required(owner, "owner");
        Pg.required(lease, "lease");
        if (list.isEmpty()) {
            return List.of();
        }
        Pg.storable(now, "now");
        Instant until = Pg.storable(now.plus(lease), "now + lease");
        return autoCommit("journeys.claim(" + list.size() + " instances)", c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH free AS (SELECT instance_id FROM " + instances
                    + " WHERE instance_id IN (SELECT unnest(?::text[]))"
                    + " AND (lease_owner IS NULL OR lease_owner = ? OR (lease_until, lease_nanos) <= (?, ?))"
                    + " ORDER BY instance_id FOR UPDATE SKIP LOCKED)"
                    + " UPDATE " + instances + " i SET lease_owner = ?, lease_until = ?, lease_nanos = ?"
                    + " FROM free WHERE i.instance_id = free.instance_id RETURNING " + prefixed("i."))) {
                ps.setArray(1, Pg.textArray(c, list));
                ps.setString(2, owner);
                Pg.setInstant(ps, 3, now);
                ps.setString(5, owner);
                Pg.setInstant(ps, 6, until);
                List<JourneyInstance> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(instance(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One read-committed transaction of a few statements whatever the batch's size: batched {@code
     * UPDATE ... WHERE version = ?} (a row that does not match rolls everything back), batched inserts
     * and upserts, one {@code UPDATE} for the releases, and the entries set-based (advisory
     * locks on every pair in one statement, in lock-key order, so concurrent batches cannot deadlock).
     */
    @Override
    public List<EnterResult> apply(WriteBatch batch) {
        Pg.required(batch, "batch");
        for (WriteBatch.Update u : batch.updates()) {
            checkTimes(u.next());
        }
        batch.schedules().forEach(PostgresJourneyStateStore::checkTimes);
        batch.effects().forEach(PostgresJourneyStateStore::checkTimes);
        for (WriteBatch.Entering e : batch.entries()) {
            checkTimes(e.instance());
        }
        return transaction(
                "journeys.apply(" + batch.updates().size() + " updates, "
                        + batch.entries().size() + " entries)",
                c -> {
                    applyUpdates(c, batch.updates());
                    if (!batch.schedules().isEmpty()) {
                        for (JourneyInstance i : batch.schedules()) {
                            if (i.version() != 1 || i.status() != Status.SCHEDULED || i.dueAt() == null) {
                                throw new InvalidValueException(
                                        "instance " + i.id(), "must be scheduled, due, version 1");
                            }
                        }
                        insertAll(c, batch.schedules(), false, null, null, null);
                    }
                    if (!batch.effects().isEmpty()) {
                        ColumnArrays e = effectArrays(batch.effects());
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + effects + " (" + EFFECT_COLUMNS
                                + ") SELECT * FROM " + e.unnest() + " ON CONFLICT (effect_key) DO UPDATE SET"
                                // the given record replaces a pending one whole (as complete() does)
                                + " kind = EXCLUDED.kind, journey_id = EXCLUDED.journey_id,"
                                + " journey_version = EXCLUDED.journey_version, member_id = EXCLUDED.member_id,"
                                + " step = EXCLUDED.step, at = EXCLUDED.at, at_nanos = EXCLUDED.at_nanos,"
                                + " status = EXCLUDED.status, detail = EXCLUDED.detail, completed_at = EXCLUDED.completed_at,"
                                + " completed_nanos = EXCLUDED.completed_nanos WHERE " + effects
                                + ".status = 'PENDING'")) {
                            e.bind(c, ps, 1);
                            ps.executeUpdate();
                        }
                    }
                    if (!batch.releases().isEmpty()) {
                        try (PreparedStatement ps = c.prepareStatement(
                                "UPDATE " + instances + " SET lease_owner = NULL,"
                                        + " lease_until = NULL, lease_nanos = NULL WHERE instance_id IN (SELECT unnest(?::text[])) AND lease_owner = ?")) {
                            ps.setArray(1, Pg.textArray(c, batch.releases()));
                            ps.setString(2, batch.owner());
                            ps.executeUpdate();
                        }
                    }
                    return enterAll(c, batch.entries(), batch.owner(), batch.now(), batch.lease());
                });
    }

    /**
     * The batch's updates as one {@code UPDATE ... FROM unnest(...)}: each row only where its stored
     * version is the expected one; the lease ends unless the new state is running. A row that does not
     * match aborts the batch.
     */
    private void applyUpdates(Connection c, List<WriteBatch.Update> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        List<JourneyInstance> next = new ArrayList<>(updates.size());
        Long[] stored = new Long[updates.size()];
        for (int k = 0; k < updates.size(); k++) {
            next.add(updates.get(k).next());
            stored[k] = updates.get(k).storedVersion();
        }
        ColumnArrays a = instanceArrays(next).longs(stored);
        StringBuilder set = new StringBuilder();
        for (String col : COLUMNS.split(", ")) {
            set.append(col).append(" = u.").append(col).append(", ");
        }
        Set<String> matched = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + instances + " t SET " + set
                + "lease_owner = NULL, lease_until = NULL, lease_nanos = NULL"
                + " FROM " + a.unnest() + " AS u(" + COLUMNS + ", stored)"
                + " WHERE t.instance_id = u.instance_id AND t.version = u.stored RETURNING t.instance_id")) {
            a.bind(c, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matched.add(rs.getString(1));
                }
            }
        }
        if (matched.size() != updates.size()) {
            for (WriteBatch.Update u : updates) {
                if (!matched.contains(u.next().id())) {
                    throw new StoreException("journey instance " + u.next().id()
                            + ": version conflict (a batch expected version " + u.storedVersion()
                            + "); nothing of the batch was written");
                }
            }
            // every id matched, so one was updated twice: UPDATE ... FROM applied one of its rows only, and
            // each compares with the version stored before the batch, which they cannot both match
            throw new StoreException("a batch updated one journey instance twice (version conflict);"
                    + " nothing of the batch was written");
        }
    }

    /**
     * Inserts instances unless their id exists, in one statement.
     *
     * @param owner the engine to lease them to (until each one's due instant plus {@code lease}), or null
     * @return how many were inserted
     */
    private int insertAll(
            Connection c,
            List<JourneyInstance> list,
            boolean admitted,
            @Nullable String owner,
            @Nullable Instant now,
            @Nullable Duration lease)
            throws SQLException {
        int n = list.size();
        Boolean[] adm = new Boolean[n];
        String[] owners = new String[n];
        Instant[] until = new Instant[n];
        for (int k = 0; k < n; k++) {
            JourneyInstance i = list.get(k);
            adm[k] = admitted;
            until[k] = leaseUntil(i, owner, now, lease);
            owners[k] = until[k] == null ? null : owner;
        }
        ColumnArrays a = instanceArrays(list).bools(adm).text(owners).instants(until);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + instances + " (" + COLUMNS
                + ", admitted, lease_owner, lease_until, lease_nanos) SELECT * FROM " + a.unnest()
                + " ON CONFLICT (instance_id) DO NOTHING")) {
            a.bind(c, ps, 1);
            return ps.executeUpdate();
        }
    }

    /** The {@link #COLUMNS} of instances as column arrays, in that order. */
    private static ColumnArrays instanceArrays(List<JourneyInstance> list) {
        int n = list.size();
        String[] id = new String[n];
        String[] journey = new String[n];
        Integer[] journeyVersion = new Integer[n];
        String[] member = new String[n];
        String[] entryKey = new String[n];
        Instant[] entered = new Instant[n];
        String[] status = new String[n];
        String[] step = new String[n];
        Instant[] due = new Instant[n];
        String[] arm = new String[n];
        String[] lastStep = new String[n];
        Integer[] actions = new Integer[n];
        Integer[] attempt = new Integer[n];
        String[] context = new String[n];
        String[] outcome = new String[n];
        Long[] version = new Long[n];
        for (int k = 0; k < n; k++) {
            JourneyInstance i = list.get(k);
            id[k] = i.id();
            journey[k] = i.journey().value();
            journeyVersion[k] = i.journeyVersion();
            member[k] = i.member().value();
            entryKey[k] = i.entryKey();
            entered[k] = i.enteredAt();
            status[k] = i.status().name();
            step[k] = i.step();
            due[k] = i.dueAt();
            arm[k] = i.arm();
            lastStep[k] = i.lastStep();
            actions[k] = i.actions();
            attempt[k] = i.attempt();
            context[k] = contextJson(i);
            outcome[k] = i.outcome() == null ? null : i.outcome().name();
            version[k] = i.version();
        }
        return new ColumnArrays()
                .text(id)
                .text(journey)
                .ints(journeyVersion)
                .text(member)
                .text(entryKey)
                .instants(entered)
                .text(status)
                .text(step)
                .instants(due)
                .text(arm)
                .text(lastStep)
                .ints(actions)
                .ints(attempt)
                .jsonb(context)
                .text(outcome)
                .longs(version);
    }

    /** The {@link #EFFECT_COLUMNS} as column arrays, in that order. */
    private static ColumnArrays effectArrays(List<EffectRecord> list) {
        int n = list.size();
        String[] key = new String[n];
        String[] kind = new String[n];
        String[] journey = new String[n];
        Integer[] journeyVersion = new Integer[n];
        String[] member = new String[n];
        String[] step = new String[n];
        Instant[] at = new Instant[n];
        String[] status = new String[n];
        String[] detail = new String[n];
        Instant[] completed = new Instant[n];
        for (int k = 0; k < n; k++) {
            EffectRecord e = list.get(k);
            key[k] = e.key();
            kind[k] = e.kind().name();
            journey[k] = e.journey().value();
            journeyVersion[k] = e.journeyVersion();
            member[k] = e.member().value();
            step[k] = e.step();
            at[k] = e.at();
            status[k] = e.status().name();
            detail[k] = e.detail();
            completed[k] = e.completedAt();
        }
        return new ColumnArrays()
                .text(key)
                .text(kind)
                .text(journey)
                .ints(journeyVersion)
                .text(member)
                .text(step)
                .instants(at)
                .text(status)
                .text(detail)
                .instants(completed);
    }

    private static List<EffectRecord> effectRows(PreparedStatement ps) throws SQLException {
        List<EffectRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(effect(rs));
            }
        }
        return out;
    }

    private static String prefixedEffect(String p) {
        return p + EFFECT_COLUMNS.replace(", ", ", " + p);
    }

    // ------------------------------------------------------------------ effects

    @Override
    public EffectRecord intend(EffectRecord intent) {
        Pg.required(intent, "intent");
        checkTimes(intent);
        return autoCommit("journeys.intend(" + intent.key() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + effects + " (" + EFFECT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (effect_key) DO NOTHING")) {
                bindEffect(ps, intent);
                if (ps.executeUpdate() == 1) {
                    return intent;
                }
            }
            return findEffect(c, intent.key())
                    .orElseThrow(() -> new StoreException("effect " + intent.key() + " vanished after a conflict"));
        });
    }

    @Override
    public void complete(EffectRecord done) {
        Pg.required(done, "done");
        checkTimes(done);
        autoCommit("journeys.complete(" + done.key() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + effects
                    + " SET effect_key = ?, kind = ?, journey_id = ?, journey_version = ?, member_id = ?, step = ?,"
                    + " at = ?, at_nanos = ?, status = ?, detail = ?, completed_at = ?, completed_nanos = ?"
                    + " WHERE effect_key = ?")) {
                bindEffect(ps, done);
                ps.setString(13, done.key());
                if (ps.executeUpdate() == 0) {
                    throw new StoreException("effect " + done.key() + " was never intended");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<EffectRecord> effect(String key) {
        Pg.required(key, "key");
        return autoCommit("journeys.effect(" + key + ")", c -> findEffect(c, key));
    }

    @Override
    public int messagesSince(MemberId member, Instant since) {
        Pg.required(member, "member");
        Pg.required(since, "since");
        if (!since.isBefore(Pg.MAX)) {
            return 0;
        }
        boolean all = since.isBefore(Pg.MIN); // every stored instant is after it
        return autoCommit("journeys.messagesSince(" + member.value() + ")", c -> {
            String sql = "SELECT count(*) FROM " + effects
                    + " WHERE member_id = ? AND kind = 'MESSAGE' AND status <> 'FAILED'"
                    + (all ? "" : " AND (at, at_nanos) > (?, ?)");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, member.value());
                if (!all) {
                    Pg.setInstant(ps, 2, since);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------ cursors

    @Override
    public Optional<Instant> cursor(String name) {
        Pg.required(name, "name");
        return autoCommit("journeys.cursor(" + name + ")", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT seconds, nanos FROM " + cursors + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)))
                            : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void cursor(String name, Instant value) {
        Pg.required(name, "name");
        Pg.required(value, "value");
        autoCommit("journeys.cursor(" + name + ", " + value + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + cursors
                    + " (name, seconds, nanos) VALUES (?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET seconds = EXCLUDED.seconds, nanos = EXCLUDED.nanos")) {
                ps.setString(1, name);
                ps.setLong(2, value.getEpochSecond());
                ps.setInt(3, value.getNano());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes every instance, effect and cursor (keeping the tables): for tests, demos and benchmarks.
     *
     * @throws StoreException if the database refused
     */
    public void truncate() {
        autoCommit("journeys.truncate", c -> {
            try (var st = c.createStatement()) {
                st.execute("TRUNCATE " + instances + ", " + effects + ", " + cursors);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ rows

    /** INSERT of the {@link #COLUMNS} and {@code admitted}, unless the id exists. */
    private String insertSql() {
        return "INSERT INTO " + instances + " (" + COLUMNS + ", admitted) VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)"
                + " ON CONFLICT (instance_id) DO NOTHING";
    }

    /** UPDATE of the {@link #COLUMNS} plus {@code more}, where id and version are the last two parameters. */
    private String replaceSql(String more) {
        return "UPDATE " + instances
                + " SET instance_id = ?, journey_id = ?, journey_version = ?, member_id = ?, entry_key = ?,"
                + " entered_at = ?, entered_nanos = ?, status = ?, step = ?, due_at = ?, due_nanos = ?, arm = ?,"
                + " last_step = ?, actions = ?, attempt = ?, context = CAST(? AS jsonb), outcome = ?, version = ?"
                + more + " WHERE instance_id = ? AND version = ?";
    }

    private static final String CLEAR_LEASE = ", lease_owner = NULL, lease_until = NULL, lease_nanos = NULL";

    private boolean insert(Connection c, JourneyInstance i, boolean admitted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertSql())) {
            int n = bindInstance(ps, i);
            ps.setBoolean(n, admitted);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Replaces the row of {@code i.id()} if its version is {@code storedVersion}.
     *
     * @param admitted the new admitted flag, or null to keep it
     * @param clearLease whether to end the lease
     */
    private boolean replace(
            Connection c, JourneyInstance i, @Nullable Boolean admitted, long storedVersion, boolean clearLease)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                replaceSql((admitted == null ? "" : ", admitted = " + admitted) + (clearLease ? CLEAR_LEASE : "")))) {
            int n = bindInstance(ps, i);
            ps.setString(n, i.id());
            ps.setLong(n + 1, storedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds the {@link #COLUMNS} from parameter 1; returns the next parameter index. */
    private static int bindInstance(PreparedStatement ps, JourneyInstance i) throws SQLException {
        ps.setString(1, i.id());
        ps.setString(2, i.journey().value());
        ps.setInt(3, i.journeyVersion());
        ps.setString(4, i.member().value());
        ps.setString(5, i.entryKey());
        Pg.setInstant(ps, 6, i.enteredAt());
        ps.setString(8, i.status().name());
        Pg.setStringOrNull(ps, 9, i.step());
        Pg.setInstantOrNull(ps, 10, i.dueAt());
        Pg.setStringOrNull(ps, 12, i.arm());
        Pg.setStringOrNull(ps, 13, i.lastStep());
        ps.setInt(14, i.actions());
        ps.setInt(15, i.attempt());
        ps.setString(16, contextJson(i));
        Pg.setStringOrNull(ps, 17, i.outcome() == null ? null : i.outcome().name());
        ps.setLong(18, i.version());
        return 19;
    }

    private static JourneyInstance instance(ResultSet rs) throws SQLException {
        String outcome = rs.getString(17);
        return new JourneyInstance(
                rs.getString(1),
                JourneyId.of(rs.getString(2)),
                rs.getInt(3),
                MemberId.of(rs.getString(4)),
                rs.getString(5),
                Pg.getInstant(rs, 6),
                Status.valueOf(rs.getString(8)),
                rs.getString(9),
                Pg.getInstantOrNull(rs, 10),
                rs.getString(12),
                rs.getString(13),
                rs.getInt(14),
                rs.getInt(15),
                context(rs.getString(16), rs.getString(1)),
                outcome == null ? null : Outcome.valueOf(outcome),
                rs.getLong(18));
    }

    private static void bindEffect(PreparedStatement ps, EffectRecord e) throws SQLException {
        ps.setString(1, e.key());
        ps.setString(2, e.kind().name());
        ps.setString(3, e.journey().value());
        ps.setInt(4, e.journeyVersion());
        ps.setString(5, e.member().value());
        ps.setString(6, e.step());
        Pg.setInstant(ps, 7, e.at());
        ps.setString(9, e.status().name());
        Pg.setStringOrNull(ps, 10, e.detail());
        Pg.setInstantOrNull(ps, 11, e.completedAt());
    }

    private Optional<EffectRecord> findEffect(Connection c, String key) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + EFFECT_COLUMNS + " FROM " + effects + " WHERE effect_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(effect(rs));
            }
        }
    }

    private static EffectRecord effect(ResultSet rs) throws SQLException {
        return new EffectRecord(
                rs.getString(1),
                EffectRecord.Kind.valueOf(rs.getString(2)),
                JourneyId.of(rs.getString(3)),
                rs.getInt(4),
                MemberId.of(rs.getString(5)),
                rs.getString(6),
                Pg.getInstant(rs, 7),
                EffectRecord.Status.valueOf(rs.getString(9)),
                rs.getString(10),
                Pg.getInstantOrNull(rs, 11));
    }

    private static String prefixed(String p) {
        return p + COLUMNS.replace(", ", ", " + p);
    }

    private static String contextJson(JourneyInstance i) {
        if (i.context().isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(i.context());
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("instance " + i.id() + ".context", "cannot be written as JSON: " + e);
        }
    }

    private static Map<String, String> context(String json, String id) {
        if ("{}".equals(json)) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, CONTEXT);
        } catch (JsonProcessingException e) {
            throw new StoreException("journey instance " + id + ": stored context is not a JSON object of strings: "
                    + e.getOriginalMessage());
        }
    }

    private static void checkTimes(JourneyInstance i) {
        Pg.storable(i.enteredAt(), "instance " + i.id() + ".enteredAt");
        if (i.dueAt() != null) {
            Pg.storable(i.dueAt(), "instance " + i.id() + ".dueAt");
        }
    }

    private static void checkTimes(EffectRecord e) {
        Pg.storable(e.at(), "effect " + e.key() + ".at");
        if (e.completedAt() != null) {
            Pg.storable(e.completedAt(), "effect " + e.key() + ".completedAt");
        }
    }

    // ------------------------------------------------------------------ transactions

    /** One statement (or a read then a statement) with auto-commit: each statement is its own transaction. */
    private <T> T autoCommit(String what, Tx.Work<T> work) {
        return Tx.autoCommit(dataSource, what, work);
    }

    /** One read-committed transaction, run again if the server aborted it as a deadlock or serialization victim. */
    private <T> T transaction(String what, Tx.Work<T> work) {
        return Tx.transaction(dataSource, what, Connection.TRANSACTION_READ_COMMITTED, ATTEMPTS, work);
    }
}
