-- Secret rotation: the secret before the last rotation, which deliveries are also signed with
-- until previous_secret_until (the grace period), so that a receiver can switch without a gap.
alter table webhook_endpoint add column previous_secret text, add column previous_secret_until timestamptz;

-- Pings (deliveries of no change) go out beside an endpoint's ordered queue: its due ones at once.
create index webhook_delivery_pending_pings on webhook_delivery (endpoint_id, next_attempt_at)
    where status = 'pending' and change_id is null;

-- The purge of finished deliveries past the retention.
create index webhook_delivery_finished on webhook_delivery (created_at) where status <> 'pending';
