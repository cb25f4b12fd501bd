-- The order service's read model: every order it was given, its fills and its status history. The simulated
-- exchange's own state is in engine_state (db/common); these rows are written in the same transactions.

create table orders (
    id             text        primary key,
    signal_id      text,
    account_id     text        not null,
    symbol         text        not null,
    side           text        not null,
    type           text        not null,
    qty            numeric,
    notional       numeric,
    limit_price    numeric,
    stop_price     numeric,
    time_in_force  text        not null,
    created_at     timestamptz not null,
    source         text        not null,   -- 'message' (trading.orders) or 'rest' (POST /orders)
    status         text        not null,
    filled_qty     numeric     not null,
    avg_fill_price numeric,
    fees           numeric     not null,
    reason         text,
    updated_at     timestamptz not null    -- event time of its latest status change
);
create index orders_by_symbol on orders (symbol, created_at);
create index orders_by_account on orders (account_id, created_at);
create index orders_by_status on orders (status, created_at);

create table fills (
    id         text        primary key,
    order_id   text        not null references orders (id),
    account_id text        not null,
    symbol     text        not null,
    side       text        not null,
    qty        numeric     not null,
    price      numeric     not null,
    fee        numeric     not null,
    filled_at  timestamptz not null
);
create index fills_by_order on fills (order_id);
create index fills_by_account on fills (account_id, filled_at);

create table order_events (
    id             text        primary key,
    order_id       text        not null references orders (id),
    status         text        not null,
    filled_qty     numeric     not null,
    avg_fill_price numeric,
    reason         text,
    event_time     timestamptz not null
);
create index order_events_by_order on order_events (order_id, event_time);

-- Ids of orders created through REST: manual-1, manual-2, ...
create sequence manual_order_seq;
