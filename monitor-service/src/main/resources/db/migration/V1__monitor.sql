-- The monitor's tables, in its own schema (the role's search_path). Messaging tables (outbox, inbox, engine_state)
-- come from service-support's db/common. The feed position is the engine_state row 'monitor.feed'.

-- What to watch: a strategy with parameters on a symbol's bars of one timeframe. Entries run in id order.
-- A symbol runs a strategy at most once: a signal's id is (strategy, symbol, bar time, type), without parameters
-- or timeframe, so two entries of one strategy on one symbol would publish colliding ids.
create table watchlist (
    id         bigserial   primary key,
    symbol     text        not null,
    timeframe  text        not null,
    strategy   text        not null,
    parameters jsonb       not null default '{}'::jsonb,
    enabled    boolean     not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (symbol, strategy)
);

-- Every bar the feed published, written in the slice's transaction; the strategies warm up from it on restart.
create table bars (
    symbol    text        not null,
    timeframe text        not null,
    open_time timestamptz not null,
    open      numeric     not null,
    high      numeric     not null,
    low       numeric     not null,
    close     numeric     not null,
    volume    numeric     not null,
    primary key (symbol, timeframe, open_time)
);

-- Every signal the watchlist's strategies emitted, in emission order (seq), written in the slice's transaction.
create table signals (
    seq          bigserial   primary key,
    id           text        not null unique,
    strategy     text        not null,
    symbol       text        not null,
    timeframe    text        not null,
    type         text        not null,
    strength     numeric     not null,
    bar_time     timestamptz not null,
    price        numeric     not null,
    atr          numeric,
    emitted_at   timestamptz not null,
    watchlist_id bigint      not null
);
create index signals_by_time on signals (bar_time, seq);
create index signals_by_symbol on signals (symbol, bar_time);
create index signals_by_strategy on signals (strategy, bar_time);
