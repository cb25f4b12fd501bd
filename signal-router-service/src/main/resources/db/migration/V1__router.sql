-- The router's read model and its configuration. The signal router's own state (open orders, cooldowns, halt,
-- slice watermarks) is in engine_state (db/common); all of it is written in the same transactions.

-- Every decision, accepted or rejected, with the rule that decided it (trading-core RouterRules) and why.
-- seq is the order the router decided them in.
create table decisions (
    id          text        primary key,
    seq         bigserial   not null unique,
    signal_id   text        not null,
    account_id  text        not null,
    strategy    text        not null,
    symbol      text        not null,
    signal_type text        not null,
    accepted    boolean     not null,
    rule        text        not null,
    reason      text        not null,
    order_id    text,
    qty         numeric,
    notional    numeric,
    decided_at  timestamptz not null,   -- event time: the bar time, or the later slice a late signal was decided at
    bar_time    timestamptz not null,   -- the signal's bar
    price       numeric     not null,   -- the signal's reference price
    strength    numeric     not null
);
create index decisions_by_symbol on decisions (symbol, seq);
create index decisions_by_strategy on decisions (strategy, seq);
create index decisions_by_rule on decisions (rule, seq);
create index decisions_by_signal on decisions (signal_id);

-- The router configuration in force when it was set through the REST API (PUT /risk): it then replaces the
-- papertrader.router.* configuration, across restarts. One row per account; settings is RouterSettings as JSON.
create table router_config (
    account_id text        primary key,
    settings   text        not null,
    revision   integer     not null,
    updated_at timestamptz not null default now()
);
