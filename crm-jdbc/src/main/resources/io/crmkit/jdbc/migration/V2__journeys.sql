-- Durable journeys (crm-automation's JourneyStateStore): instances with their timers and leases, the
-- effect log and named cursors. Instants as in V1: timestamptz (microseconds) + nanoseconds below the
-- microsecond, so that an Instant survives exactly; ids COLLATE "C" (Java's String order, which the
-- in-memory store's timers use to break ties). member_id on every row (Citus co-location).

CREATE TABLE journey_instance (
    instance_id     text COLLATE "C" PRIMARY KEY,      -- journey/member/entryKey
    journey_id      text COLLATE "C" NOT NULL,
    journey_version integer NOT NULL,
    member_id       text COLLATE "C" NOT NULL,
    entry_key       text COLLATE "C" NOT NULL,
    entered_at      timestamptz NOT NULL,
    entered_nanos   integer NOT NULL,
    status          text NOT NULL,                     -- JourneyInstance.Status
    step            text,
    due_at          timestamptz,
    due_nanos       integer,
    arm             text,
    last_step       text,
    actions         integer NOT NULL,
    attempt         integer NOT NULL,
    context         jsonb NOT NULL,                    -- {"key": "value", ...}
    outcome         text,                              -- JourneyInstance.Outcome when DONE
    version         bigint NOT NULL CHECK (version > 0),
    -- the admitted-entry bookkeeping: true once enter() admitted it (scheduled and refused ones are not),
    -- so that the re-entry rule looks at exactly the entries the in-memory store counts
    admitted        boolean NOT NULL,
    -- the lease of claimDue: which engine runs it until when; update() clears it
    lease_owner     text,
    lease_until     timestamptz,
    lease_nanos     integer
);
-- claimDue and nextDue: runnable instances in (due, id) order
CREATE INDEX journey_instance_due ON journey_instance (due_at, due_nanos, instance_id)
    WHERE status <> 'DONE' AND due_at IS NOT NULL;
-- live(member): instances an event can still change
CREATE INDEX journey_instance_live ON journey_instance (member_id)
    WHERE status IN ('RUNNING', 'WAITING', 'WAITING_EVENT', 'AWAITING_GOAL');
-- enter(): the admitted entries of one (journey, member) pair
CREATE INDEX journey_instance_pair ON journey_instance (journey_id, member_id) WHERE admitted;

CREATE TABLE journey_effect (
    effect_key      text COLLATE "C" PRIMARY KEY,      -- the idempotency key: the first intent wins
    kind            text NOT NULL,                     -- EffectRecord.Kind
    journey_id      text COLLATE "C" NOT NULL,
    journey_version integer NOT NULL,
    member_id       text COLLATE "C" NOT NULL,
    step            text NOT NULL,
    at              timestamptz NOT NULL,
    at_nanos        integer NOT NULL,
    status          text NOT NULL,                     -- EffectRecord.Status
    detail          text,
    completed_at    timestamptz,
    completed_nanos integer
);
-- messagesSince(member, since): the frequency cap's count
CREATE INDEX journey_effect_messages ON journey_effect (member_id, at, at_nanos)
    WHERE kind = 'MESSAGE' AND status <> 'FAILED';

-- named cursors (date planning, broadcasts); the engine stores Instant.MAX for "no more", which a
-- timestamptz cannot hold, so these are epoch seconds + nanoseconds
CREATE TABLE journey_cursor (
    name    text COLLATE "C" PRIMARY KEY,
    seconds bigint NOT NULL,
    nanos   integer NOT NULL
);
