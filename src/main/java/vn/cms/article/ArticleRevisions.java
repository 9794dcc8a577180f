package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;

/** The revision history of articles: every save copies the article's row as just saved. */
@ApplicationScoped
public class ArticleRevisions {

    private static final String RECORD = """
            insert into article_revision (article_id, version, action, saved_at, saved_by, slug, title, summary,
                body, author, section_id, tags, featured_image_url, featured_image_alt, status, published_at)
            select id, version, ?, ?, ?, slug, title, summary, body, author, section_id, tags,
                featured_image_url, featured_image_alt, status, published_at
            from article where id = any(?)""";

    private final Sql sql;
    private final ZoneId zone;

    ArticleRevisions(Sql sql, CmsConfig config) {
        this.sql = sql;
        this.zone = config.site().timezone();
    }

    /** Records these articles as they are now on {@code connection} (written, not yet committed). */
    void record(Connection connection, Long[] articleIds, String action, Long savedBy, Instant savedAt)
            throws SQLException {
        Sql.update(connection, RECORD, Arrays.asList(action, savedAt, savedBy, articleIds));
    }

    /** Every saved version, newest first, without summary and body. */
    public List<ArticleRevisionView> list(long articleId) {
        return sql.list("select r.* from article_revision r where r.article_id = ? order by r.version desc",
                List.of(articleId), row -> revision(row, false));
    }

    public Optional<ArticleRevisionView> one(long articleId, long version) {
        return sql.one("select r.* from article_revision r where r.article_id = ? and r.version = ?",
                List.of(articleId, version), row -> revision(row, true));
    }

    private ArticleRevisionView revision(ResultSet row, boolean withText) throws SQLException {
        Instant savedAt = Sql.instant(row, "saved_at");
        Instant publishedAt = Sql.instant(row, "published_at");
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
                ArticleQueries.tags(row),
                ArticleQueries.givenImage(row),
                ArticleQueries.status(row.getString("status"), publishedAt, savedAt),
                atSite(publishedAt));
    }

    private OffsetDateTime atSite(Instant instant) {
        return ArticleQueries.atSite(instant, zone);
    }
}
