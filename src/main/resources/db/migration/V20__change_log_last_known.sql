-- What readers knew an entity by when it was deleted without a trace (a section's slug and
-- parent, a media item's URL): webhook receivers find their copies by it once the row is gone.
alter table change_log add column last_known jsonb;
