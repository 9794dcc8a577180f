-- Visit statistics. No raw hit is stored: hits are aggregated in memory and written once a
-- second into per-day totals; the only per-visitor data is the time of its last hit, kept
-- while it can still decide a visit or the online count, then purged.

-- When counting began ("since" of GET /stats).
create table stats_counting (
    since timestamptz not null
);
insert into stats_counting (since) values (now());

-- The secret salt of each site day for hashing (salt, client IP, User-Agent) into a visitor.
-- Salts of past days are deleted, so yesterday's hashes cannot be linked to anyone.
create table stats_salt (
    day  date primary key,
    salt bytea not null
);

-- One row per recently seen visitor (a 128-bit hash, never an address). previous_hit_at is the
-- last hit before the latest write: the upsert returns it, which decides a new visit in the
-- database, so that several instances agree.
create table stats_visitor (
    visitor         uuid primary key,
    last_hit_at     timestamptz not null,
    previous_hit_at timestamptz
);
create index stats_visitor_last_hit_idx on stats_visitor (last_hit_at);

-- Visits (by the day they began) and page views of each site day.
create table stats_day (
    day        date primary key,
    visits     bigint not null default 0,
    page_views bigint not null default 0
);

-- Page views of each article per site day, for the most viewed of a day, week or month;
-- kept for cms.stats.retention.
create table article_day_views (
    day        date   not null,
    article_id bigint not null references article (id) on delete cascade,
    views      bigint not null,
    primary key (day, article_id)
);
