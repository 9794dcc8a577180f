package vn.cms.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import vn.cms.article.ArticleContent;
import vn.cms.article.ArticleContent.Publication;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.article.ArticleStatus;
import vn.cms.common.db.Sql;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;
import vn.cms.common.cache.ContentChanged;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Html;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.JsonProblems;
import vn.cms.common.web.Problem.FieldError;
import vn.cms.importing.ImportLines.ArticleLine;
import vn.cms.section.SectionQueries;
import vn.cms.importing.ImportLines.SectionLine;
import vn.cms.importing.ImportReport.LineError;

/**
 * Streams an NDJSON import: lines are read one at a time, articles are upserted by slug in
 * batches of {@value #BATCH} rows (one multi-row statement and one transaction each), and a
 * bad line is reported by number while the good lines around it land. Memory stays that of
 * one batch, however long the input.
 */
@ApplicationScoped
public class Importer {

    private static final Logger LOG = Logger.getLogger(Importer.class);

    static final int BATCH = 500;
    static final int MAX_REPORTED_ERRORS = 1000;

    private static final String ARTICLE_COLUMNS = "slug, title, summary, body, author, section_id, tags,"
            + " featured_image_url, featured_image_alt, status, published_at, created_by, created_at, updated_at";
    private static final int ARTICLE_PARAMS = 14;
    private static final String UPSERT_ARTICLES = "insert into article as a (" + ARTICLE_COLUMNS + ") values %s"
            + " on conflict (slug) where deleted_at is null do update set title = excluded.title,"
            + " summary = excluded.summary, body = excluded.body, author = excluded.author,"
            + " section_id = excluded.section_id, tags = excluded.tags, featured_image_url = excluded.featured_image_url,"
            + " featured_image_alt = excluded.featured_image_alt, status = excluded.status,"
            + " published_at = excluded.published_at, updated_at = excluded.updated_at,"
            + " search_vector = null, title_folded = null, version = a.version + 1"
            + " returning a.id, (a.xmax = 0) as inserted, a.status, a.published_at";
    private static final String RECORD_REVISIONS = """
            insert into article_revision (article_id, version, action, saved_at, saved_by, slug, title, summary, body,
                author, section_id, tags, featured_image_url, featured_image_alt, status, published_at)
            select id, version, 'IMPORT', ?, ?, slug, title, summary, body, author, section_id, tags,
                featured_image_url, featured_image_alt, status, published_at
            from article where id = any(?)""";
    private static final String UPSERT_SECTION = """
            insert into section as s (slug, name, description, parent_id, position, created_at, updated_at)
            values (?, ?, ?, ?, coalesce(?, (select coalesce(max(position), 0) + 1 from section)), ?, ?)
            on conflict (slug) do update set name = excluded.name, description = excluded.description,
                parent_id = excluded.parent_id, position = coalesce(?, s.position), updated_at = excluded.updated_at
            returning id, (xmax = 0) as inserted""";
    private final AgroalDataSource dataSource;
    private final SectionQueries sectionQueries;
    private final ArticleSearchIndex searchIndex;
    private final ObjectMapper json;
    private final Validator validator;
    private final Event<ContentChanged> contentChanged;
    private final ChangeLog changeLog;
    private final int maxLineBytes;
    private final Html html;
    private final Clock clock;

    /** Section upserts commit at once, so {@link SectionQueries} sees them on its own connection. */
    Importer(AgroalDataSource dataSource, SectionQueries sectionQueries, ArticleSearchIndex searchIndex,
             ObjectMapper json, Validator validator, Event<ContentChanged> contentChanged, ChangeLog changeLog,
             Html html, CmsConfig config, Clock clock) {
        this.contentChanged = contentChanged;
        this.changeLog = changeLog;
        this.html = html;
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 8, config.importing().maxLineSize().asLongValue());
        this.dataSource = dataSource;
        this.searchIndex = searchIndex;
        this.sectionQueries = sectionQueries;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Imported articles are written without their search vectors (null), which
     * {@link ArticleSearchIndex} builds once the import is over: building them during the import
     * would halve its throughput on two cores.
     */
    public ImportReport run(InputStream body, long userId) {
        searchIndex.importStarted();
        try (Connection connection = dataSource.getConnection(); body) {
            connection.setAutoCommit(false);
            Run run = new Run(connection, userId);
            NdjsonLines lines = new NdjsonLines(body, maxLineBytes);
            String line;
            long number = 0;
            while ((line = lines.next()) != null) {
                number++;
                if (line == NdjsonLines.TOO_LONG) {
                    run.fail(number, "is longer than " + maxLineBytes + " bytes, the most one line may hold");
                } else if (!line.isBlank()) {
                    run.accept(number, line);
                }
            }
            run.flush();
            return run.report();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            searchIndex.importEnded();
            // The import commits on a connection of its own, outside any transaction the cache watches.
            contentChanged.fire(new ContentChanged());
        }
    }

    /** An article line checked and ready to write. */
    private record Row(long line, String slug, Object[] values) {
    }

    /** The state of one import: counts, reported errors, known sections and the pending batch. */
    private final class Run {
        private final Connection connection;
        private final long userId;
        private final Map<String, Long> sections = new HashMap<>();
        private final Map<String, Row> pending = new LinkedHashMap<>();
        private final List<LineError> errors = new ArrayList<>();
        private long created;
        private long updated;
        private long failed;

        Run(Connection connection, long userId) {
            this.connection = connection;
            this.userId = userId;
        }

        void accept(long number, String text) throws SQLException {
            try {
                JsonNode node = json.readTree(text);
                String kind = node.path("kind").asText(null);
                if ("section".equals(kind)) {
                    flush();
                    upsertSection(number, json.treeToValue(node, SectionLine.class));
                } else if ("article".equals(kind)) {
                    Row row = article(number, json.treeToValue(node, ArticleLine.class));
                    if (pending.containsKey(row.slug())) {
                        flush();
                    }
                    pending.put(row.slug(), row);
                    if (pending.size() >= BATCH) {
                        flush();
                    }
                } else {
                    throw ApiException.invalid("kind", "must be \"section\" or \"article\"");
                }
            } catch (JsonProcessingException e) {
                fail(number, message(JsonProblems.of(e)));
            } catch (ApiException e) {
                fail(number, message(e));
            }
        }

        private Row article(long number, ArticleLine line) throws SQLException {
            check(line);
            Long sectionId = section(line.section());
            if (sectionId == null) {
                throw ApiException.invalid("section", "no section has the slug '" + line.section() + "'");
            }
            Instant now = clock.instant();
            Publication publication = Publication.of(line.status(), line.publishedAt(), now);
            return new Row(number, line.slug(), new Object[] {
                    line.slug(), line.title().strip(), ArticleContent.text(line.summary()), ArticleContent.body(html, line.body()),
                    ArticleContent.text(line.author()), sectionId, ArticleContent.tags(line.tags()).toArray(String[]::new),
                    line.featuredImage() == null ? null : line.featuredImage().url(),
                    line.featuredImage() == null ? null : ArticleContent.text(line.featuredImage().alt()),
                    publication.status().name(),
                    publication.publishedAt() == null ? null : Timestamp.from(publication.publishedAt()),
                    userId, Timestamp.from(now), Timestamp.from(now)});
        }

        private void upsertSection(long number, SectionLine line) throws SQLException {
            check(line);
            Long parentId = null;
            if (line.parent() != null) {
                parentId = section(line.parent());
                if (parentId == null) {
                    throw ApiException.invalid("parent", "no section has the slug '" + line.parent() + "'");
                }
                // Held until this line commits or rolls back, like a move through the API.
                try (PreparedStatement lock = connection.prepareStatement(SectionQueries.LOCK_TREE)) {
                    lock.execute();
                }
                if (sectionQueries.subtreeIds(line.slug()).contains(parentId)) {
                    connection.rollback();
                    throw ApiException.invalid("parent", "cannot be the section itself or one of its subsections");
                }
            }
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SECTION)) {
                Object[] values = {line.slug(), line.name().strip(), ArticleContent.text(line.description()), parentId,
                        line.position(), now, now, line.position()};
                for (int i = 0; i < values.length; i++) {
                    upsert.setObject(i + 1, values[i]);
                }
                try (ResultSet result = upsert.executeQuery()) {
                    result.next();
                    sections.put(line.slug(), result.getLong(1));
                    count(result.getBoolean(2));
                    changeLog.append(connection, List.of(new Change(EntityType.SECTION, result.getLong(1),
                            result.getBoolean(2) ? Kind.CREATED : Kind.UPDATED, now.toInstant())), now.toInstant());
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                fail(number, saveFailure(number, e));
            }
        }

        /** Writes the pending batch; if the batch as a whole fails, each row is tried alone to find the bad ones. */
        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            List<Row> rows = withoutFormerSlugs(new ArrayList<>(pending.values()));
            pending.clear();
            if (rows.isEmpty()) {
                return;
            }
            try {
                write(rows);
                connection.commit();
            } catch (SQLException batchFailure) {
                connection.rollback();
                for (Row row : rows) {
                    try {
                        write(List.of(row));
                        connection.commit();
                    } catch (SQLException e) {
                        connection.rollback();
                        fail(row.line(), saveFailure(row.line(), e));
                    }
                }
            }
        }

        /**
         * Rows whose slug is not a former slug still leading to another article; each of those is
         * reported instead, as through the API (the old links keep their article).
         */
        private List<Row> withoutFormerSlugs(List<Row> rows) throws SQLException {
            Set<String> former = new HashSet<>();
            try (PreparedStatement find = connection.prepareStatement(
                    "select slug from article_slug_redirect where slug = any(?)")) {
                find.setArray(1, connection.createArrayOf("text", rows.stream().map(Row::slug).toArray()));
                try (ResultSet result = find.executeQuery()) {
                    while (result.next()) {
                        former.add(result.getString(1));
                    }
                }
            }
            if (former.isEmpty()) {
                return rows;
            }
            List<Row> kept = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (former.contains(row.slug())) {
                    fail(row.line(), "slug: is the former slug of another article and still leads its readers there");
                } else {
                    kept.add(row);
                }
            }
            return kept;
        }

        private void write(List<Row> rows) throws SQLException {
            String placeholders = "(" + "?,".repeat(ARTICLE_PARAMS - 1) + "?)";
            String sql = UPSERT_ARTICLES.formatted(String.join(",", Collections.nCopies(rows.size(), placeholders)));
            List<Long> ids = new ArrayList<>(rows.size());
            List<Change> changes = new ArrayList<>(rows.size());
            Instant now = clock.instant();
            long inserted = 0;
            try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                int p = 1;
                for (Row row : rows) {
                    for (Object value : row.values()) {
                        if (value instanceof String[] array) {
                            upsert.setArray(p++, connection.createArrayOf("text", array));
                        } else {
                            upsert.setObject(p++, value);
                        }
                    }
                }
                try (ResultSet result = upsert.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getLong(1));
                        inserted += result.getBoolean(2) ? 1 : 0;
                        changes.addAll(articleChanges(result.getLong(1), result.getBoolean(2), result.getString(3),
                                Sql.instant(result, "published_at"), now));
                    }
                }
            }
            try (PreparedStatement revisions = connection.prepareStatement(RECORD_REVISIONS)) {
                revisions.setTimestamp(1, Timestamp.from(clock.instant()));
                revisions.setLong(2, userId);
                revisions.setArray(3, connection.createArrayOf("bigint", ids.toArray()));
                revisions.executeUpdate();
            }
            changeLog.append(connection, changes, now);
            created += inserted;
            updated += ids.size() - inserted;
        }

        private Long section(String slug) throws SQLException {
            Long id = sections.get(slug);
            if (id == null) {
                try (PreparedStatement find = connection.prepareStatement("select id from section where slug = ?")) {
                    find.setString(1, slug);
                    try (ResultSet result = find.executeQuery()) {
                        if (result.next()) {
                            id = result.getLong(1);
                            sections.put(slug, id);
                        }
                    }
                }
            }
            return id;
        }

        private <T> void check(T line) {
            Set<ConstraintViolation<T>> violations = validator.validate(line);
            if (!violations.isEmpty()) {
                throw ApiException.invalid(violations.stream()
                        .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                        .sorted(Comparator.comparing(FieldError::field))
                        .toList());
            }
        }

        private void count(boolean inserted) {
            if (inserted) {
                created++;
            } else {
                updated++;
            }
        }

        private void fail(long line, String message) {
            failed++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new LineError(line, message));
            }
        }

        ImportReport report() {
            return new ImportReport(created, updated, failed, errors);
        }
    }

    /**
     * What an imported line means for readers of public content. The upsert does not tell whether
     * an updated article was public before, so an update that leaves it out of view now logs a
     * delete (harmless if it was not public); a new draft logs nothing.
     */
    private static List<Change> articleChanges(long id, boolean inserted, String status, Instant publishedAt,
                                               Instant now) {
        boolean published = ArticleStatus.valueOf(status) == ArticleStatus.PUBLISHED;
        // The upsert does not tell the state it replaced: a re-imported public article is "updated"
        // (even if it was a draft before), one that is not public now "unpublished".
        if (published && !publishedAt.isAfter(now)) {
            return List.of(new Change(EntityType.ARTICLE, id, inserted ? Kind.PUBLISHED : Kind.UPDATED, now));
        }
        List<Change> changes = new ArrayList<>(2);
        if (!inserted) {
            changes.add(new Change(EntityType.ARTICLE, id, Kind.UNPUBLISHED, now));
        }
        if (published) {
            changes.add(new Change(EntityType.ARTICLE, id, Kind.PUBLISHED, publishedAt));
        }
        return changes;
    }

    /**
     * Why the database refused a line, in the importer's words: its own message names tables and
     * SQL, which stay in the log.
     */
    private static String saveFailure(long line, SQLException e) {
        LOG.warnf("Import line %d refused by the database (SQLState %s): %s", line, e.getSQLState(), e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505")) {
            return "could not be saved: a value that must be unique (such as the slug) is taken";
        }
        if (state.startsWith("22")) {
            return "could not be saved: a value is out of the range the database stores";
        }
        return "could not be saved";
    }

    /** "field: message" for each invalid field, as the API would name them. */
    private static String message(ApiException e) {
        return e.errors().stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; "));
    }

}
