package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import vn.cms.article.ArticleContent.Publication;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Html;
import vn.cms.common.text.SearchText;
import vn.cms.media.MediaImages;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;

/**
 * The one way article rows are written, whoever writes them: the editorial API (a batch of one,
 * in its request's transaction), the bulk import (batches of many, on its own connection) and
 * the sample content. After its rows, every write records their revisions and then appends what
 * it means for readers of public content to the change log, on the same connection: the log's
 * lock is taken last, so it is held only until the commit.
 */
@ApplicationScoped
public class ArticleWrites {

    private static final String COLUMNS = "slug, title, summary, body, author, section_id, tags, featured_image_url,"
            + " featured_media_id, featured_image_alt, status, published_at, created_by, created_at, updated_at, search_vector, title_folded";
    private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as tsvector), ?)";
    private static final String INSERT = "insert into article as a (" + COLUMNS + ") values %s";
    /** A live article with the slug is updated in place, keeping its id, creator and creation time. */
    private static final String ON_SLUG_UPDATE = " on conflict (slug) where deleted_at is null do update set"
            + " title = excluded.title, summary = excluded.summary, body = excluded.body, author = excluded.author,"
            + " section_id = excluded.section_id, tags = excluded.tags, featured_image_url = excluded.featured_image_url,"
            + " featured_media_id = excluded.featured_media_id, featured_image_alt = excluded.featured_image_alt, status = excluded.status,"
            + " published_at = excluded.published_at, updated_at = excluded.updated_at,"
            + " search_vector = excluded.search_vector, title_folded = excluded.title_folded, version = a.version + 1";
    private static final String RETURNING = " returning a.id, (a.xmax = 0) as inserted, a.status, a.published_at";

    /**
     * One article to write. An {@code indexed} row carries its search text; the import writes
     * none, and {@link ArticleSearchIndex} indexes its rows once it is over.
     */
    public record Row(String slug, ArticleContent content, Publication publication, Long createdBy,
                      Instant createdAt, Instant updatedAt, boolean indexed) {

        private List<Object> values() {
            return Arrays.asList(slug, content.title(), content.summary(), content.body(), content.author(),
                    content.sectionId(), content.tags().toArray(String[]::new), content.imageUrl(), content.imageMediaId(),
                    content.imageAlt(),
                    publication.status().name(), publication.publishedAt(), createdBy, createdAt, updatedAt,
                    indexed ? SearchText.vector(content.title(), content.summary(), content.author(), content.tags(),
                            content.body()) : null,
                    indexed ? SearchText.fold(content.title()) : null);
        }
    }

    /** A row as written: its id, and whether it is new (an upsert may have updated an article). */
    public record Written(long id, boolean inserted) {
    }

    private record Returned(long id, boolean inserted, boolean published, Instant publishedAt) {
    }

    /** An article just saved: was it public before, is it deleted, or published (not deleted) now, from when. */
    record Saved(long id, boolean wasPublic, boolean deleted, boolean published, Instant publishedAt) {
    }

    private final ArticleRevisions revisions;
    private final ChangeLog changeLog;
    private final Html html;
    private final MediaImages images;

    ArticleWrites(ArticleRevisions revisions, ChangeLog changeLog, Html html, MediaImages images) {
        this.revisions = revisions;
        this.changeLog = changeLog;
        this.html = html;
        this.images = images;
    }

    /** The content of a valid input by the rules every writer shares (see {@link ArticleContent}). */
    public ArticleContent content(ArticleInput input) {
        return ArticleContent.of(input, html, images);
    }

    /** New articles; a slug already taken fails the whole batch (the caller claimed its slugs). */
    public List<Written> insert(Connection connection, List<Row> rows, String action, Long savedBy, Instant now)
            throws SQLException {
        return write(connection, INSERT + RETURNING, rows, action, savedBy, now);
    }

    /** Articles by slug: new ones are created, the live article with a slug is updated. */
    public List<Written> upsert(Connection connection, List<Row> rows, String action, Long savedBy, Instant now)
            throws SQLException {
        return write(connection, INSERT + ON_SLUG_UPDATE + RETURNING, rows, action, savedBy, now);
    }

    private List<Written> write(Connection connection, String statement, List<Row> rows, String action, Long savedBy,
                                Instant now) throws SQLException {
        List<Object> params = new ArrayList<>(rows.size() * 17);
        rows.forEach(row -> params.addAll(row.values()));
        List<Returned> returned = Sql.list(connection,
                statement.formatted(String.join(",", Collections.nCopies(rows.size(), VALUES))), params,
                result -> new Returned(result.getLong("id"), result.getBoolean("inserted"),
                        ArticleStatus.valueOf(result.getString("status")) == ArticleStatus.PUBLISHED,
                        Sql.instant(result, "published_at")));
        // The upsert does not tell whether an updated article was public before: it may have been.
        saved(connection, returned.stream().map(r -> new Saved(r.id(), !r.inserted(), false, r.published(), r.publishedAt()))
                .toList(), action, savedBy, now);
        return returned.stream().map(r -> new Written(r.id(), r.inserted())).toList();
    }

    /** After articles were written on {@code connection}: their revisions, then their change rows. */
    void saved(Connection connection, List<Saved> saved, String action, Long savedBy, Instant now) throws SQLException {
        revisions.record(connection, saved.stream().map(Saved::id).toArray(Long[]::new), action, savedBy, now);
        changeLog.append(connection, saved.stream().flatMap(s -> changes(s, now).stream()).toList(), now);
    }

    /**
     * What a save means for readers of public content: gone from view (deleted or unpublished), in
     * view now (published, or updated if it was already), or published at its publication time. A
     * draft saved as a draft changes nothing public and logs nothing.
     */
    private static List<Change> changes(Saved saved, Instant now) {
        if (saved.published() && !saved.publishedAt().isAfter(now)) {
            return List.of(new Change(EntityType.ARTICLE, saved.id(), saved.wasPublic() ? Kind.UPDATED : Kind.PUBLISHED,
                    now));
        }
        List<Change> changes = new ArrayList<>(2);
        if (saved.wasPublic()) {
            changes.add(new Change(EntityType.ARTICLE, saved.id(), saved.deleted() ? Kind.DELETED : Kind.UNPUBLISHED, now));
        }
        if (saved.published()) {
            changes.add(new Change(EntityType.ARTICLE, saved.id(), Kind.PUBLISHED, saved.publishedAt()));
        }
        return changes;
    }
}
