-- Every committed change to what public reads show notifies the instances, which drop their
-- cached public responses at once. Two channels: content (articles, sections), which also
-- changes list counts, and view counts (articles' view_count, the visit counters), which
-- change every second under traffic and leave counts alone. Statement-level, so that a bulk
-- write sends one notification; PostgreSQL folds the duplicates of one transaction into one.
create function notify_content_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_content_changed', '');
    return null;
end
$$;

create function notify_views_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('cms_views_changed', '');
    return null;
end
$$;

create trigger article_added_or_removed after insert or delete or truncate on article
    for each statement execute function notify_content_changed();
create trigger article_changed after update of slug, title, summary, body, author, section_id, tags,
    featured_image_url, featured_image_alt, status, published_at, updated_at, deleted_at, version on article
    for each statement execute function notify_content_changed();
create trigger article_viewed after update of view_count on article
    for each statement execute function notify_views_changed();
create trigger section_changed after insert or update or delete or truncate on section
    for each statement execute function notify_content_changed();
create trigger stats_day_changed after insert or update or delete or truncate on stats_day
    for each statement execute function notify_views_changed();
