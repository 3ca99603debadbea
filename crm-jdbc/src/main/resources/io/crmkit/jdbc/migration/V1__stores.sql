-- crmkit stores on PostgreSQL. Instants are a timestamptz (microseconds) plus the nanoseconds below
-- the microsecond (0..999), so that a java.time.Instant survives exactly and a range compares as the
-- row (at, at_nanos). Ids compare in COLLATE "C" (code point order, Java's String order for ids
-- without characters above U+FFFF). Money is minor units (bigint) plus an ISO 4217 code.
-- Child tables carry member_id so that Citus can co-locate everything of a member (see docs/jdbc.md);
-- there are no foreign keys (Citus cannot keep them across distribution keys, and they would slow COPY):
-- the stores delete child rows with their parent in the same transaction.

CREATE TABLE member (
    member_id         text COLLATE "C" PRIMARY KEY,
    version           bigint NOT NULL CHECK (version > 0),
    name              text,
    gender            text NOT NULL,
    birthday          date,
    joined_at         timestamptz NOT NULL,
    joined_nanos      integer NOT NULL,
    region            text COLLATE "C",
    city              text COLLATE "C",
    source_channel    text COLLATE "C",
    email             text COLLATE "C",
    phone             text COLLATE "C",
    line_id           text,
    facebook_id       text,
    preferred_channel text,
    -- consents, attributes, tags, notes and external ids in their order: the exact round trip
    doc               jsonb NOT NULL
);
CREATE INDEX member_email ON member (email) WHERE email IS NOT NULL;
CREATE INDEX member_phone ON member (phone) WHERE phone IS NOT NULL;

-- one row per external id: the primary key makes an external id belong to one member
CREATE TABLE member_external_id (
    system    text COLLATE "C" NOT NULL,
    value     text COLLATE "C" NOT NULL,
    member_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (system, value)
);
CREATE INDEX member_external_id_member ON member_external_id (member_id);

-- query columns for segment push-down (the document above is what reads return)
CREATE TABLE member_tag (
    member_id text COLLATE "C" NOT NULL,
    name      text COLLATE "C" NOT NULL,
    PRIMARY KEY (member_id, name)
);
CREATE INDEX member_tag_name ON member_tag (name);

CREATE TABLE member_consent (
    member_id text COLLATE "C" NOT NULL,
    channel   text NOT NULL,
    opted_in  boolean NOT NULL,
    PRIMARY KEY (member_id, channel)
);

-- one typed value per attribute: numbers (INTEGER, LONG, DECIMAL) and instants (epoch seconds
-- with nine decimals) in v_num, so that comparisons are exact
CREATE TABLE member_attribute (
    member_id text COLLATE "C" NOT NULL,
    name      text COLLATE "C" NOT NULL,
    type      text NOT NULL,
    v_text    text COLLATE "C",
    v_num     numeric,
    v_date    date,
    v_bool    boolean,
    PRIMARY KEY (member_id, name)
);
CREATE INDEX member_attribute_name ON member_attribute (name, type);

CREATE TABLE product (
    product_id      text COLLATE "C" PRIMARY KEY,
    name            text NOT NULL,
    category        text COLLATE "C" NOT NULL,
    list_price      bigint,
    list_currency   char(3),
    unit_cost       bigint,
    cost_currency   char(3)
);

CREATE TABLE orders (
    order_id        text COLLATE "C" PRIMARY KEY,
    member_id       text COLLATE "C" NOT NULL,
    placed_at       timestamptz NOT NULL,
    placed_nanos    integer NOT NULL,
    status          text NOT NULL,
    channel         text COLLATE "C" NOT NULL,
    store_id        text COLLATE "C",
    pickup_store_id text COLLATE "C",
    payment_method  text COLLATE "C",
    shipping_method text COLLATE "C",
    delivered_at    timestamptz,
    delivered_nanos integer,
    currency        char(3) NOT NULL,
    shipping_fee    bigint NOT NULL,
    order_discount  bigint NOT NULL,
    total           bigint NOT NULL,
    coupon_codes    text[] COLLATE "C" NOT NULL
);
CREATE INDEX orders_member ON orders (member_id, placed_at, placed_nanos, order_id);
CREATE INDEX orders_placed ON orders (placed_at, placed_nanos, order_id);
-- the check for orders in another currency than the brand's: two range scans of a rare value
CREATE INDEX orders_currency ON orders (currency);

CREATE TABLE order_line (
    order_id   text COLLATE "C" NOT NULL,
    line_no    integer NOT NULL,
    member_id  text COLLATE "C" NOT NULL,
    product_id text COLLATE "C" NOT NULL,
    sku        text COLLATE "C",
    name       text NOT NULL,
    category   text COLLATE "C" NOT NULL,
    quantity   integer NOT NULL,
    unit_price bigint NOT NULL,
    unit_cost  bigint,
    discount   bigint NOT NULL,
    net_amount bigint NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_refund (
    order_id  text COLLATE "C" NOT NULL,
    refund_no integer NOT NULL,
    member_id text COLLATE "C" NOT NULL,
    at        timestamptz NOT NULL,
    at_nanos  integer NOT NULL,
    amount    bigint NOT NULL,
    reason    text NOT NULL,
    PRIMARY KEY (order_id, refund_no)
);

CREATE TABLE interaction (
    interaction_id   text COLLATE "C" PRIMARY KEY,
    member_id        text COLLATE "C" NOT NULL,
    at               timestamptz NOT NULL,
    at_nanos         integer NOT NULL,
    type             text NOT NULL,
    channel          text,
    campaign_id      text COLLATE "C",
    message_id       text,
    -- the typed properties in their order, for the exact round trip
    properties       jsonb NOT NULL,
    -- Interaction.score() and durationSeconds() for push-down, when set with their types
    score            integer,
    duration_seconds bigint
);
CREATE INDEX interaction_member ON interaction (member_id, at, at_nanos, interaction_id);
CREATE INDEX interaction_at ON interaction (at, at_nanos, interaction_id);
