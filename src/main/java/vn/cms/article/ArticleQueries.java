package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.cms.article.ArticleSummary.FeaturedImage;
import vn.cms.article.ArticleSummary.SectionRef;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;
import vn.cms.common.web.ApiException;
import vn.cms.media.MediaImages;
import vn.cms.section.SectionQueries;

/** Public reads of articles: only PUBLISHED ones whose publishedAt has come. */
@ApplicationScoped
public class ArticleQueries {

    private static final String SUMMARY_COLUMNS = """
            a.id, a.slug, a.title, a.summary, a.author, a.tags, a.featured_image_url, a.featured_image_alt,
            a.featured_media_id, a.published_at, a.updated_at, a.view_count, s.id as section_id, s.slug as section_slug,
            s.name as section_name""";

    /** The condition for readers to see article {@code a}; its one parameter is the present instant. */
    public static final String PUBLIC = "a.status = 'PUBLISHED' and a.published_at <= ? and a.deleted_at is null";
    private static final String SCHEDULED = "a.status = 'PUBLISHED' and a.published_at > ? and a.deleted_at is null";
    private static final String DRAFT = "a.status = 'DRAFT' and a.deleted_at is null and ? is not null";

    /** The most results a search ranks and reports: its newest matches. */
    public static final int MAX_SEARCH_RESULTS = 1_000;

    private final Sql sql;
    private final PublicResponseCache publicResponses;
    private final SectionQueries sections;
    private final Clock clock;
    private final ZoneId zone;
    private final MediaImages images;

    ArticleQueries(Sql sql, PublicResponseCache publicResponses, SectionQueries sections, Clock clock,
                   CmsConfig config, MediaImages images) {
        this.images = images;
        this.sql = sql;
        this.publicResponses = publicResponses;
        this.sections = sections;
        this.clock = clock;
        this.zone = config.site().timezone();
    }

    public Optional<ArticleDetail> byId(long id) {
        return detail("a.id = ?", id);
    }

    public Optional<ArticleDetail> bySlug(String slug) {
        return detail("a.slug = ?", Nfc.of(slug));
    }

    /**
     * The page the query asks for. With a {@code status} the list is editorial: any status, and
     * only the articles of {@code owner} when that is given (an AUTHOR's own work).
     */
    public Page list(ArticleListQuery query, Long owner) {
        StringBuilder where = new StringBuilder(query.status() == null ? PUBLIC : switch (query.status()) {
            case PUBLISHED -> PUBLIC;
            case SCHEDULED -> SCHEDULED;
            case DRAFT -> DRAFT;
        });
        List<Object> params = new ArrayList<>(List.of(Instant.now(clock)));
        if (owner != null) {
            where.append(" and a.created_by = ?");
            params.add(owner);
        }
        if (query.section() != null) {
            where.append(" and a.section_id = any(?)");
            params.add(subtree(query.section()));
        }
        if (query.tag() != null) {
            where.append(" and a.tags @> array[?]::text[]");
            params.add(query.tag());
        }
        if (query.author() != null) {
            where.append(" and a.author = ?");
            params.add(query.author());
        }
        if (query.from() != null) {
            where.append(" and a.published_at >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            where.append(" and a.published_at < ?");
            params.add(query.to());
        }
        if (query.q() == null) {
            return page(query, where.toString(), params, null);
        }
        Page page = page(query, where.toString(), params, SearchMatch.fullText(query.q()));
        return page.totalItems() == 0 && SearchMatch.mayHaveTypos(query.q())
                ? page(query, where.toString(), params, SearchMatch.similarTitle(query.q()))
                : page;
    }

    private Page page(ArticleListQuery query, String filters, List<Object> filterParams, SearchMatch match) {
        String where = filters;
        List<Object> params = new ArrayList<>(filterParams);
        long total;
        if (match == null) {
            total = publicResponses.count("select count(*) from article a where " + where, params);
        } else {
            // A search considers its newest matches only, so that a query most articles match
            // costs what a narrow one does: ranking reads the vector of every candidate.
            params.addAll(match.conditionParams());
            Long[] candidates = sql.list("select a.id from article a where " + filters + " and " + match.condition()
                    + " order by a.published_at desc, a.id desc limit " + MAX_SEARCH_RESULTS, params,
                    row -> row.getLong(1)).toArray(Long[]::new);
            total = candidates.length;
            where = "a.id = any(?)";
            params = new ArrayList<>();
            params.add(candidates);
        }

        ArticleSort sort = query.sort();
        String order;
        long offset = query.offset();
        String key;
        if (sort == ArticleSort.RELEVANCE) {
            key = "0";
            order = match.rank() + " desc, a.published_at desc, a.id desc";
            params.addAll(match.rankParams());
            offset = query.cursor() == null ? offset : query.cursor().key();
        } else {
            // Drafts may have no publication time yet: they go by their last edit instead.
            key = query.status() == ArticleInput.PublicStatus.DRAFT && sort.byPublishedAt()
                    ? "coalesce(a.published_at, a.updated_at)" : sort.column();
            order = sort.orderBy(key);
            if (query.cursor() != null) {
                where = where + " and " + sort.after(key);
                params.add(query.cursor().keyParameter());
                params.add(query.cursor().id());
            }
        }
        params.add(query.size() + 1);
        params.add(offset);
        List<Row> rows = sql.list("select " + SUMMARY_COLUMNS + ", " + key + " as sort_key"
                        + " from article a join section s on s.id = a.section_id where " + where
                        + " order by " + order + " limit ? offset ?", params,
                row -> new Row(summary(row), sort.byPublishedAt()
                        ? Sql.micros(Sql.instant(row, "sort_key")) : row.getLong("sort_key")));

        boolean more = rows.size() > query.size();
        List<Row> page = more ? rows.subList(0, query.size()) : rows;
        String nextCursor = null;
        if (more) {
            Row last = page.get(page.size() - 1);
            nextCursor = (sort == ArticleSort.RELEVANCE
                    ? new ArticleCursor(sort, offset + page.size(), 0)
                    : new ArticleCursor(sort, last.sortKey(), last.summary().id())).encode();
        }
        return new Page(page.stream().map(Row::summary).toList(), total, nextCursor);
    }

    /** Whether readers can see the article with this id now. */
    public boolean isPublic(long id) {
        return sql.count("select count(*) from article a where a.id = ? and " + PUBLIC, List.of(id, Instant.now(clock))) > 0;
    }

    /**
     * The public articles with the most page views, most first (ties: newest id first): views
     * from {@code firstDay} to {@code lastDay} in the site zone, or of all time when
     * {@code firstDay} is null. Only articles viewed at all are listed.
     *
     * @param section a section slug (its subsections included), or null for every section
     */
    public List<ArticleSummary> mostViewed(String section, LocalDate firstDay, LocalDate lastDay, int limit) {
        List<Object> params = new ArrayList<>();
        String from;
        String views;
        if (firstDay == null) {
            from = "article a";
            views = "a.view_count";
        } else {
            from = "(select article_id, sum(views) as views from article_day_views where day between ? and ?"
                    + " group by article_id) p join article a on a.id = p.article_id";
            views = "p.views";
            params.add(firstDay);
            params.add(lastDay);
        }
        StringBuilder where = new StringBuilder(PUBLIC + " and " + views + " > 0");
        params.add(Instant.now(clock));
        if (section != null) {
            where.append(" and a.section_id = any(?)");
            params.add(subtree(section));
        }
        params.add(limit);
        return sql.list("select " + SUMMARY_COLUMNS + " from " + from + " join section s on s.id = a.section_id"
                + " where " + where + " order by " + views + " desc, a.id desc limit ?", params, this::summary);
    }

    /** The ids of the section with this slug and of its subsections; an unknown slug is invalid input. */
    private Long[] subtree(String sectionSlug) {
        List<Long> ids = sections.subtreeIds(sectionSlug);
        if (ids.isEmpty()) {
            throw ApiException.invalid("section", "no section has the slug '" + sectionSlug + "'");
        }
        return ids.toArray(Long[]::new);
    }

    private record Row(ArticleSummary summary, long sortKey) {
    }

    /** The rows of one page, the count of all matching rows, and the cursor past the page. */
    public record Page(List<ArticleSummary> items, long totalItems, String nextCursor) {
    }

    /**
     * Any live article with this id, whatever its status, as editors see it; with an
     * {@code owner}, only if that account created it.
     */
    public Optional<EditorialArticle> editorial(long id, Long owner) {
        Instant now = Instant.now(clock);
        List<Object> params = new ArrayList<>(List.of(id));
        String ownerCondition = "";
        if (owner != null) {
            ownerCondition = " and a.created_by = ?";
            params.add(owner);
        }
        return sql.one("select " + SUMMARY_COLUMNS + ", a.body, a.version, a.status"
                        + " from article a join section s on s.id = a.section_id"
                        + " where a.id = ? and a.deleted_at is null" + ownerCondition,
                params, row -> new EditorialArticle(detail(row), status(row.getString("status"),
                        Sql.instant(row, "published_at"), now)));
    }

    /** The current slug of the public article that was once known by {@code oldSlug}. */
    public Optional<String> renamedSlug(String oldSlug) {
        return sql.one("select a.slug from article_slug_redirect r join article a on a.id = r.article_id"
                + " where r.slug = ? and " + PUBLIC, List.of(Nfc.of(oldSlug), Instant.now(clock)), row -> row.getString(1));
    }

    /** Every saved version, newest first, without summary and body. */
    public List<ArticleRevisionView> revisions(long articleId) {
        return sql.list("select r.* from article_revision r"
                + " where r.article_id = ? order by r.version desc", List.of(articleId), row -> revision(row, false));
    }

    public Optional<ArticleRevisionView> revision(long articleId, long version) {
        return sql.one("select r.* from article_revision r where r.article_id = ? and r.version = ?",
                List.of(articleId, version), row -> revision(row, true));
    }

    /** SCHEDULED is a published article whose time has not come. */
    static ArticleInput.PublicStatus status(String stored, Instant publishedAt, Instant now) {
        if (ArticleStatus.valueOf(stored) == ArticleStatus.DRAFT) {
            return ArticleInput.PublicStatus.DRAFT;
        }
        return publishedAt.isAfter(now) ? ArticleInput.PublicStatus.SCHEDULED : ArticleInput.PublicStatus.PUBLISHED;
    }

    /**
     * Public articles in id order after {@code afterId}, of these sections (null: all), with
     * their bodies: the pages of an initial sync.
     */
    public List<ArticleDetail> publicAfter(long afterId, int limit, Long[] sectionIds) {
        List<Object> params = new ArrayList<>(List.of(afterId, Instant.now(clock)));
        String sectionCondition = "";
        if (sectionIds != null) {
            sectionCondition = " and a.section_id = any(?)";
            params.add(sectionIds);
        }
        params.add(limit);
        return sql.list("select " + SUMMARY_COLUMNS + ", a.body, a.version"
                + " from article a join section s on s.id = a.section_id where a.id > ? and " + PUBLIC
                + sectionCondition + " order by a.id limit ?", params, this::detail);
    }

    /** Those of these articles that are public now, with their bodies. */
    public List<ArticleDetail> publicWithIds(Long[] ids) {
        return sql.list("select " + SUMMARY_COLUMNS + ", a.body, a.version"
                + " from article a join section s on s.id = a.section_id where a.id = any(?) and " + PUBLIC,
                List.of(ids, Instant.now(clock)), this::detail);
    }

    private Optional<ArticleDetail> detail(String condition, Object value) {
        return sql.one("select " + SUMMARY_COLUMNS + ", a.body, a.version"
                        + " from article a join section s on s.id = a.section_id where " + condition + " and " + PUBLIC,
                List.of(value, Instant.now(clock)), this::detail);
    }

    private ArticleDetail detail(ResultSet row) throws SQLException {
        return new ArticleDetail(summary(row), row.getString("body"), row.getLong("version"));
    }

    private ArticleRevisionView revision(ResultSet row, boolean withText) throws SQLException {
        Instant savedAt = Sql.instant(row, "saved_at");
        Instant publishedAt = Sql.instant(row, "published_at");
        String imageUrl = row.getString("featured_image_url");
        return new ArticleRevisionView(
                row.getLong("version"),
                row.getString("action"),
                atSite(savedAt),
                row.getObject("saved_by", Long.class),
                row.getString("slug"),
                Nfc.of(row.getString("title")),
                withText ? Nfc.of(row.getString("summary")) : null,
                withText ? row.getString("body") : null,
                Nfc.of(row.getString("author")),
                row.getObject("section_id", Long.class),
                tags(row),
                imageUrl == null ? null : FeaturedImage.of(imageUrl, Nfc.of(row.getString("featured_image_alt"))),
                status(row.getString("status"), publishedAt, savedAt),
                atSite(publishedAt));
    }

    private static List<String> tags(ResultSet row) throws SQLException {
        return Arrays.stream((String[]) row.getArray("tags").getArray()).map(Nfc::of).toList();
    }

    private ArticleSummary summary(ResultSet row) throws SQLException {
        return new ArticleSummary(
                row.getLong("id"),
                row.getString("slug"),
                Nfc.of(row.getString("title")),
                Nfc.of(row.getString("summary")),
                Nfc.of(row.getString("author")),
                new SectionRef(row.getLong("section_id"), row.getString("section_slug"),
                        Nfc.of(row.getString("section_name"))),
                tags(row),
                featuredImage(row),
                atSite(Sql.instant(row, "published_at")),
                atSite(Sql.instant(row, "updated_at")),
                row.getLong("view_count"));
    }

    /** A library image reads with its sizes (from the media library); one given by URL as it was given. */
    private FeaturedImage featuredImage(ResultSet row) throws SQLException {
        String url = row.getString("featured_image_url");
        if (url == null) {
            return null;
        }
        String alt = Nfc.of(row.getString("featured_image_alt"));
        Long mediaId = row.getObject("featured_media_id", Long.class);
        return (mediaId == null ? Optional.<MediaImages.Responsive>empty() : images.responsive(mediaId))
                .map(image -> FeaturedImage.of(image, alt))
                .orElseGet(() -> FeaturedImage.of(url, alt));
    }

    private OffsetDateTime atSite(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
