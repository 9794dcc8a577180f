package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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
import vn.cms.media.MediaImages;
import vn.cms.section.SectionQueries;

/**
 * Reads of articles: public ones (only PUBLISHED ones whose publishedAt has come), and one
 * article or a filtered list as editors see them. What "public" means is said here once, in
 * {@link #PUBLIC}, for every feature that reads articles.
 */
@ApplicationScoped
public class ArticleQueries {

    /** The columns {@link #summary} reads, of article {@code a} joined with its section {@code s}. */
    public static final String SUMMARY_COLUMNS = """
            a.id, a.slug, a.title, a.summary, a.author, a.tags, a.featured_image_url, a.featured_image_alt,
            a.featured_media_id, a.published_at, a.updated_at, a.view_count, s.id as section_id, s.slug as section_slug,
            s.name as section_name""";

    /** The condition for readers to see article {@code a}; its one parameter is the present instant. */
    public static final String PUBLIC = "a.status = 'PUBLISHED' and a.published_at <= ? and a.deleted_at is null";
    /** The condition for article {@code a} to become public later; its one parameter is the present instant. */
    public static final String SCHEDULED = "a.status = 'PUBLISHED' and a.published_at > ? and a.deleted_at is null";
    private static final String DRAFT = "a.status = 'DRAFT' and a.deleted_at is null and ? is not null";

    private final Sql sql;
    private final PublicResponseCache publicResponses;
    private final SectionQueries sections;
    private final Clock clock;
    private final ZoneId zone;
    private final MediaImages images;

    /** The filters of a list, as a condition on article {@code a} and its parameters. */
    record Filter(String where, List<Object> params) {
    }

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
     * The page the query asks for (a query without {@code q}; {@link ArticleSearch} answers those
     * with one). With a {@code status} the list is editorial: any status, and only the articles of
     * {@code owner} when that is given (an AUTHOR's own work).
     */
    public Page list(ArticleListQuery query, Long owner) {
        Filter filter = filter(query, owner);
        long total = publicResponses.count("select count(*) from article a where " + filter.where(), filter.params());
        return page(query, filter.where(), filter.params(), total, null);
    }

    Filter filter(ArticleListQuery query, Long owner) {
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
            params.add(sections.subtreeIdsOf(query.section()));
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
        return new Filter(where.toString(), params);
    }

    /**
     * One page of the {@code total} articles that {@code where} selects, in the query's order:
     * by a column with a keyset cursor, or by the rank of {@code match} (a search's relevance).
     */
    Page page(ArticleListQuery query, String filter, List<Object> filterParams, long total, SearchMatch match) {
        String where = filter;
        List<Object> params = new ArrayList<>(filterParams);
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

    /** These articles in whatever state, deleted ones too. */
    public List<ArticleReference> references(Long[] ids) {
        return sql.list("""
                        select a.id, a.slug, a.published_at, a.updated_at, s.id as section_id, s.slug as section_slug
                        from article a join section s on s.id = a.section_id where a.id = any(?)""",
                List.of((Object) ids), row -> new ArticleReference(row.getLong("id"), row.getString("slug"),
                        row.getLong("section_id"), row.getString("section_slug"), atSite(Sql.instant(row, "published_at")),
                        atSite(Sql.instant(row, "updated_at"))));
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

    static List<String> tags(ResultSet row) throws SQLException {
        return Arrays.stream((String[]) row.getArray("tags").getArray()).map(Nfc::of).toList();
    }

    /** The summary in a row of {@link #SUMMARY_COLUMNS}. */
    public ArticleSummary summary(ResultSet row) throws SQLException {
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
        Long mediaId = row.getObject("featured_media_id", Long.class);
        FeaturedImage given = givenImage(row);
        return (mediaId == null ? Optional.<MediaImages.Responsive>empty() : images.responsive(mediaId))
                .map(image -> FeaturedImage.of(image, given.alt()))
                .orElse(given);
    }

    /** The featured image as it was given (a revision keeps no more): its URL and alt text. */
    static FeaturedImage givenImage(ResultSet row) throws SQLException {
        String url = row.getString("featured_image_url");
        return url == null ? null : FeaturedImage.of(url, Nfc.of(row.getString("featured_image_alt")));
    }

    private OffsetDateTime atSite(Instant instant) {
        return atSite(instant, zone);
    }

    /** An instant as the site's zone tells it; {@code null} stays {@code null}. */
    static OffsetDateTime atSite(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
