-- The Alpaca-compatible API (dev.papertrader.router.alpaca): API keys, orders placed through it with their Alpaca
-- fields, the last price of each symbol and the account's equity per decided slice.

-- API keys: the secret is shown once at creation and only its SHA-256 (hex) is kept.
create table alpaca_keys (
    key_id        text        primary key,
    secret_sha256 text        not null,
    account_id    text        not null,
    created_at    timestamptz not null
);

-- Orders placed through /v2, one row per core order (a bracket's legs have parent_id). Updated in the transaction
-- that consumes the order service's fills and status changes. Timestamps are event times (the router's slices and
-- the order service's events).
create table alpaca_orders (
    id               text        primary key,
    seq              bigserial   not null unique,
    account_id       text        not null,
    client_order_id  text        not null,
    symbol           text        not null,
    side             text        not null,
    order_type       text        not null,
    time_in_force    text        not null,
    order_class      text        not null,
    qty              numeric,
    notional         numeric,
    limit_price      numeric,
    stop_price       numeric,
    trail_price      numeric,
    trail_percent    numeric,
    parent_id        text,
    oco_group        text,
    status           text        not null,
    filled_qty       numeric     not null default 0,
    filled_avg_price numeric,
    last_fill_qty    numeric,
    last_fill_price  numeric,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    filled_at        timestamptz,
    canceled_at      timestamptz,
    expired_at       timestamptz,
    failed_at        timestamptz,
    replaced_at      timestamptz,
    replaced_by      text,
    replaces         text,
    unique (account_id, client_order_id)
);
create index alpaca_orders_by_account on alpaca_orders (account_id, seq);
create index alpaca_orders_by_parent on alpaca_orders (parent_id);

-- The close of the latest bar of each symbol (from market.bars::market.bars.router).
create table last_prices (
    symbol    text        primary key,
    price     numeric     not null,
    bar_time  timestamptz not null
);

-- Equity of the account at each slice the router decided (its snapshot), for /v2/account/portfolio/history.
create table equity_history (
    account_id text        not null,
    as_of      timestamptz not null,
    equity     numeric     not null,
    primary key (account_id, as_of)
);
