-- The portfolio service's books: one row per paper account, its open positions, its closed round trips, its equity
-- curve and the fills it booked. Written in the transaction that processes a slice (or a REST command), together with
-- the engine state (db/common engine_state) and the outbox snapshot. Times are event times (bar open times).

-- One row per account: the figures of its latest snapshot, and that snapshot as published.
create table paper_portfolio (
    account_id       text        primary key,
    starting_cash    numeric     not null,
    cash             numeric     not null,
    equity           numeric     not null,    -- cash + market value of the positions
    realized_pnl     numeric     not null,    -- since the start (or the last reset), every fee deducted
    peak_equity      numeric     not null,    -- max(starting cash, every equity point)
    day_start_equity numeric     not null,
    gross_exposure   numeric     not null,
    as_of            timestamptz,             -- the last slice processed; null before the first
    snapshot         text        not null     -- the latest PortfolioSnapshot, JSON
);

-- Open positions (a position back to flat is deleted; its realized P&L is in paper_trades).
create table paper_positions (
    account_id     text        not null references paper_portfolio (account_id),
    symbol         text        not null,
    qty            numeric     not null,      -- signed: negative for a short
    avg_cost       numeric     not null,
    market_price   numeric     not null,      -- last close marked, avg_cost before the first mark
    market_value   numeric     not null,
    unrealized_pnl numeric     not null,
    realized_pnl   numeric     not null,      -- of the symbol since the start, fees deducted
    entry_time     timestamptz not null,      -- when the trade in progress opened
    as_of          timestamptz,               -- the slice that last changed the row
    primary key (account_id, symbol)
);

-- Closed round trips (flat to flat in one symbol), in the order they closed.
create table paper_trades (
    seq          bigserial   primary key,
    account_id   text        not null references paper_portfolio (account_id),
    symbol       text        not null,
    direction    text        not null,      -- LONG or SHORT
    qty          numeric     not null,      -- largest absolute quantity held
    entry_time   timestamptz not null,
    entry_price  numeric     not null,      -- quantity-weighted average of the entries
    exit_time    timestamptz not null,
    exit_price   numeric     not null,      -- quantity-weighted average of the exits
    pnl          numeric     not null,      -- fees of entry and exit deducted
    fees         numeric     not null,
    exit_fill_id text        not null       -- the fill that closed it
);
create index paper_trades_by_account on paper_trades (account_id, seq);

-- The equity curve: one point per account and slice marked.
create table equity_curve (
    account_id     text        not null references paper_portfolio (account_id),
    time           timestamptz not null,
    equity         numeric     not null,
    cash           numeric     not null,
    gross_exposure numeric     not null,
    primary key (account_id, time)
);

-- Every fill booked, in booking order, with the slice that booked it.
create table booked_fills (
    seq        bigserial   primary key,
    fill_id    text        not null unique,
    order_id   text        not null,
    account_id text        not null references paper_portfolio (account_id),
    symbol     text        not null,
    side       text        not null,
    qty        numeric     not null,
    price      numeric     not null,
    fee        numeric     not null,
    filled_at  timestamptz not null,
    slice_time timestamptz not null
);
create index booked_fills_by_account on booked_fills (account_id, seq);
