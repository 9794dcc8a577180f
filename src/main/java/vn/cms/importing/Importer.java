package vn.cms.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import vn.cms.article.ArticleContent.Publication;
import vn.cms.article.ArticleInput;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.article.ArticleSlugs;
import vn.cms.article.ArticleWrites;
import vn.cms.common.cache.ContentChanged;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.FieldErrors;
import vn.cms.common.web.JsonProblems;
import vn.cms.importing.ImportLines.ArticleLine;
import vn.cms.importing.ImportLines.SectionLine;
import vn.cms.importing.ImportReport.LineError;
import vn.cms.section.SectionQueries;
import vn.cms.section.SectionWrites;

/**
 * Streams an NDJSON import: lines are read one at a time, articles are upserted by slug in
 * batches of {@value #BATCH} rows through {@link ArticleWrites} (one multi-row statement and one
 * transaction each), sections one by one through {@link SectionWrites}, and a
 * bad line is reported by number while the good lines around it land. Memory stays that of
 * one batch, however long the input.
 */
@ApplicationScoped
public class Importer {

    private static final Logger LOG = Logger.getLogger(Importer.class);

    static final int BATCH = 500;
    static final int MAX_REPORTED_ERRORS = 1000;

    private final AgroalDataSource dataSource;
    private final ArticleWrites articles;
    private final ArticleSlugs articleSlugs;
    private final SectionWrites sectionWrites;
    private final SectionQueries sectionQueries;
    private final ArticleSearchIndex searchIndex;
    private final ObjectMapper json;
    private final Validator validator;
    private final Event<ContentChanged> contentChanged;
    private final int maxLineBytes;
    private final Clock clock;

    /** Section upserts commit at once, so {@link SectionQueries} sees them on its own connection. */
    Importer(AgroalDataSource dataSource, ArticleWrites articles, ArticleSlugs articleSlugs, SectionWrites sectionWrites,
             SectionQueries sectionQueries, ArticleSearchIndex searchIndex, ObjectMapper json, Validator validator,
             Event<ContentChanged> contentChanged, CmsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.articles = articles;
        this.articleSlugs = articleSlugs;
        this.sectionWrites = sectionWrites;
        this.sectionQueries = sectionQueries;
        this.searchIndex = searchIndex;
        this.json = json;
        this.validator = validator;
        this.contentChanged = contentChanged;
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 8, config.importing().maxLineSize().asLongValue());
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
            // The import commits on a connection of its own, outside any transaction the cache watches:
            // the change log told the cache before each commit, this tells it after the last.
            contentChanged.fire(new ContentChanged());
        }
    }

    /** An article line checked and ready to write. */
    private record Row(long line, ArticleWrites.Row article) {
        String slug() {
            return article.slug();
        }
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

        private Row article(long number, ArticleLine line) {
            check(line, line.input(null), "sectionId");
            Long sectionId = section(line.section());
            if (sectionId == null) {
                throw ApiException.invalid("section", "no section has the slug '" + line.section() + "'");
            }
            Instant now = clock.instant();
            ArticleInput input = line.input(sectionId);
            return new Row(number, new ArticleWrites.Row(line.slug(), articles.content(input),
                    Publication.of(input.status(), input.publishedAt(), now), userId, now, now, false));
        }

        private void upsertSection(long number, SectionLine line) throws SQLException {
            check(line, line.input(null), "parentId");
            Long parentId = null;
            if (line.parent() != null) {
                parentId = section(line.parent());
                if (parentId == null) {
                    throw ApiException.invalid("parent", "no section has the slug '" + line.parent() + "'");
                }
            }
            try {
                if (parentId != null) {
                    sectionWrites.checkMove(connection, line.slug(), parentId, "parent");
                }
                SectionWrites.Written written = sectionWrites.upsert(connection, line.slug(), line.input(parentId),
                        clock.instant());
                connection.commit();
                sections.put(line.slug(), written.id());
                count(written.inserted());
            } catch (ApiException e) {
                connection.rollback();
                throw e;
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
        private List<Row> withoutFormerSlugs(List<Row> rows) {
            Set<String> former = articleSlugs.former(rows.stream().map(Row::slug).toArray(String[]::new));
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
            List<ArticleWrites.Written> written = articles.upsert(connection, rows.stream().map(Row::article).toList(),
                    "IMPORT", userId, clock.instant());
            long inserted = written.stream().filter(ArticleWrites.Written::inserted).count();
            created += inserted;
            updated += written.size() - inserted;
        }

        private Long section(String slug) {
            return sections.computeIfAbsent(slug, known -> sectionQueries.idBySlug(known).orElse(null));
        }

        /**
         * The line's own constraints, and those of the API input it becomes except {@code namedOnTheLine}
         * (the line names its section or parent by slug, checked on the line).
         */
        private void check(Object line, Object input, String namedOnTheLine) {
            List<ConstraintViolation<?>> violations = new ArrayList<>(validator.validate(line));
            validator.validate(input).stream()
                    .filter(violation -> !FieldErrors.field(violation).equals(namedOnTheLine))
                    .forEach(violations::add);
            if (!violations.isEmpty()) {
                throw ApiException.invalid(FieldErrors.of(violations));
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
