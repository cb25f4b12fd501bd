-- The simulated exchange's recent bars per symbol (ExecutionConfig.barHistory of them), kept so that a late order
-- fills as it would have in time. They were part of the engine_state JSON, rewritten in every transaction; here each
-- bar is written once, by the transaction of its slice, and deleted by the one that evicts it. body is the bar as
-- JSON (JsonCodec), so it comes back exactly.
create table bar_history (
    symbol    text        not null,
    open_time timestamptz not null,
    body      text        not null,
    primary key (symbol, open_time)
);
