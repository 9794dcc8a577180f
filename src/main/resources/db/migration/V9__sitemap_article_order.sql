-- Articles sitemap pages list public articles in id order. With published_at and updated_at in
-- the index, finding where page n starts (an offset over the index), a page's ETag and the
-- lastmod of every page in the sitemap index are read from the index alone.
create index article_public_id_idx on article (id) include (published_at, updated_at)
    where status = 'PUBLISHED' and deleted_at is null;
