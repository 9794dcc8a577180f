package vn.cms.feed;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.cms.article.ArticleQueries;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;
import vn.cms.section.SectionQueries;
import vn.cms.section.SectionQueries.SectionName;

/**
 * The public articles and sections that feeds and sitemaps list. Articles sitemap page n holds
 * the public articles whose ids (the order articles were created) are in ((n - 1) * size, n * size]:
 * new articles fill the last page, an article never moves to another page, and a page is read
 * by its own key range, never by counting the pages before it (page 20 of a million articles
 * reads its 50,000 rows of the index, not 950,000 more).
 */
@ApplicationScoped
public class FeedQueries {

    /** A public article as a feed item. */
    public record FeedArticle(long id, String slug, String title, String summary, String body, String author,
                              String imageUrl, String imageAlt, Instant publishedAt, Instant updatedAt,
                              Instant createdAt, String sectionSlug, String sectionName) {
    }

    /** A public article as a Google News sitemap entry. */
    public record NewsArticle(long id, String slug, String sectionSlug, String title, Instant publishedAt) {
    }

    /** A section as a sitemap entry. */
    public record SitemapSection(String slug, Instant updatedAt) {
    }

    /** One articles sitemap page: its last change and the number of URLs it holds. */
    public record SitemapPage(int number, Instant lastModified, long size) {
    }

    /** What an articles sitemap page holds, cheaply: enough to tell its ETag before streaming it. */
    public record PageSummary(int number, long size, long idSum, Instant lastModified, Instant sectionsModified) {
    }

    /** The news sitemap's window: articles published within this long before now. */
    public static final Duration NEWS_WINDOW = Duration.ofHours(48);
    /** Google News reads at most this many URLs of a news sitemap. */
    public static final int NEWS_LIMIT = 1_000;

    private static final String SITEMAP_FETCH = "select a.id, a.slug, a.updated_at, a.section_id from article a"
            + " where " + ArticleQueries.PUBLIC + " and a.id between ? and ? order by a.id";
    private static final int FETCH_SIZE = 1_000;
    private static final String FEED_COLUMNS = """
            a.id, a.slug, a.title, a.summary, a.body, a.author, a.featured_image_url, a.featured_image_alt,
            a.published_at, a.updated_at, a.created_at, s.slug as section_slug, s.name as section_name""";

    private final Sql sql;
    private final SectionQueries sections;
    private final Clock clock;

    FeedQueries(Sql sql, SectionQueries sections, Clock clock) {
        this.sql = sql;
        this.sections = sections;
        this.clock = clock;
    }

    /** The section with this slug, or empty when there is none. */
    public Optional<SectionName> section(String slug) {
        return sections.nameBySlug(slug);
    }

    /** The newest public articles, of the section's subtree when a slug is given. */
    public List<FeedArticle> newest(String sectionSlug, int limit) {
        Instant now = clock.instant();
        if (sectionSlug == null) {
            return sql.list("""
                    select %s from article a join section s on s.id = a.section_id
                    where %s order by a.published_at desc, a.id desc limit ?""".formatted(FEED_COLUMNS, ArticleQueries.PUBLIC),
                    List.of(now, limit), FeedQueries::feedArticle);
        }
        // Each section's newest from its own range of article_public_section_idx (read from the index
        // alone), then the newest of those: "section_id = any(...) order by published_at" reads and
        // sorts every article of the subtree instead (1.1 s for 100,000 of a million).
        return sql.list("""
                with newest as (
                    select n.id, n.published_at from unnest(?::bigint[]) as subtree(section_id)
                    cross join lateral (
                        select a.id, a.published_at from article a
                        where %s and a.section_id = subtree.section_id
                        order by a.published_at desc, a.id desc limit ?
                    ) n
                    order by n.published_at desc, n.id desc limit ?
                )
                select %s from newest join article a on a.id = newest.id join section s on s.id = a.section_id
                order by a.published_at desc, a.id desc""".formatted(ArticleQueries.PUBLIC, FEED_COLUMNS),
                List.of(sections.subtreeIds(sectionSlug).toArray(Long[]::new), now, limit, limit),
                FeedQueries::feedArticle);
    }

    /** Every section, in the order of the section list. */
    public List<SitemapSection> sections() {
        return sql.list("select slug, updated_at from section order by position, id", List.of(),
                row -> new SitemapSection(row.getString("slug"), Sql.instant(row, "updated_at")));
    }

    /** The articles sitemap pages of {@code pageSize} ids, those that hold a public article; none when no article is public. */
    public List<SitemapPage> sitemapPages(int pageSize) {
        return sql.list("""
                select (a.id - 1) / ? + 1 as page, max(a.updated_at) as last_modified, count(*) as size
                from article a where %s
                group by page order by page""".formatted(ArticleQueries.PUBLIC), List.of(pageSize, clock.instant()),
                row -> new SitemapPage(row.getInt("page"), Sql.instant(row, "last_modified"), row.getLong("size")));
    }

    /** What page {@code number} holds, or empty when it holds no public article. */
    public Optional<PageSummary> sitemapPage(int number, int pageSize) {
        return sql.one("""
                select count(*) as size, coalesce(sum(a.id), 0) as id_sum, max(a.updated_at) as last_modified,
                       (select max(updated_at) from section) as sections_modified
                from article a where %s and a.id between ? and ?""".formatted(ArticleQueries.PUBLIC),
                List.of(clock.instant(), firstId(number, pageSize), lastId(number, pageSize)),
                row -> new PageSummary(number, row.getLong("size"), row.getLong("id_sum"),
                        Sql.instant(row, "last_modified"), Sql.instant(row, "sections_modified")))
                .filter(summary -> summary.size() > 0);
    }

    /** Hands each URL of page {@code number} to {@code entry}, in id order, as it is read. */
    public void forEachSitemapEntry(int number, int pageSize, SitemapEntryHandler entry) {
        Map<Long, String> sectionSlugs = new HashMap<>();
        sql.list("select id, slug from section", List.of(), row -> sectionSlugs.put(row.getLong(1), row.getString(2)));
        sql.forEach(SITEMAP_FETCH, List.of(clock.instant(), firstId(number, pageSize), lastId(number, pageSize)),
                FETCH_SIZE, row -> entry.handle(row.getLong("id"), row.getString("slug"),
                        sectionSlugs.get(row.getLong("section_id")), Sql.instant(row, "updated_at")));
    }

    private static long firstId(int number, int pageSize) {
        return (long) (number - 1) * pageSize + 1;
    }

    private static long lastId(int number, int pageSize) {
        return (long) number * pageSize;
    }

    /** One URL of an articles sitemap page. */
    @FunctionalInterface
    public interface SitemapEntryHandler {
        void handle(long id, String slug, String sectionSlug, Instant updatedAt);
    }

    /** The public articles published within {@link #NEWS_WINDOW} before now, newest first. */
    public List<NewsArticle> news() {
        Instant now = clock.instant();
        return sql.list("""
                select a.id, a.slug, a.title, a.published_at, s.slug as section_slug
                from article a join section s on s.id = a.section_id
                where %s and a.published_at > ?
                order by a.published_at desc, a.id desc limit ?""".formatted(ArticleQueries.PUBLIC),
                List.of(now, now.minus(NEWS_WINDOW), NEWS_LIMIT),
                row -> new NewsArticle(row.getLong("id"), row.getString("slug"), row.getString("section_slug"),
                        Nfc.of(row.getString("title")), Sql.instant(row, "published_at")));
    }

    private static FeedArticle feedArticle(ResultSet row) throws SQLException {
        return new FeedArticle(row.getLong("id"), row.getString("slug"), Nfc.of(row.getString("title")),
                Nfc.of(row.getString("summary")), Nfc.of(row.getString("body")), Nfc.of(row.getString("author")),
                row.getString("featured_image_url"), Nfc.of(row.getString("featured_image_alt")),
                Sql.instant(row, "published_at"), Sql.instant(row, "updated_at"), Sql.instant(row, "created_at"),
                row.getString("section_slug"), Nfc.of(row.getString("section_name")));
    }
}
