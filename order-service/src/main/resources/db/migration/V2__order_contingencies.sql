-- Issue 9: trailing stops, contingent legs (HELD until the parent fills), OCO groups and replacement. Nullable: the
-- orders stored before keep null, as do strategy orders.
alter table orders
    add column trail_price       numeric,
    add column trail_percent     numeric,
    add column parent_id         text,
    add column oco_group         text,
    add column replaces_order_id text;
create index orders_by_parent on orders (parent_id) where parent_id is not null;
