-- Search that ignores tones, đ/d and case: text is folded with unaccent (which maps đ to d
-- and every Vietnamese vowel with every tone to its base letter) and lower-cased, in the
-- index and in the query alike.
create extension if not exists unaccent with schema public;
create extension if not exists pg_trgm with schema public;

create function fold(value text) returns text
    language sql immutable parallel safe
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;

-- Title outranks summary, author and tags, which outrank the body's text (markup removed).
create function article_search_vector(title text, summary text, author text, tags text[], body text) returns tsvector
    language sql immutable parallel safe
    as $$
    select setweight(to_tsvector('simple', lower(public.unaccent('public.unaccent'::regdictionary, title))), 'A')
        || setweight(to_tsvector('simple', lower(public.unaccent('public.unaccent'::regdictionary,
               coalesce(summary, '') || ' ' || coalesce(author, '') || ' ' || array_to_string(tags, ' ')))), 'B')
        || setweight(to_tsvector('simple', lower(public.unaccent('public.unaccent'::regdictionary,
               regexp_replace(body, '<[^>]*>', ' ', 'g')))), 'C')
    $$;

alter table article add column search_vector tsvector
    generated always as (article_search_vector(title, summary, author, tags, body)) stored;
alter table article add column title_folded text
    generated always as (fold(title)) stored;

create index article_public_search_idx on article using gin (search_vector)
    where status = 'PUBLISHED' and deleted_at is null;
-- Typo tolerance: trigram similarity of the folded title, for short queries that found nothing.
create index article_public_title_trgm_idx on article using gin (title_folded public.gin_trgm_ops)
    where status = 'PUBLISHED' and deleted_at is null;
