-- Every public read also asks deleted_at is null: with it in the predicates, the indexes alone
-- answer counts and pages (index-only scans) instead of visiting 100,000 rows of the table.
drop index article_public_idx;
drop index article_public_section_idx;
drop index article_public_author_idx;
drop index article_public_tags_idx;
drop index article_public_views_idx;

create index article_public_idx on article (published_at desc, id desc)
    where status = 'PUBLISHED' and deleted_at is null;
create index article_public_section_idx on article (section_id, published_at desc, id desc)
    where status = 'PUBLISHED' and deleted_at is null;
create index article_public_author_idx on article (author, published_at desc, id desc)
    where status = 'PUBLISHED' and deleted_at is null;
create index article_public_tags_idx on article using gin (tags)
    where status = 'PUBLISHED' and deleted_at is null;
create index article_public_views_idx on article (view_count desc, id desc)
    where status = 'PUBLISHED' and deleted_at is null;
