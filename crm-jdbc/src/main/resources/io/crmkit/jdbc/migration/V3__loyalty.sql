-- crm-loyalty's stores (points ledger, coupons, prepaid vouchers, paid memberships, product
-- subscriptions, referrals). Instants as in V1: timestamptz (microseconds) + nanoseconds below the
-- microsecond; ids and keys COLLATE "C" (Java's String order, which the in-memory stores use); money as
-- minor units + ISO 4217 code. Rows are never deleted: each atomic rule of the SPIs is a key or a
-- conditional statement here (see docs/jdbc.md, "Loyalty").

-- PointsLedgerStore: append-only; (member_id, seq) makes a sequence number taken once, the unique
-- reference makes an idempotency key used once across all members
CREATE TABLE loyalty_ledger (
    member_id       text COLLATE "C" NOT NULL,
    seq             bigint NOT NULL CHECK (seq >= 0),
    kind            text NOT NULL,                     -- LedgerEntry.Kind
    points          bigint NOT NULL CHECK (points > 0),
    at              timestamptz NOT NULL,
    at_nanos        integer NOT NULL,
    reference       text COLLATE "C" NOT NULL,
    reason          text NOT NULL,
    order_id        text COLLATE "C",
    available_at    timestamptz NOT NULL,
    available_nanos integer NOT NULL,
    expires_at      timestamptz,
    expires_nanos   integer,
    policy          text,                              -- NegativeBalancePolicy of a clawback
    PRIMARY KEY (member_id, seq),
    CONSTRAINT loyalty_ledger_reference UNIQUE (reference)
);

-- CouponStore: campaigns (a shared code names one campaign) and issued coupons
CREATE TABLE loyalty_coupon_campaign (
    campaign_id      text COLLATE "C" PRIMARY KEY,
    name             text NOT NULL,
    shared_code      text COLLATE "C" UNIQUE,          -- NULL for unique codes
    code_length      integer NOT NULL,
    valid_from       timestamptz NOT NULL,
    valid_from_nanos integer NOT NULL,
    valid_until      timestamptz NOT NULL,
    valid_until_nanos integer NOT NULL,
    valid_for_seconds bigint,                          -- Duration, NULL for none
    valid_for_nanos  integer,
    per_member       integer NOT NULL,
    budget           bigint NOT NULL,
    issued           bigint NOT NULL DEFAULT 0         -- coupons issued: the budget's counter
);

CREATE TABLE loyalty_coupon (
    coupon_key      text COLLATE "C" PRIMARY KEY,      -- the idempotency key
    issue_seq       bigint GENERATED ALWAYS AS IDENTITY, -- issue order (taken under the campaign's row lock)
    campaign_id     text COLLATE "C" NOT NULL,
    member_id       text COLLATE "C" NOT NULL,
    code            text COLLATE "C" NOT NULL,
    unique_code     boolean NOT NULL,                  -- false for a shared-code campaign's coupons
    issued_at       timestamptz NOT NULL,
    issued_nanos    integer NOT NULL,
    valid_from      timestamptz NOT NULL,
    valid_from_nanos integer NOT NULL,
    expires_at      timestamptz NOT NULL,
    expires_nanos   integer NOT NULL,
    redeemed_order  text COLLATE "C",                  -- NULL until redeemed; set once
    redeemed_at     timestamptz,
    redeemed_nanos  integer
);
-- a unique code is one coupon's; shared codes repeat
CREATE UNIQUE INDEX loyalty_coupon_code ON loyalty_coupon (code) WHERE unique_code;
CREATE INDEX loyalty_coupon_campaign_member ON loyalty_coupon (campaign_id, member_id, issue_seq);
CREATE INDEX loyalty_coupon_campaign_order ON loyalty_coupon (campaign_id, issue_seq);

-- VoucherStore: the current state (version compare-and-set) and the events, each with the state after it
CREATE TABLE loyalty_voucher (
    voucher_id      text COLLATE "C" PRIMARY KEY,
    product         text NOT NULL,
    buyer_id        text COLLATE "C" NOT NULL,
    holder_id       text COLLATE "C" NOT NULL,
    units           integer NOT NULL,
    remaining       integer NOT NULL,
    paid_minor      bigint NOT NULL,
    currency        text NOT NULL,
    purchased_at    timestamptz NOT NULL,
    purchased_nanos integer NOT NULL,
    expires_at      timestamptz NOT NULL,
    expires_nanos   integer NOT NULL,
    version         bigint NOT NULL CHECK (version > 0)
);
CREATE INDEX loyalty_voucher_holder ON loyalty_voucher (holder_id, voucher_id);

CREATE TABLE loyalty_voucher_event (
    event_key       text COLLATE "C" PRIMARY KEY,      -- the idempotency key, unique across vouchers
    type            text NOT NULL,                     -- VoucherEvent.Type
    actor_id        text COLLATE "C" NOT NULL,
    to_id           text COLLATE "C",
    store_id        text COLLATE "C",
    at              timestamptz NOT NULL,
    at_nanos        integer NOT NULL,
    -- the voucher after the change (same columns as loyalty_voucher)
    voucher_id      text COLLATE "C" NOT NULL,
    product         text NOT NULL,
    buyer_id        text COLLATE "C" NOT NULL,
    holder_id       text COLLATE "C" NOT NULL,
    units           integer NOT NULL,
    remaining       integer NOT NULL,
    paid_minor      bigint NOT NULL,
    currency        text NOT NULL,
    purchased_at    timestamptz NOT NULL,
    purchased_nanos integer NOT NULL,
    expires_at      timestamptz NOT NULL,
    expires_nanos   integer NOT NULL,
    version         bigint NOT NULL,
    UNIQUE (voucher_id, version)
);

-- MembershipStore: append-only terms, like the ledger
CREATE TABLE loyalty_membership_term (
    member_id       text COLLATE "C" NOT NULL,
    seq             bigint NOT NULL CHECK (seq >= 0),
    plan_id         text COLLATE "C" NOT NULL,
    starts_at       timestamptz NOT NULL,
    starts_nanos    integer NOT NULL,
    ends_at         timestamptz NOT NULL,
    ends_nanos      integer NOT NULL,
    paid_minor      bigint NOT NULL,
    currency        text NOT NULL,
    paid_at         timestamptz NOT NULL,
    paid_nanos      integer NOT NULL,
    renewal         boolean NOT NULL,
    term_key        text COLLATE "C" NOT NULL,
    PRIMARY KEY (member_id, seq),
    CONSTRAINT loyalty_membership_term_key UNIQUE (term_key)
);

-- SubscriptionStore: the current state (version compare-and-set) and each change with its key and state
CREATE TABLE loyalty_subscription (
    subscription_id text COLLATE "C" PRIMARY KEY,
    member_id       text COLLATE "C" NOT NULL,
    product_id      text COLLATE "C" NOT NULL,
    plan_name       text NOT NULL,
    quantity        integer NOT NULL,
    price_minor     bigint NOT NULL,
    currency        text NOT NULL,
    every           text NOT NULL,                     -- java.time.Period, ISO 8601 (P1M)
    remind_days     integer NOT NULL,
    first_delivery  date NOT NULL,
    ends_on         date,
    version         bigint NOT NULL CHECK (version > 0)
);
CREATE INDEX loyalty_subscription_member ON loyalty_subscription (member_id, subscription_id);

CREATE TABLE loyalty_subscription_change (
    change_key      text COLLATE "C" PRIMARY KEY,      -- the idempotency key
    subscription_id text COLLATE "C" NOT NULL,
    member_id       text COLLATE "C" NOT NULL,
    product_id      text COLLATE "C" NOT NULL,
    plan_name       text NOT NULL,
    quantity        integer NOT NULL,
    price_minor     bigint NOT NULL,
    currency        text NOT NULL,
    every           text NOT NULL,
    remind_days     integer NOT NULL,
    first_delivery  date NOT NULL,
    ends_on         date,
    version         bigint NOT NULL,
    UNIQUE (subscription_id, version)
);

-- ReferralStore: one code per member and one member per code; one referral per referee
CREATE TABLE loyalty_referral_code (
    member_id       text COLLATE "C" PRIMARY KEY,
    code            text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE loyalty_referral (
    referee_id      text COLLATE "C" PRIMARY KEY,
    referrer_id     text COLLATE "C" NOT NULL,
    code            text COLLATE "C" NOT NULL,
    at              timestamptz NOT NULL,
    at_nanos        integer NOT NULL,
    reward_order    text COLLATE "C",                  -- NULL until rewarded; set once
    reward_at       timestamptz,
    reward_nanos    integer,
    referrer_points bigint,
    referee_points  bigint
);
