-- Instances now learn of public changes from the change log alone: every writer appends to it in
-- the transaction of its change, and each instance's follower reads what was appended when told.
-- The V4 triggers go: content changes are in the log, and view counts no longer empty caches (a
-- counter may show up to cms.cache.max-staleness plus one flush interval behind). The background
-- search indexer empties its own instance's cache as it writes vectors; other instances' search
-- answers follow within cms.cache.max-staleness.
drop trigger article_indexed on article;
drop trigger article_added_or_removed on article;
drop trigger article_changed on article;
drop trigger article_viewed on article;
drop trigger section_changed on section;
drop trigger stats_day_changed on stats_day;
drop function notify_content_changed();
drop function notify_views_changed();

-- Statement-level, so that a bulk append sends one notification; PostgreSQL delivers it at
-- commit, and folds the duplicates of one transaction into one.
create function notify_change_log() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_change_log', '');
    return null;
end
$$;

create trigger change_log_appended after insert on change_log
    for each statement execute function notify_change_log();

-- A scheduled row coming due is superseded when its entity has a later row (unpublished,
-- rescheduled, edited): found through this index.
create index change_log_entity on change_log (entity_type, entity_id, id);
