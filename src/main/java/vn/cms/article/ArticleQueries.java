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
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;
import vn.cms.common.web.ApiException;
import vn.cms.section.SectionQueries;

/** Public reads of articles: only PUBLISHED ones whose publishedAt has come. */
@ApplicationScoped
public class ArticleQueries {

    private static final String SUMMARY_COLUMNS = """
            a.id, a.slug, a.title, a.summary, a.author, a.tags, a.featured_image_url, a.featured_image_alt,
            a.published_at, a.updated_at, a.view_count, s.id as section_id, s.slug as section_slug,
            s.name as section_name""";

    private static final String PUBLIC = "a.status = 'PUBLISHED' and a.published_at <= ?";

    private final Sql sql;
    private final SectionQueries sections;
    private final Clock clock;
    private final ZoneId zone;

    ArticleQueries(Sql sql, SectionQueries sections, Clock clock, CmsConfig config) {
        this.sql = sql;
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

    /** The page the query asks for; an unknown section slug is invalid input. */
    public Page list(ArticleListQuery query) {
        StringBuilder where = new StringBuilder(PUBLIC);
        List<Object> params = new ArrayList<>(List.of(Instant.now(clock)));
        if (query.section() != null) {
            List<Long> ids = sections.subtreeIds(query.section());
            if (ids.isEmpty()) {
                throw ApiException.invalid("section", "no section has the slug '" + query.section() + "'");
            }
            where.append(" and a.section_id = any(?)");
            params.add(ids.toArray(Long[]::new));
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
        long total = sql.count("select count(*) from article a where " + where, params);

        ArticleSort sort = query.sort();
        if (query.cursor() != null) {
            where.append(" and ").append(sort.after());
            params.add(query.cursor().keyParameter());
            params.add(query.cursor().id());
        }
        params.add(query.size() + 1);
        params.add(query.offset());
        List<ArticleSummary> rows = sql.list("select " + SUMMARY_COLUMNS
                + " from article a join section s on s.id = a.section_id where " + where
                + " order by " + sort.orderBy() + " limit ? offset ?", params, this::summary);

        boolean more = rows.size() > query.size();
        List<ArticleSummary> items = more ? rows.subList(0, query.size()) : rows;
        String nextCursor = more ? ArticleCursor.after(sort, items.get(items.size() - 1)).encode() : null;
        return new Page(items, total, nextCursor);
    }

    /** The rows of one page, the count of all matching rows, and the cursor past the page. */
    public record Page(List<ArticleSummary> items, long totalItems, String nextCursor) {
    }

    private Optional<ArticleDetail> detail(String condition, Object value) {
        return sql.one("select " + SUMMARY_COLUMNS + ", a.body, a.version"
                        + " from article a join section s on s.id = a.section_id where " + condition + " and " + PUBLIC,
                List.of(value, Instant.now(clock)),
                row -> new ArticleDetail(summary(row), Nfc.of(row.getString("body")), row.getLong("version")));
    }

    private ArticleSummary summary(ResultSet row) throws SQLException {
        String imageUrl = row.getString("featured_image_url");
        return new ArticleSummary(
                row.getLong("id"),
                row.getString("slug"),
                Nfc.of(row.getString("title")),
                Nfc.of(row.getString("summary")),
                Nfc.of(row.getString("author")),
                new SectionRef(row.getLong("section_id"), row.getString("section_slug"),
                        Nfc.of(row.getString("section_name"))),
                Arrays.stream((String[]) row.getArray("tags").getArray()).map(Nfc::of).toList(),
                imageUrl == null ? null : new FeaturedImage(imageUrl, Nfc.of(row.getString("featured_image_alt"))),
                atSite(Sql.instant(row, "published_at")),
                atSite(Sql.instant(row, "updated_at")),
                row.getLong("view_count"));
    }

    private OffsetDateTime atSite(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
