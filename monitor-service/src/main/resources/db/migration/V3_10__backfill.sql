-- Backfill (issue 8): historical bars loaded into bars, the strategies run over them, signals kept apart from the
-- live ones. A job's id is derived from its content, so asking again for the same backfill resumes it.
create table backfill_jobs (
    id             text        primary key,
    symbol         text        not null,
    timeframe      text        not null,
    source         text        not null,
    range_from     timestamptz not null,
    range_to       timestamptz not null,
    strategies     text        not null,  -- JSON: [{"name":..., "parameters":{...}}]
    status         text        not null,  -- loading, evaluating, done, failed
    loaded_through timestamptz,           -- resume point: open time of the last bar stored
    bars_loaded    bigint      not null default 0,
    bars_expected  bigint      not null,
    report         text,                  -- JSON BackfillReport once done
    error          text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- Signals of a backfill: never published to trading.signals; kept out of signals (whose ids are unique across the
-- live stream and whose rows belong to a watchlist entry).
create table backfill_signals (
    job_id    text        not null references backfill_jobs (id) on delete cascade,
    signal_id text        not null,
    strategy  text        not null,
    symbol    text        not null,
    timeframe text        not null,
    type      text        not null,
    strength  numeric     not null,
    bar_time  timestamptz not null,
    price     numeric     not null,
    atr       numeric,
    primary key (job_id, signal_id)
);
create index backfill_signals_by_time on backfill_signals (job_id, bar_time);
