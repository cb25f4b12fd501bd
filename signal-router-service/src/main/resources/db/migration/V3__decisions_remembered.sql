-- The router's duplicate memory (the ids of the signals decided within the duplicate window, and the accepted ones'
-- symbol, type, bar time and strategy) is no longer part of its engine_state: a restored router rebuilds it from
-- these rows, written in the same transactions (DecisionRepository.remembered).

-- Decisions about manual (Alpaca API) orders: they are not signals and the router does not remember them. Rows
-- stored before this column are recognised by the strategy and signal id the router gives them.
alter table decisions add column manual boolean not null default false;
update decisions set manual = true where strategy = 'manual' and signal_id like 'manual|%';

-- The newest decided bar time of an account and the decisions within the duplicate window of it.
create index decisions_remembered on decisions (account_id, bar_time) where not manual;
