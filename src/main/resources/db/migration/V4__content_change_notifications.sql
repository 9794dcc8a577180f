-- Every committed change to what public reads show (articles, their view counts, sections, the
-- visit counters) notifies the instances, which drop their cached public responses at once.
-- Statement-level, so that a bulk write sends one notification; PostgreSQL folds the duplicate
-- notifications of one transaction into one.
create function notify_content_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_content_changed', '');
    return null;
end
$$;

create trigger article_changed after insert or update or delete or truncate on article
    for each statement execute function notify_content_changed();
create trigger section_changed after insert or update or delete or truncate on section
    for each statement execute function notify_content_changed();
create trigger stats_day_changed after insert or update or delete or truncate on stats_day
    for each statement execute function notify_content_changed();
