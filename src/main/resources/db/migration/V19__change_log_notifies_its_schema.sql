-- Notifications are per database, not per schema: a deployment (or test run) in another schema
-- of the same database used to wake this one's followers. The payload now names the schema of
-- the appended log, and a follower reads only when it is its own.
create or replace function notify_change_log() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_change_log', tg_table_schema);
    return null;
end
$$;
