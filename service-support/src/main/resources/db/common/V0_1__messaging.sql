-- Messaging tables every papertrader service has, in its own schema (the role's search_path).
-- Shipped by service-support; a service lists `db/common` before its own `db/migration` in quarkus.flyway.locations.
-- Common migrations are numbered 0.x so that they sort before every service migration (1, 2, ...).

-- Transactional outbox: rows written in the same transaction as the state change they announce, sent by the
-- relay in seq order, marked sent once the broker has accepted them.
create table outbox (
    seq          bigserial   primary key,
    id           text        not null unique,
    address      text        not null,
    type         text        not null,
    content_type text        not null default 'application/json',
    body         text        not null,
    properties   jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz
);
create index outbox_unsent on outbox (seq) where sent_at is null;

-- Idempotent consumers: the id of every message processed, written in the transaction that processed it.
create table inbox (
    consumer    text        not null,
    message_id  text        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, message_id)
);

-- Messages that could not be processed, with the reason; each is also sent to the dead.letters address.
create table dead_letters (
    seq         bigserial   primary key,
    consumer    text        not null,
    address     text,
    message_id  text,
    type        text,
    body        text,
    reason      text        not null,
    received_at timestamptz not null default now()
);

-- Serialized state of a service's in-memory engine (JSON), saved in each processing transaction.
create table engine_state (
    key        text        primary key,
    state      text        not null,
    updated_at timestamptz not null default now()
);
