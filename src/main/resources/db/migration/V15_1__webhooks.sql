-- Registered webhook endpoints, their deliveries, and where the dispatcher is in the change log.
create table webhook_endpoint (
    id              bigserial primary key,
    url             text        not null,
    events          text[]      not null,
    description     text,
    enabled         boolean     not null,
    -- why the service disabled it (410, the whole retry window failing); null when enabled or disabled by hand
    disabled_reason text,
    -- "whsec_" + base64 key: HMAC signing needs the key itself, so it cannot be stored as a hash
    secret          text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create table webhook_delivery (
    id               bigserial primary key,
    endpoint_id      bigint      not null references webhook_endpoint on delete cascade,
    -- the change log row it announces (null for a ping): one delivery per endpoint and row, whoever makes it
    change_id        bigint,
    -- the webhook-id header, the same on every attempt
    message_id       text        not null,
    event            text        not null,
    payload          text        not null,
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts         int         not null default 0,
    last_status      int,
    last_error       text,
    next_attempt_at  timestamptz,
    -- failed attempts of the current run (they pick the next wait) and the first of them (the retry
    -- window is counted from it); both reset by a success or a manual retry
    failures         int         not null default 0,
    failing_since    timestamptz,
    created_at       timestamptz not null,
    unique (endpoint_id, change_id)
);

-- An endpoint's queue in order, and its head: the pending delivery with the smallest id.
create index webhook_delivery_pending on webhook_delivery (endpoint_id, id) where status = 'pending';
-- The deliveries list, newest first.
create index webhook_delivery_by_endpoint on webhook_delivery (endpoint_id, id desc);

-- Where the dispatcher is in the change log: every row up to log_id, and every scheduled row
-- due by due_until, has its deliveries. One row, locked by the instance that dispatches.
create table webhook_cursor (
    id        int primary key check (id = 1),
    log_id    bigint      not null,
    due_until timestamptz not null
);
insert into webhook_cursor values (1, (select coalesce(max(id), 0) from change_log), now());
