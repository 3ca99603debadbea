package io.crmkit.automation;

import io.crmkit.automation.internal.BatchView;
import io.crmkit.automation.internal.DateIndex;
import io.crmkit.automation.internal.Times;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.CouponIssuer;
import io.crmkit.automation.spi.CustomAction;
import io.crmkit.automation.spi.DeliveryException;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyInstance.Outcome;
import io.crmkit.automation.spi.JourneyInstance.Status;
import io.crmkit.automation.spi.JourneyListener;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.Message;
import io.crmkit.automation.spi.MessageGateway;
import io.crmkit.automation.spi.PointsAwarder;
import io.crmkit.automation.spi.TagWriter;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Order;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.StoreException;
import io.crmkit.core.spi.Subscription;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.MemberSet;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentEngine;
import io.crmkit.segmentation.SegmentMonitor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs journeys: admits members on events, segment changes, dates and broadcasts, moves them
 * through their steps, and carries out effects through the gateways, exactly once per idempotency
 * key, with every state change in a {@link JourneyStateStore}.
 *
 * <pre>{@code
 * JourneyEngine engine = JourneyEngine.builder(crm)
 *         .catalog(catalog)                       // segments and predicates that conditions name
 *         .store(JourneyStateStore.inMemory())    // or crm-jdbc's PostgreSQL store
 *         .messages(gateway)
 *         .coupons(couponIssuer)
 *         .guards(Guards.builder().frequencyCap(2, Duration.ofDays(7)).quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0)).build())
 *         .build();
 * engine.deploy(survey);
 * engine.followStores();                          // orders, members, interactions become events
 * engine.start(scheduler, Duration.ofSeconds(10)); // or call engine.tick(now) yourself
 * }</pre>
 *
 * <h2>Time</h2>
 * Events run as of their own instant ({@link JourneyEvent#at()}); {@link #tick(Instant)} runs every
 * instance due at or before its argument, as of that argument. Back-tests and tests drive both with
 * a virtual clock.
 *
 * <h2>Exactly once</h2>
 * Before an action the engine records its intent under the key {@code
 * journey/v<version>/member/entryKey/step#n}; after the gateway returns it records the outcome and
 * then the instance's next position. If the engine dies in between, the next run finds the intent:
 * done → goes on without calling again; pending → calls the gateway again with the same key, which
 * gateways de-duplicate. Events are expected at least once and are de-duplicated by {@link
 * JourneyEvent#id()}.
 *
 * <h2>Batches</h2>
 * With a {@link BatchingJourneyStateStore} (crm-jdbc's PostgreSQL store) the engine runs a batch of
 * due instances, or of events ({@link #publishAll}), against a view of the batch and writes the
 * batch's records in one transaction after its gateway calls; listeners hear of it after the commit.
 * A crash then repeats at most one batch of gateway calls, with the same keys; see {@link
 * BatchingJourneyStateStore}.
 *
 * <h2>Threads</h2>
 * Methods may be called from any thread; one engine runs one thing at a time (a lock). Several
 * engines may share a store that leases due instances (crm-jdbc); give each its own {@link
 * Builder#owner(String) owner} name.
 *
 * <h2>Logs</h2>
 * SLF4J logger {@code io.crmkit.automation}: member ids and keys only, never names, e-mail addresses or
 * phone numbers.
 */
public final class JourneyEngine {
    private static final Logger LOG = LoggerFactory.getLogger("io.crmkit.automation");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.?-]+)}");
    private static final int MAX_STEPS_PER_RUN = 1000;
    /** How long a claimed, entered or due instance stays leased to the engine that runs it. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** How often, and how far apart, an event retries claiming an instance another engine holds (about 2 s). */
    private static final int CLAIM_ATTEMPTS = 100;

    private static final long CLAIM_PAUSE_MS = 20;
    private static final ContactChannel[] CHANNEL_ORDER = {
        ContactChannel.LINE, ContactChannel.APP_PUSH, ContactChannel.EMAIL, ContactChannel.SMS, ContactChannel.FACEBOOK
    };

    private final Crm crm;
    private final BrandSettings brand;
    private final SegmentEngine segments;
    private final JourneyStateStore store;
    private final @Nullable MessageGateway messages;
    private final @Nullable CouponIssuer coupons;
    private final @Nullable PointsAwarder points;
    private final TagWriter tags;
    private final Map<String, CustomAction> customs;
    private final Guards guards;
    private final List<JourneyListener> listeners;
    private final JourneyMetrics metrics = new JourneyMetrics();
    private final String owner;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final int batchSize;
    private final ReentrantLock lock = new ReentrantLock();
    /** The store, when it takes reads and writes in batches (crm-jdbc); null otherwise. */
    private final @Nullable BatchingJourneyStateStore batching;
    /** The view of the batch being run, or null outside one. */
    private @Nullable BatchView batch;
    /**
     * The latest instant this engine has been told is now (ticks and events): leases are measured
     * from it, not from an old event's instant, because other engines compare them with their present.
     */
    private Instant present = Instant.MIN;

    /** Every deployed version, by journey. */
    private final Map<JourneyId, TreeMap<Integer, Journey>> versions = new LinkedHashMap<>();
    /**
     * Every deployed version → the event kinds (bits of {@link JourneyEvent.Kind#ordinal()}) that can
     * change its instances: its goal's and its wait-for-event steps' triggers. An event of another kind
     * passes an instance by without reading more of it (the event path is bound by memory reads).
     */
    private final Map<Journey, Integer> reactsTo = new java.util.IdentityHashMap<>();
    /** The union of {@link #reactsTo}: an event of another kind changes no live instance at all. */
    private int anyReacts;
    /** The current version of each journey whose entry is an event, by event kind. */
    private final Map<JourneyEvent.Kind, List<Journey>> byEvent = new EnumMap<>(JourneyEvent.Kind.class);
    /** Current versions by kind of entry. */
    private List<Journey> current = List.of();

    private List<Journey> bySegment = List.of();
    private List<Journey> byDate = List.of();
    private List<Journey> byBroadcast = List.of();
    private List<Journey> afterPurchase = List.of();
    /** Members by birthday and by join day (brand zone), built on first use and kept up to date from the member store. */
    private @Nullable DateIndex dates;

    private JourneyEngine(Builder b) {
        this.crm = b.crm;
        this.brand = b.crm.settings();
        this.segments = SegmentEngine.of(b.crm, b.catalog);
        this.store = b.store;
        this.batching = b.store instanceof BatchingJourneyStateStore bs ? bs : null;
        this.messages = b.messages;
        this.coupons = b.coupons;
        this.points = b.points;
        this.tags = b.tags != null ? b.tags : this::writeTag;
        this.customs = Map.copyOf(b.customs);
        this.guards = b.guards;
        List<JourneyListener> ls = new ArrayList<>();
        ls.add(metrics);
        ls.addAll(b.listeners);
        this.listeners = List.copyOf(ls);
        this.owner = b.owner;
        this.maxAttempts = b.maxAttempts;
        this.firstBackoff = b.firstBackoff;
        this.batchSize = b.batchSize;
    }

    /**
     * @param crm the brand's settings and stores (members are read from it; the default tag writer
     *     writes to it)
     * @return a builder
     */
    public static Builder builder(Crm crm) {
        if (crm == null) {
            throw new InvalidValueException("crm", "is required");
        }
        return new Builder(crm);
    }

    /** The store to read and write through: the running batch's view, or the store itself. */
    private JourneyStateStore ops() {
        return batch != null ? batch : store;
    }

    /** @return the counters of everything this engine did */
    public JourneyMetrics metrics() {
        return metrics;
    }

    /** @return the state store */
    public JourneyStateStore store() {
        return store;
    }

    /**
     * Deploys a journey, or a new version of one: new entries take the highest version; members in
     * flight finish on theirs.
     *
     * @param journey the journey
     * @throws JourneyDefinitionException if it needs a gateway or custom action the engine lacks, its
     *     conditions name unknown segments or predicates, or the version is already deployed with a
     *     different definition
     */
    public void deploy(Journey journey) {
        lock.lock();
        try {
            check(journey);
            TreeMap<Integer, Journey> vs = versions.computeIfAbsent(journey.id(), k -> new TreeMap<>());
            Journey old = vs.get(journey.version());
            if (old != null && !old.equals(journey)) {
                throw new JourneyDefinitionException(
                        "journey \"" + journey.id() + "\" v" + journey.version(),
                        "is already deployed with another definition; deploy it as version " + (vs.lastKey() + 1));
            }
            vs.put(journey.version(), journey);
            int kinds = 0;
            if (journey.goal().isPresent()) {
                kinds |= 1 << journey.goal().get().trigger().eventKind().ordinal();
            }
            for (Step step : journey.steps()) {
                if (step instanceof Step.WaitForEvent w) {
                    kinds |= 1 << w.trigger().eventKind().ordinal();
                }
            }
            if (old != null) {
                reactsTo.remove(old);
            }
            reactsTo.put(journey, kinds);
            anyReacts = 0;
            for (int k : reactsTo.values()) {
                anyReacts |= k;
            }
            reindex();
        } finally {
            lock.unlock();
        }
    }

    /** @return the current (highest) version of every deployed journey */
    public List<Journey> journeys() {
        lock.lock();
        try {
            return current;
        } finally {
            lock.unlock();
        }
    }

    private void check(Journey j) {
        String where = "journey \"" + j.id() + "\"";
        j.filter().ifPresent(c -> checkCondition(c, where + " filter"));
        if (j.entry() instanceof Entry.Broadcast b) {
            checkCondition(b.audience(), where + " entry audience");
        }
        for (Step s : j.steps()) {
            String at = where + " step \"" + s.id() + "\"";
            if (s instanceof Step.Branch b) {
                checkCondition(b.condition(), at);
            } else if (s instanceof Step.Send send) {
                if (messages == null) {
                    throw new JourneyDefinitionException(at, "sends a message but the engine has no message gateway");
                }
                Matcher m =
                        VARIABLE.matcher(String.join("\u0000", send.variables().values()));
                while (m.find()) {
                    String v = m.group(1);
                    if (!(v.equals("member.name")
                            || v.equals("member.id")
                            || v.equals("member.email")
                            || v.equals("member.phone")
                            || v.equals("coupon")
                            || v.startsWith("context."))) {
                        throw new JourneyDefinitionException(
                                at,
                                "variable ${" + v + "} is unknown (member.name, member.id, member.email, member.phone,"
                                        + " coupon, context.<step id>)");
                    }
                }
            } else if (s instanceof Step.IssueCoupon && coupons == null) {
                throw new JourneyDefinitionException(at, "issues a coupon but the engine has no coupon issuer");
            } else if (s instanceof Step.AwardPoints && points == null) {
                throw new JourneyDefinitionException(at, "awards points but the engine has no points awarder");
            } else if (s instanceof Step.Custom c && !customs.containsKey(c.action())) {
                throw new JourneyDefinitionException(
                        at, "calls custom action \"" + c.action() + "\", which the engine does not have");
            }
        }
    }

    private void checkCondition(Condition c, String where) {
        try {
            segments.catalog().check(c);
        } catch (RuntimeException e) {
            throw new JourneyDefinitionException(where, e.getMessage());
        }
    }

    private void reindex() {
        byEvent.clear();
        List<Journey> all = new ArrayList<>();
        List<Journey> seg = new ArrayList<>();
        List<Journey> date = new ArrayList<>();
        List<Journey> cast = new ArrayList<>();
        List<Journey> after = new ArrayList<>();
        for (TreeMap<Integer, Journey> vs : versions.values()) {
            Journey j = vs.lastEntry().getValue();
            all.add(j);
            Entry e = j.entry();
            if (e instanceof Entry.OnEvent ev) {
                byEvent.computeIfAbsent(ev.trigger().eventKind(), k -> new ArrayList<>())
                        .add(j);
            } else if (e instanceof Entry.OnSegment) {
                seg.add(j);
            } else if (e instanceof Entry.Birthday || e instanceof Entry.JoinAnniversary) {
                date.add(j);
            } else if (e instanceof Entry.Broadcast) {
                cast.add(j);
            } else {
                after.add(j);
            }
        }
        current = List.copyOf(all);
        bySegment = List.copyOf(seg);
        byDate = List.copyOf(date);
        byBroadcast = List.copyOf(cast);
        afterPurchase = List.copyOf(after);
    }

    private Journey definition(JourneyInstance i) {
        TreeMap<Integer, Journey> vs = versions.get(i.journey());
        Journey j = vs == null ? null : vs.get(i.journeyVersion());
        if (j == null) {
            throw new AutomationException("journey instance " + i.id() + " needs journey \"" + i.journey() + "\" v"
                    + i.journeyVersion() + ", which is not deployed (deploy every version that has members in flight)");
        }
        return j;
    }

    // ------------------------------------------------------------------ events

    /**
     * Handles an event: counts goals, wakes members waiting for it, admits members into journeys it
     * triggers, and schedules inactivity and repurchase entries. Runs as of {@code event.at()}.
     *
     * @param event the event
     */
    public void publish(JourneyEvent event) {
        if (event == null) {
            throw new InvalidValueException("event", "is required");
        }
        if (batching != null) {
            publishAll(List.of(event));
            return;
        }
        lock.lock();
        try {
            handle(event);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles events in their order, as {@link #publish} one by one would. With a {@link
     * BatchingJourneyStateStore} the events are run in batches of up to {@link Builder#batchSize(int)}
     * events of distinct members: the live instances of the batch's members are read in one query,
     * those an event changes are claimed (leased) in another, and the batch's writes and entries are
     * applied in one transaction (plus one for what entered members do next). Hosts that consume a
     * queue hand over what they polled.
     *
     * @param events the events, in the order they happened
     * @throws AutomationException if an instance an event must change stays leased to another engine
     *     (deliver the events again later: entries are de-duplicated by the event's id)
     * @throws io.crmkit.core.spi.StoreException if the store failed (deliver the events again later)
     */
    public void publishAll(List<JourneyEvent> events) {
        if (events == null) {
            throw new InvalidValueException("events", "are required");
        }
        for (JourneyEvent e : events) {
            if (e == null) {
                throw new InvalidValueException("events", "must not hold null");
            }
        }
        lock.lock();
        try {
            for (JourneyEvent e : events) {
                present = e.at().isAfter(present) ? e.at() : present;
            }
            if (batching == null || batch != null) {
                // no batches; or called back from inside one (a gateway or listener that writes to a
                // followed store, on this thread): the events join the running batch
                for (JourneyEvent e : events) {
                    handle(e);
                }
                return;
            }
            List<JourneyEvent> chunk = new ArrayList<>();
            Set<MemberId> members = new HashSet<>();
            for (JourneyEvent e : events) {
                if (chunk.size() == batchSize || !members.add(e.member())) {
                    handleBatch(chunk);
                    chunk = new ArrayList<>();
                    members.clear();
                    members.add(e.member());
                }
                chunk.add(e);
            }
            if (!chunk.isEmpty()) {
                handleBatch(chunk);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Events of distinct members, as one batch. */
    private void handleBatch(List<JourneyEvent> chunk) {
        inBatch(
                view -> {
                    List<MemberId> members = new ArrayList<>(chunk.size());
                    Instant earliest = chunk.get(0).at();
                    for (JourneyEvent e : chunk) {
                        members.add(e.member());
                        earliest = e.at().isBefore(earliest) ? e.at() : earliest;
                    }
                    // only the members whose event can change a live instance (handle reads no others)
                    List<MemberId> reacting = new ArrayList<>();
                    for (JourneyEvent e : chunk) {
                        if ((anyReacts & (1 << e.kind().ordinal())) != 0) {
                            reacting.add(e.member());
                        }
                    }
                    view.fetchLive(reacting);
                    Set<String> changing = new LinkedHashSet<>();
                    for (JourneyEvent e : chunk) {
                        if ((anyReacts & (1 << e.kind().ordinal())) == 0) {
                            continue;
                        }
                        for (JourneyInstance live : view.live(e.member())) {
                            Journey j = definition(live);
                            if ((reactsTo.get(j) & (1 << e.kind().ordinal())) != 0
                                    && reaction(live, j, e) != Reaction.NONE) {
                                changing.add(live.id());
                            }
                        }
                    }
                    if (!changing.isEmpty()) {
                        claimAll(changing, view);
                    }
                    if (guards.capMessages() > 0) {
                        view.fetchMessages(members, earliest.minus(guards.capWindow()));
                    }
                    for (JourneyEvent e : chunk) {
                        handle(e);
                    }
                },
                () -> {
                    for (JourneyEvent e : chunk) {
                        handle(e);
                    }
                });
    }

    /**
     * Claims instances for events, waiting a little for leases that other engines hold; what it
     * claimed is the view's (released if the batch is given up).
     */
    private List<JourneyInstance> claimAll(Set<String> ids, BatchView view) {
        List<JourneyInstance> got = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>(ids);
        for (int attempt = 0; ; attempt++) {
            List<JourneyInstance> claimed = batching.claim(missing, present, owner, LEASE);
            view.claimed(claimed);
            for (JourneyInstance i : claimed) {
                got.add(i);
                missing.remove(i.id());
            }
            if (missing.isEmpty()) {
                return got;
            }
            if (attempt == CLAIM_ATTEMPTS) {
                throw new Busy("journey instance " + missing.iterator().next()
                        + " stays leased to another engine; deliver the events again later");
            }
            try {
                Thread.sleep(CLAIM_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Busy("interrupted while waiting for a journey instance's lease");
            }
        }
    }

    /** A batch that cannot go on now: thrown to the host, never run again one by one. */
    private static final class Busy extends AutomationException {
        private static final long serialVersionUID = 1L;

        Busy(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code work} as one batch on the batching store: its writes are applied at the end. If it
     * fails before anything was applied, runs {@code oneByOne} without a batch (so that one failing
     * instance does not hold back the others); if it fails later, the failure is thrown.
     */
    private void inBatch(Consumer<BatchView> work, Runnable oneByOne) {
        BatchView view = new BatchView(batching, owner, present, LEASE);
        batch = view;
        try {
            work.accept(view);
            view.commit();
        } catch (RuntimeException e) {
            view.discard();
            batch = null;
            if (view.applied() > 0 || e instanceof Busy || e instanceof StoreException) {
                // part of it is stored, the events must come again, or the store failed (perhaps after
                // committing): running the batch again here could repeat what is stored
                view.releaseQuietly();
                throw e;
            }
            // the engine failed on some instance (a definition that never waits, a gateway's bug) before
            // anything was stored: one at a time, the instances before it are not held back by it
            LOG.warn("a batch of journey work failed ({}); running it again one at a time", e.toString());
            oneByOne.run();
        } finally {
            batch = null;
        }
    }

    private enum Reaction {
        NONE,
        GOAL,
        EVENT
    }

    /** What an event does to a live instance. */
    private static Reaction reaction(JourneyInstance live, Journey j, JourneyEvent event) {
        Instant now = event.at();
        if (!live.live()
                || live.entryKey().equals(event.id())
                || live.enteredAt().isAfter(now)) {
            return Reaction.NONE;
        }
        Optional<Goal> goal = j.goal();
        if (goal.isPresent()
                && goal.get().trigger().matches(event)
                && now.isBefore(live.enteredAt().plus(goal.get().window()))) {
            return Reaction.GOAL;
        }
        if (live.status() == Status.WAITING_EVENT
                && j.step(live.step()).orElseThrow() instanceof Step.WaitForEvent w
                && w.trigger().matches(event)) {
            return Reaction.EVENT;
        }
        return Reaction.NONE;
    }

    private void handle(JourneyEvent event) {
        Instant now = event.at();
        int kind = 1 << event.kind().ordinal();
        List<JourneyInstance> lives = (anyReacts & kind) == 0 ? List.of() : ops().live(event.member());
        for (JourneyInstance live : lives) {
            Journey j = definition(live);
            if ((reactsTo.get(j) & kind) == 0) {
                continue;
            }
            Reaction r = reaction(live, j, event);
            if (r == Reaction.GOAL) {
                finish(live, Outcome.CONVERTED);
            } else if (r == Reaction.EVENT) {
                Step.WaitForEvent w = (Step.WaitForEvent) j.step(live.step()).orElseThrow();
                Optional<Step> next = j.after(w);
                if (next.isPresent()) {
                    JourneyInstance moved =
                            live.moveTo(Status.RUNNING, next.get().id(), now);
                    ops().update(moved);
                    run(moved, now);
                } else {
                    end(live, j, now);
                }
            }
        }
        for (Journey j : byEvent.getOrDefault(event.kind(), List.of())) {
            if (((Entry.OnEvent) j.entry()).trigger().matches(event)) {
                enter(j, event.member(), event.id(), now);
            }
        }
        if (event.kind() == JourneyEvent.Kind.ORDER_PLACED) {
            scheduleAfterPurchase(event, now);
        }
    }

    /**
     * Handles a segment monitor event: members enter journeys whose entry is entering (or leaving)
     * that segment.
     *
     * @param event the monitor's event
     */
    public void onSegmentEvent(SegmentMonitor.Event event) {
        lock.lock();
        try {
            if (batching == null) {
                segmentEntries(event);
            } else {
                inBatch(view -> segmentEntries(event), () -> segmentEntries(event));
            }
        } finally {
            lock.unlock();
        }
    }

    private void segmentEntries(SegmentMonitor.Event event) {
        boolean entered = event.kind() == SegmentMonitor.Kind.ENTERED;
        for (Journey j : bySegment) {
            if (j.entry() instanceof Entry.OnSegment s
                    && s.segment().equals(event.segment())
                    && s.entered() == entered) {
                enter(
                        j,
                        event.member(),
                        "segment:" + event.segment().value() + ":" + (entered ? "in" : "out") + ":"
                                + event.at().toEpochMilli(),
                        event.at());
            }
        }
    }

    /**
     * Turns the Crm's store changes into events (new members, new orders, deliveries, new
     * interactions), handled on the writing thread after each write.
     *
     * @return the subscriptions; close them to stop
     */
    public List<Subscription> followStores() {
        List<Subscription> subs = new ArrayList<>();
        subs.add(crm.members().subscribe(changes -> {
            List<JourneyEvent> events = new ArrayList<>();
            for (ChangeEvent<Member> c : changes) {
                if (c.kind() == ChangeEvent.Kind.CREATED) {
                    events.add(JourneyEvent.registered(c.value()));
                }
            }
            publishAll(events);
        }));
        subs.add(crm.orders().subscribe(changes -> {
            List<JourneyEvent> events = new ArrayList<>();
            for (ChangeEvent<Order> c : changes) {
                Order o = c.value();
                if (c.kind() == ChangeEvent.Kind.CREATED) {
                    events.add(JourneyEvent.orderPlaced(o, isFirstPurchase(o)));
                }
                if (c.kind() != ChangeEvent.Kind.DELETED
                        && o.deliveredAt().isPresent()
                        && c.before().flatMap(Order::deliveredAt).isEmpty()) {
                    events.add(JourneyEvent.orderDelivered(o));
                }
            }
            publishAll(events);
        }));
        subs.add(crm.interactions().subscribe(changes -> {
            List<JourneyEvent> events = new ArrayList<>();
            for (var c : changes) {
                if (c.kind() == ChangeEvent.Kind.CREATED) {
                    events.add(JourneyEvent.interaction(c.value()));
                }
            }
            publishAll(events);
        }));
        return subs;
    }

    private boolean isFirstPurchase(Order o) {
        if (!MemberStats.countsAsPurchase(o, o.placedAt())) {
            return false;
        }
        for (Order other : crm.orders().findByMember(o.memberId())) {
            if (!other.id().equals(o.id())
                    && MemberStats.countsAsPurchase(other, o.placedAt())
                    && (other.placedAt().isBefore(o.placedAt())
                            || (other.placedAt().equals(o.placedAt())
                                    && other.id().compareTo(o.id()) < 0))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ time

    /**
     * Runs everything due at or before {@code now}: date-rule and broadcast entries, waits that
     * ended, retries, deferred messages and goal windows that closed.
     *
     * @param now the engine's present
     * @return how many instances were run
     */
    public int tick(Instant now) {
        if (now == null) {
            throw new InvalidValueException("now", "is required");
        }
        lock.lock();
        try {
            present = now.isAfter(present) ? now : present;
            for (Journey j : byDate) {
                scanDates(j, now);
            }
            for (Journey j : byBroadcast) {
                broadcast(j, (Entry.Broadcast) j.entry(), now);
            }
            int ran = 0;
            while (true) {
                List<JourneyInstance> due = store.claimDue(now, batchSize, owner, LEASE);
                if (due.isEmpty()) {
                    return ran;
                }
                ran += due.size();
                if (batching == null) {
                    for (JourneyInstance i : due) {
                        wake(i, now);
                    }
                } else {
                    // a member's instances run one after the other, as on the one-call path (a scheduled
                    // entry is admitted and run before the member's next instance): one batch holds each
                    // member once
                    for (List<JourneyInstance> part : distinctMembers(due)) {
                        inBatch(
                                view -> {
                                    view.claimed(part);
                                    if (guards.capMessages() > 0) {
                                        view.fetchMessages(membersOf(part), now.minus(guards.capWindow()));
                                    }
                                    for (JourneyInstance i : part) {
                                        wake(i, now);
                                    }
                                },
                                () -> {
                                    for (JourneyInstance i : part) {
                                        wake(i, now);
                                    }
                                });
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The earliest instant at which {@link #tick(Instant)} has work: a due instance, a date rule's
     * next day to plan (a day ahead), or a broadcast. Back-tests tick exactly there.
     *
     * @return the instant, or empty when nothing is planned
     */
    public Optional<Instant> nextWakeUp() {
        lock.lock();
        try {
            Instant best = store.nextDue().orElse(null);
            for (Journey j : byDate.isEmpty() && byBroadcast.isEmpty() ? List.<Journey>of() : current) {
                Instant t = null;
                if (j.entry() instanceof Entry.Birthday || j.entry() instanceof Entry.JoinAnniversary) {
                    t = store.cursor("dates:" + j.id().value())
                            .map(c -> c.minus(Duration.ofDays(1)))
                            .orElse(null);
                } else if (j.entry() instanceof Entry.Broadcast b) {
                    t = store.cursor("broadcast:" + j.id().value()).orElse(b.first());
                    if (t.equals(Instant.MAX)) {
                        t = null;
                    }
                }
                if (t != null && (best == null || t.isBefore(best))) {
                    best = t;
                }
            }
            return Optional.ofNullable(best);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs everything planned up to {@code until} at its own instant: ticks at each {@link
     * #nextWakeUp()} that is not after {@code until}, so waits, retries and date rules fire exactly
     * when due (back-tests and virtual clocks use it; a live host calls {@link #tick(Instant)}).
     * Stops early when only instances leased to another engine are due.
     *
     * @param until the last instant to run
     * @return how many instances were run
     */
    public int runUntil(Instant until) {
        if (until == null) {
            throw new InvalidValueException("until", "is required");
        }
        int ran = 0;
        Instant last = null;
        while (true) {
            Optional<Instant> due = nextWakeUp();
            if (due.isEmpty() || due.get().isAfter(until) || due.get().equals(last)) {
                return ran;
            }
            last = due.get();
            ran += tick(last);
        }
    }

    /**
     * Calls {@link #tick(Instant)} with the brand clock's instant every {@code period}.
     *
     * @param scheduler the host's scheduler
     * @param period the period
     * @return the scheduled task; cancel it to stop
     */
    public ScheduledFuture<?> start(ScheduledExecutorService scheduler, Duration period) {
        return scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        tick(brand.now());
                    } catch (RuntimeException e) {
                        LOG.error("journey tick failed", e);
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Splits instances, in order, into runs in which each member appears once. */
    private static List<List<JourneyInstance>> distinctMembers(List<JourneyInstance> instances) {
        List<List<JourneyInstance>> parts = new ArrayList<>();
        List<JourneyInstance> part = new ArrayList<>();
        Set<MemberId> seen = new HashSet<>();
        for (JourneyInstance i : instances) {
            if (!seen.add(i.member())) {
                parts.add(part);
                part = new ArrayList<>();
                seen.clear();
                seen.add(i.member());
            }
            part.add(i);
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private static List<MemberId> membersOf(List<JourneyInstance> instances) {
        Set<MemberId> ms = new LinkedHashSet<>();
        for (JourneyInstance i : instances) {
            ms.add(i.member());
        }
        return new ArrayList<>(ms);
    }

    private void wake(JourneyInstance i, Instant now) {
        Journey j = definition(i);
        switch (i.status()) {
            case SCHEDULED -> admitScheduled(i, j, now);
            case RUNNING -> run(i, now);
            case WAITING -> {
                Step s = j.step(i.step()).orElseThrow();
                Optional<Step> next = j.after(s);
                if (next.isPresent()) {
                    JourneyInstance moved = i.moveTo(Status.RUNNING, next.get().id(), now);
                    ops().update(moved);
                    run(moved, now);
                } else {
                    end(i, j, now);
                }
            }
            case WAITING_EVENT -> {
                Step.WaitForEvent w = (Step.WaitForEvent) j.step(i.step()).orElseThrow();
                if (w.onTimeout() != null) {
                    JourneyInstance moved = i.moveTo(Status.RUNNING, w.onTimeout(), now);
                    ops().update(moved);
                    run(moved, now);
                } else {
                    end(i, j, now);
                }
            }
            case AWAITING_GOAL -> finish(i, Outcome.COMPLETED);
            case DONE -> {}
        }
    }

    // ------------------------------------------------------------------ entries

    private void enter(Journey j, MemberId member, String entryKey, Instant now) {
        Optional<Member> m = crm.members().find(member);
        if (m.isEmpty() || m.get().joinedAt().isAfter(now)) {
            return;
        }
        if (j.filter().isPresent() && !test(j.filter().get(), member, now)) {
            return;
        }
        JourneyInstance i = new JourneyInstance(
                JourneyInstance.idOf(j.id(), member, entryKey),
                j.id(),
                j.version(),
                member,
                entryKey,
                now,
                Status.RUNNING,
                j.steps().get(0).id(),
                now,
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                1);
        admit(i, j.reentry(), r -> {
            if (r == EnterResult.ENTERED) {
                deliver(l -> l.entered(i)); // stored: heard now, even if what follows fails
                run(i, now);
            }
        });
    }

    /** Admits an entry now, or at the batch's commit; then does {@code then} with the result. */
    private void admit(JourneyInstance i, Reentry reentry, Consumer<EnterResult> then) {
        if (batch != null) {
            batch.enter(new WriteBatch.Entering(i, reentry, brand.zone()), then);
        } else {
            then.accept(store.enter(i, reentry, brand.zone()));
        }
    }

    private void schedule(Journey j, MemberId member, String entryKey, Instant due, Map<String, String> context) {
        JourneyInstance i = new JourneyInstance(
                JourneyInstance.idOf(j.id(), member, entryKey),
                j.id(),
                j.version(),
                member,
                entryKey,
                due,
                Status.SCHEDULED,
                j.steps().get(0).id(),
                due,
                null,
                null,
                0,
                0,
                context,
                null,
                1);
        ops().schedule(i);
    }

    private void admitScheduled(JourneyInstance s, Journey j, Instant now) {
        Optional<Member> member = crm.members().find(s.member());
        if (member.isEmpty() || member.get().joinedAt().isAfter(now)) {
            finish(s, Outcome.CANCELLED);
            return;
        }
        String anchor = s.context().get("anchor");
        if (anchor != null) {
            Optional<Instant> last = MemberStats.of(crm.orders().findByMember(s.member()), now, brand)
                    .lastPurchase();
            if (last.isEmpty() || !last.get().equals(Instant.parse(anchor))) {
                finish(s, Outcome.CANCELLED);
                return;
            }
        }
        if (j.filter().isPresent() && !test(j.filter().get(), s.member(), now)) {
            finish(s, Outcome.NOT_ADMITTED);
            return;
        }
        JourneyInstance running = new JourneyInstance(
                s.id(),
                s.journey(),
                s.journeyVersion(),
                s.member(),
                s.entryKey(),
                s.enteredAt(),
                Status.RUNNING,
                s.step(),
                now,
                null,
                null,
                0,
                0,
                s.context(),
                null,
                s.version() + 1);
        admit(running, j.reentry(), r -> {
            if (r == EnterResult.ENTERED) {
                deliver(l -> l.entered(running)); // stored: heard now, even if what follows fails
                run(running, now);
            } else if (r == EnterResult.REFUSED) {
                ops().find(s.id()).ifPresent(done -> deliver(l -> l.finished(done)));
            }
        });
    }

    private void scheduleAfterPurchase(JourneyEvent event, Instant now) {
        List<Journey> js = afterPurchase;
        if (js.isEmpty()) {
            return;
        }
        Optional<Member> member = crm.members().find(event.member());
        if (member.isEmpty()) {
            return;
        }
        // orders only: the statistics need no interactions
        MemberStats stats = MemberStats.of(crm.orders().findByMember(event.member()), now, brand);
        Optional<Instant> last = stats.lastPurchase();
        if (last.isEmpty() || !last.get().equals(now)) {
            return; // the order does not count (cancelled), or a later one exists
        }
        ZoneId zone = Guards.zoneOf(member.get(), brand.zone());
        LocalDate day = brand.dateOf(now);
        for (Journey j : js) {
            long days;
            java.time.LocalTime at;
            if (j.entry() instanceof Entry.DaysAfterLastPurchase d) {
                days = d.days();
                at = d.at();
            } else {
                Entry.RepurchaseDue r = (Entry.RepurchaseDue) j.entry();
                double cycle = stats.averageRepurchaseDays().orElse(r.fallbackDays());
                if (cycle <= 0) {
                    continue;
                }
                days = Math.max(1, Math.round(r.factor() * cycle));
                at = r.at();
            }
            Instant due = Times.at(day.plusDays(days), at, zone);
            schedule(j, event.member(), "after:" + event.id(), due, Map.of("anchor", now.toString()));
        }
    }

    private void scanDates(Journey j, Instant now) {
        String name = "dates:" + j.id().value();
        Instant cursor = store.cursor(name).orElse(null);
        if (cursor == null) {
            cursor = now;
            store.cursor(name, cursor);
        }
        Instant horizon = now.plus(Duration.ofDays(1)); // plan a day ahead
        while (!cursor.isAfter(horizon)) {
            Instant end = cursor.plus(Duration.ofDays(1));
            scanWindow(j, cursor, end);
            cursor = end;
            store.cursor(name, cursor);
        }
    }

    /** Schedules every date entry of {@code j} that falls in {@code [from, to)}. */
    private void scanWindow(Journey j, Instant from, Instant to) {
        ZoneId brandZone = brand.zone();
        // local dates a member anywhere on earth can have in the window, and the anniversary date each stands for
        LocalDate first = from.atZone(ZoneId.of("Etc/GMT-14")).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(ZoneId.of("Etc/GMT+12")).toLocalDate().plusDays(1);
        int before = j.entry() instanceof Entry.Birthday b ? b.daysBefore() : 0;
        java.time.LocalTime at =
                j.entry() instanceof Entry.Birthday b ? b.at() : ((Entry.JoinAnniversary) j.entry()).at();
        Map<MonthDay, List<LocalDate[]>> window = new HashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            LocalDate occasion = d.plusDays(before);
            LocalDate[] pair = {d, occasion};
            window.computeIfAbsent(MonthDay.from(occasion), k -> new ArrayList<>(2))
                    .add(pair);
            if (occasion.getMonthValue() == 2 && occasion.getDayOfMonth() == 28 && !occasion.isLeapYear()) {
                window.computeIfAbsent(MonthDay.of(2, 29), k -> new ArrayList<>(2))
                        .add(pair); // 29 Feb → 28 Feb
            }
        }
        boolean birthday = j.entry() instanceof Entry.Birthday;
        if (this.dates == null) {
            this.dates = new DateIndex(crm, brandZone);
        }
        for (Map.Entry<MonthDay, List<LocalDate[]>> e : window.entrySet()) {
            for (Member m : this.dates.members(birthday, e.getKey())) {
                if (!m.joinedAt().isBefore(to)) {
                    continue;
                }
                LocalDate origin = birthday
                        ? m.birthday().orElseThrow()
                        : m.joinedAt().atZone(brandZone).toLocalDate();
                for (LocalDate[] hit : e.getValue()) {
                    LocalDate occasion = hit[1];
                    if (occasion.getYear() < origin.getYear()
                            || (!birthday && occasion.getYear() == origin.getYear())) {
                        continue;
                    }
                    Instant fire = Times.at(hit[0], at, Guards.zoneOf(m, brandZone));
                    if (!fire.isBefore(from) && fire.isBefore(to)) {
                        schedule(
                                j,
                                m.id(),
                                (birthday ? "birthday:" : "anniversary:") + occasion.getYear(),
                                fire,
                                Map.of());
                    }
                }
            }
        }
    }

    private void broadcast(Journey j, Entry.Broadcast b, Instant now) {
        String name = "broadcast:" + j.id().value();
        Instant next = store.cursor(name).orElse(b.first());
        while (!next.isAfter(now) && !next.equals(Instant.MAX)) {
            MemberSet audience = segments.snapshot().evaluate(b.audience(), next);
            String key = "broadcast:" + next.getEpochSecond();
            Instant at = next;
            if (batching == null) {
                for (MemberId id : audience) {
                    enter(j, id, key, at);
                }
            } else {
                List<MemberId> chunk = new ArrayList<>(batchSize);
                for (MemberId id : audience) {
                    chunk.add(id);
                    if (chunk.size() == batchSize) {
                        enterBatch(j, chunk, key, at);
                        chunk = new ArrayList<>(batchSize);
                    }
                }
                if (!chunk.isEmpty()) {
                    enterBatch(j, chunk, key, at);
                }
            }
            next = b.every() == null
                    ? Instant.MAX
                    : ZonedDateTime.ofInstant(next, brand.zone())
                            .plus(b.every())
                            .toInstant();
            store.cursor(name, next);
        }
    }

    /** Enters members into a journey as one batch. */
    private void enterBatch(Journey j, List<MemberId> members, String key, Instant at) {
        inBatch(
                view -> {
                    if (guards.capMessages() > 0) {
                        view.fetchMessages(members, at.minus(guards.capWindow()));
                    }
                    for (MemberId id : members) {
                        enter(j, id, key, at);
                    }
                },
                () -> {
                    for (MemberId id : members) {
                        enter(j, id, key, at);
                    }
                });
    }

    // ------------------------------------------------------------------ steps

    private void run(JourneyInstance start, Instant now) {
        Journey j = definition(start);
        JourneyInstance cur = start;
        for (int n = 0; n < MAX_STEPS_PER_RUN; n++) {
            Step step = j.step(cur.step()).orElseThrow(() -> new AutomationException("no step"));
            JourneyInstance here = cur;
            notify(l -> l.arrived(here, step));
            if (step instanceof Step.Wait w) {
                ops().update(cur.moveTo(Status.WAITING, step.id(), now.plus(w.duration())));
                return;
            } else if (step instanceof Step.WaitUntil w) {
                ZoneId zone = zoneOf(cur.member());
                ops().update(cur.moveTo(Status.WAITING, step.id(), Times.nextLocal(now, w.at(), w.days(), zone)));
                return;
            } else if (step instanceof Step.WaitForEvent w) {
                ops().update(cur.moveTo(Status.WAITING_EVENT, step.id(), now.plus(w.timeout())));
                return;
            } else if (step instanceof Step.Branch b) {
                String target = test(b.condition(), cur.member(), now) ? b.then() : b.otherwise();
                cur = jump(cur, target);
            } else if (step instanceof Step.Split sp) {
                Step.Arm arm = arm(sp, cur);
                JourneyInstance assigned = cur.withArm(arm.label());
                notify(l -> l.assigned(assigned, sp, arm));
                if (arm.control()) {
                    end(assigned, j, now);
                    return;
                }
                cur = jump(assigned, arm.target());
            } else if (step instanceof Step.Exit) {
                end(cur, j, now);
                return;
            } else {
                Optional<JourneyInstance> after = act(cur, j, step, now);
                if (after.isEmpty()) {
                    return; // deferred or retrying: stored with a due time
                }
                cur = after.get();
                Optional<Step> next = j.after(step);
                if (next.isEmpty()) {
                    end(cur, j, now);
                    return;
                }
                cur = cur.moveTo(Status.RUNNING, next.get().id(), now);
                ops().update(cur);
            }
        }
        throw new AutomationException(
                "journey instance " + start.id() + " took " + MAX_STEPS_PER_RUN + " steps without waiting");
    }

    /** Moves to a step without storing (branches and splits are re-evaluated if the engine dies before the next write). */
    private static JourneyInstance jump(JourneyInstance cur, String target) {
        return new JourneyInstance(
                cur.id(),
                cur.journey(),
                cur.journeyVersion(),
                cur.member(),
                cur.entryKey(),
                cur.enteredAt(),
                cur.status(),
                target,
                cur.dueAt(),
                cur.arm(),
                cur.lastStep(),
                cur.actions(),
                0,
                cur.context(),
                null,
                cur.version());
    }

    private static Step.Arm arm(Step.Split sp, JourneyInstance i) {
        int b = Times.bucket(i.member().value(), i.journey().value());
        int acc = 0;
        for (Step.Arm a : sp.arms()) {
            acc += a.percent();
            if (b < acc) {
                return a;
            }
        }
        return sp.arms().get(sp.arms().size() - 1);
    }

    /** No more steps: wait for the goal's window to close, or finish. */
    private void end(JourneyInstance i, Journey j, Instant now) {
        Optional<Goal> goal = j.goal();
        if (goal.isPresent()) {
            Instant close = i.enteredAt().plus(goal.get().window());
            if (close.isAfter(now)) {
                ops().update(i.moveTo(Status.AWAITING_GOAL, null, close));
                return;
            }
        }
        finish(i, Outcome.COMPLETED);
    }

    private void finish(JourneyInstance i, Outcome o) {
        JourneyInstance done = i.finish(o);
        ops().update(done);
        notify(l -> l.finished(done));
    }

    /**
     * Carries out an action step.
     *
     * @return the instance after the action (not yet stored), or empty if it was stored with a due
     *     time (deferred by quiet hours, or waiting for a retry)
     */
    private Optional<JourneyInstance> act(JourneyInstance cur, Journey j, Step step, Instant now) {
        String key = cur.effectKeyPrefix() + step.id() + "#" + cur.actions();
        EffectRecord known = ops().effect(key).orElse(null);
        Member member = null;
        if (known == null) {
            member = crm.members().find(cur.member()).orElse(null);
            if (member == null) {
                return Optional.of(skip(cur, step, JourneyListener.Skip.SUPPRESSED));
            }
            if (suppressed(member, now)) {
                return Optional.of(skip(cur, step, JourneyListener.Skip.SUPPRESSED));
            }
            if (step instanceof Step.Send send) {
                ContactChannel ch = channel(send, member);
                if (ch == null) {
                    return Optional.of(skip(cur, step, JourneyListener.Skip.NO_CONSENT));
                }
                ZoneId zone = Guards.zoneOf(member, brand.zone());
                if (guards.isQuiet(now.atZone(zone).toLocalTime())) {
                    Instant until = Times.nextLocal(
                            now, guards.quietUntil(), java.util.EnumSet.allOf(java.time.DayOfWeek.class), zone);
                    JourneyInstance deferred = cur.moveTo(Status.RUNNING, step.id(), until);
                    ops().update(deferred);
                    notify(l -> l.deferred(deferred, step));
                    return Optional.empty();
                }
                if (guards.capMessages() > 0
                        && ops().messagesSince(member.id(), now.minus(guards.capWindow())) >= guards.capMessages()) {
                    return Optional.of(skip(cur, step, JourneyListener.Skip.FREQUENCY_CAP));
                }
            }
            known = ops().intend(new EffectRecord(
                    key,
                    kindOf(step),
                    cur.journey(),
                    cur.journeyVersion(),
                    cur.member(),
                    step.id(),
                    now,
                    EffectRecord.Status.PENDING,
                    null,
                    null));
        }
        if (known.status() == EffectRecord.Status.DONE) {
            return Optional.of(after(cur, step, known.detail()));
        }
        if (known.status() == EffectRecord.Status.FAILED) {
            return Optional.of(skip(cur, step, JourneyListener.Skip.FAILED));
        }
        if (member == null) {
            member = crm.members().find(cur.member()).orElse(null);
            if (member == null) {
                ops().complete(known.complete(EffectRecord.Status.FAILED, "member deleted", now));
                return Optional.of(skip(cur, step, JourneyListener.Skip.FAILED));
            }
        }
        String detail;
        try {
            detail = call(step, key, cur, member, now);
        } catch (RuntimeException e) {
            boolean retry = !(e instanceof DeliveryException d) || d.isTransient();
            if (retry && cur.attempt() + 1 < maxAttempts) {
                Duration wait = firstBackoff.multipliedBy((long) Math.pow(5, cur.attempt()));
                LOG.debug(
                        "effect {} failed (attempt {}), retrying in {}: {}",
                        key,
                        cur.attempt() + 1,
                        wait,
                        e.toString());
                ops().update(cur.retryAt(now.plus(wait)));
                return Optional.empty();
            }
            LOG.warn("effect {} failed for good: {}", key, e.toString());
            ops().complete(known.complete(EffectRecord.Status.FAILED, String.valueOf(e.getMessage()), now));
            return Optional.of(skip(cur, step, JourneyListener.Skip.FAILED));
        }
        EffectRecord done = known.complete(EffectRecord.Status.DONE, detail, now);
        ops().complete(done);
        JourneyInstance after = after(cur, step, detail);
        notify(l -> l.effect(after, step, done));
        return Optional.of(after);
    }

    private static JourneyInstance after(JourneyInstance cur, Step step, @Nullable String detail) {
        if (step instanceof Step.IssueCoupon) {
            return cur.afterAction(step.id(), "coupon", detail);
        }
        if (step instanceof Step.Custom) {
            return cur.afterAction(step.id(), step.id(), detail);
        }
        return cur.afterAction(step.id(), null, null);
    }

    private JourneyInstance skip(JourneyInstance cur, Step step, JourneyListener.Skip why) {
        notify(l -> l.skipped(cur, step, why));
        return cur;
    }

    private static EffectRecord.Kind kindOf(Step s) {
        if (s instanceof Step.Send) {
            return EffectRecord.Kind.MESSAGE;
        } else if (s instanceof Step.IssueCoupon) {
            return EffectRecord.Kind.COUPON;
        } else if (s instanceof Step.AwardPoints) {
            return EffectRecord.Kind.POINTS;
        } else if (s instanceof Step.Tag) {
            return EffectRecord.Kind.TAG;
        }
        return EffectRecord.Kind.CUSTOM;
    }

    private @Nullable String call(Step step, String key, JourneyInstance cur, Member member, Instant now) {
        if (step instanceof Step.Send s) {
            ContactChannel ch = channel(s, member);
            if (ch == null) {
                throw DeliveryException.permanent("member is no longer reachable");
            }
            Map<String, String> vars = new LinkedHashMap<>();
            s.variables().forEach((k, v) -> vars.put(k, resolve(v, member, cur)));
            messages.send(new Message(key, cur.journey(), cur.member(), ch, s.template(), vars, now));
            return null;
        } else if (step instanceof Step.IssueCoupon c) {
            return coupons.issue(new CouponIssuer.Request(key, cur.journey(), cur.member(), c.campaign(), now));
        } else if (step instanceof Step.AwardPoints p) {
            points.award(new PointsAwarder.Request(key, cur.journey(), cur.member(), p.points(), p.reason(), now));
            return null;
        } else if (step instanceof Step.Tag t) {
            tags.apply(new TagWriter.Request(key, cur.journey(), cur.member(), t.tag(), t.add(), now));
            return null;
        } else {
            Step.Custom c = (Step.Custom) step;
            return customs.get(c.action())
                    .execute(new CustomAction.Request(key, cur.journey(), cur.member(), c.params(), now));
        }
    }

    private static String resolve(String template, Member m, JourneyInstance i) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (matcher.find()) {
            String v = matcher.group(1);
            String value = switch (v) {
                case "member.name" -> m.name().orElse("");
                case "member.id" -> m.id().value();
                case "member.email" -> m.email().map(Object::toString).orElse("");
                case "member.phone" -> m.phone().map(Object::toString).orElse("");
                case "coupon" -> i.context().getOrDefault("coupon", "");
                default -> i.context().getOrDefault(v.substring("context.".length()), "");
            };
            matcher.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(sb);
        return sb.toString();
    }

    private static @Nullable ContactChannel channel(Step.Send s, Member m) {
        if (s.channel() != null) {
            return m.isReachableBy(s.channel()) ? s.channel() : null;
        }
        if (m.preferredChannel().isPresent()
                && m.isReachableBy(m.preferredChannel().get())) {
            return m.preferredChannel().get();
        }
        for (ContactChannel c : CHANNEL_ORDER) {
            if (m.isReachableBy(c)) {
                return c;
            }
        }
        return null;
    }

    private boolean suppressed(Member m, Instant now) {
        for (String t : guards.suppressTags()) {
            if (m.hasTag(t)) {
                return true;
            }
        }
        return guards.suppressAudience() != null && test(guards.suppressAudience(), m.id(), now);
    }

    private boolean test(Condition c, MemberId member, Instant now) {
        return segments.test(c, member, now);
    }

    private ZoneId zoneOf(MemberId member) {
        return crm.members()
                .find(member)
                .map(m -> Guards.zoneOf(m, brand.zone()))
                .orElse(brand.zone());
    }

    private void writeTag(TagWriter.Request r) {
        crm.members().update(r.member(), m -> {
            Member.Builder b = m.toBuilder();
            if (r.add()) {
                b.tag(Tag.rule(r.tag(), "journey:" + r.journey().value(), r.at()));
            } else {
                b.untag(r.tag());
            }
            return b.build();
        });
    }

    private void notify(java.util.function.Consumer<JourneyListener> call) {
        if (batch != null) {
            batch.afterCommit(() -> deliver(call)); // listeners hear what is stored
        } else {
            deliver(call);
        }
    }

    private void deliver(java.util.function.Consumer<JourneyListener> call) {
        for (JourneyListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("journey listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    /** Builds a {@link JourneyEngine}. */
    public static final class Builder {
        private final Crm crm;
        private SegmentCatalog catalog = SegmentCatalog.empty();
        private JourneyStateStore store = JourneyStateStore.inMemory();
        private @Nullable MessageGateway messages;
        private @Nullable CouponIssuer coupons;
        private @Nullable PointsAwarder points;
        private @Nullable TagWriter tags;
        private final Map<String, CustomAction> customs = new HashMap<>();
        private Guards guards = Guards.consentOnly();
        private final List<JourneyListener> listeners = new ArrayList<>();
        private String owner = "engine";
        private int maxAttempts = 5;
        private Duration firstBackoff = Duration.ofMinutes(1);
        private int batchSize = 1000;

        private Builder(Crm crm) {
            this.crm = crm;
        }

        /**
         * @param c the segments and custom predicates that conditions may name
         * @return this builder
         */
        public Builder catalog(SegmentCatalog c) {
            this.catalog = require(c, "catalog");
            return this;
        }

        /**
         * @param s the state store (default: a new in-memory store)
         * @return this builder
         */
        public Builder store(JourneyStateStore s) {
            this.store = require(s, "store");
            return this;
        }

        /**
         * @param g the message gateway
         * @return this builder
         */
        public Builder messages(MessageGateway g) {
            this.messages = require(g, "messages");
            return this;
        }

        /**
         * @param c the coupon issuer
         * @return this builder
         */
        public Builder coupons(CouponIssuer c) {
            this.coupons = require(c, "coupons");
            return this;
        }

        /**
         * @param p the points awarder
         * @return this builder
         */
        public Builder points(PointsAwarder p) {
            this.points = require(p, "points");
            return this;
        }

        /**
         * @param t the tag writer (default: rule tags written to the member store)
         * @return this builder
         */
        public Builder tags(TagWriter t) {
            this.tags = require(t, "tags");
            return this;
        }

        /**
         * @param a a custom action, by its name
         * @return this builder
         */
        public Builder customAction(CustomAction a) {
            require(a, "customAction");
            if (customs.put(a.name(), a) != null) {
                throw new InvalidValueException("customAction", "two actions are named \"" + a.name() + "\"");
            }
            return this;
        }

        /**
         * @param g the guards (default {@link Guards#consentOnly()})
         * @return this builder
         */
        public Builder guards(Guards g) {
            this.guards = require(g, "guards");
            return this;
        }

        /**
         * @param l a listener, after the engine's own metrics
         * @return this builder
         */
        public Builder listener(JourneyListener l) {
            listeners.add(require(l, "listener"));
            return this;
        }

        /**
         * @param name this engine's name for leases on a shared store (default {@code engine})
         * @return this builder
         */
        public Builder owner(String name) {
            if (name == null || name.isBlank()) {
                throw new InvalidValueException("owner", "is required");
            }
            this.owner = name;
            return this;
        }

        /**
         * @param attempts how many times a transiently failing effect is tried in all (1..20, default 5)
         * @param first the wait before the second attempt; each next wait is 5 times longer (default 1 minute)
         * @return this builder
         */
        public Builder retries(int attempts, Duration first) {
            if (attempts < 1 || attempts > 20) {
                throw new InvalidValueException("retries.attempts", "must be 1..20");
            }
            if (first == null || first.isNegative() || first.isZero()) {
                throw new InvalidValueException("retries.first", "must be positive");
            }
            this.maxAttempts = attempts;
            this.firstBackoff = first;
            return this;
        }

        /**
         * @param n how many due instances to claim at once, and with a {@link BatchingJourneyStateStore}
         *     how many instances or events make one batch (one transaction; at most one batch of
         *     gateway calls is repeated after a crash) (default 1000)
         * @return this builder
         */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new InvalidValueException("batchSize", "must be positive");
            }
            this.batchSize = n;
            return this;
        }

        /** @return the engine */
        public JourneyEngine build() {
            return new JourneyEngine(this);
        }

        private static <T> T require(@Nullable T v, String field) {
            if (v == null) {
                throw new InvalidValueException(field, "is required");
            }
            return v;
        }
    }
}
