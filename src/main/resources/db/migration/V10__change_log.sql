-- One ordered log of the changes to public content, read by delta sync and live events.
-- Rows are appended under a transaction-level advisory lock taken just before the append and
-- held to commit, so ids are assigned in commit order: a reader of "everything after id N" never
-- skips a row that commits later with a smaller id.
create sequence change_log_id_seq;

create table change_log (
    id          bigint primary key,
    entity_type text        not null check (entity_type in ('article', 'section')),
    entity_id   bigint      not null,
    -- the entity's public state once the change takes effect: upsert (visible) or delete (gone)
    action      text        not null check (action in ('upsert', 'delete')),
    -- when the change takes effect publicly: the commit, or a scheduled article's publication
    visible_at  timestamptz not null,
    recorded_at timestamptz not null
);

-- Scheduled publications coming due: the few rows whose time is later than their append.
create index change_log_scheduled on change_log (visible_at) where visible_at > recorded_at;
-- The retention purge.
create index change_log_recorded_at on change_log (recorded_at);

-- Secrets every instance must share (the sync token key), made once by whichever instance asks first.
create table service_secret (
    name  text primary key,
    value bytea not null
);
