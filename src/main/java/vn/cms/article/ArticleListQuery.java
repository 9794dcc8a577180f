package vn.cms.article;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import vn.cms.common.web.QueryParameters;

/**
 * The query string of {@code GET /api/v1/articles}, checked whole: every unknown, repeated or
 * invalid parameter is reported at once, each by name.
 *
 * @param to exclusive upper bound on publishedAt
 * @param page null when reading by cursor
 * @param fields null for every field
 * @param status null for the public list; any status asks for the editorial one
 */
public record ArticleListQuery(String q, String section, String tag, String author, Instant from, Instant to,
                               ArticleSort sort, Integer page, int size, ArticleCursor cursor, Set<String> fields,
                               ArticleInput.PublicStatus status) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    /** Deepest row an offset page may reach; beyond it a cursor walk costs the same and is required. */
    public static final int MAX_PAGE_DEPTH = 10_000;

    public static final int MAX_QUERY_LENGTH = 200;

    static final Set<String> PARAMETERS = Set.of("q", "section", "tag", "author", "from", "to", "sort", "page", "size",
            "cursor", "fields", "status");

    static ArticleListQuery parse(MultivaluedMap<String, String> parameters, ZoneId zone) {
        QueryParameters p = new QueryParameters(parameters, PARAMETERS);
        String q = p.text("q");
        if (q != null && q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
            p.error("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        String section = p.text("section");
        String tag = p.text("tag");
        String author = p.text("author");
        Instant from = p.value("from", v -> instant(v, zone, false),
                "must be a date (2017-03-15) or a date-time with offset (2017-03-15T14:00:00+07:00) in the years 0001 to 9999");
        Instant to = p.value("to", v -> instant(v, zone, true),
                "must be a date (2017-03-15) or a date-time with offset (2017-03-15T23:59:59+07:00) in the years 0001 to 9999");
        if (from != null && to != null && !from.isBefore(to)) {
            p.error("to", "must not be before 'from'");
        }
        ArticleSort sort = p.value("sort", v -> ArticleSort.fromParameter(v).orElseThrow(),
                "must be one of relevance, -publishedAt, publishedAt, -viewCount");
        if (sort == ArticleSort.RELEVANCE && q == null) {
            p.error("sort", "relevance needs a search query 'q'");
        }
        Integer page = p.value("page", Integer::valueOf, "must be a whole number from 1");
        if (page != null && page < 1) {
            p.error("page", "must be a whole number from 1");
        }
        Integer size = p.integer("size", 1, MAX_SIZE);
        int pageSize = size == null ? DEFAULT_SIZE : size;
        if (page != null && (long) page * pageSize > MAX_PAGE_DEPTH) {
            p.error("page", "pages reach at most item " + MAX_PAGE_DEPTH
                    + "; to read further, follow 'nextCursor' with the 'cursor' parameter");
        }
        ArticleCursor cursor = p.value("cursor", v -> ArticleCursor.decode(v).orElseThrow(),
                "is not a cursor from 'nextCursor'");
        if (cursor != null && page != null) {
            p.error("cursor", "cannot be combined with 'page'");
        }
        ArticleSort effectiveSort = sort != null ? sort : q != null ? ArticleSort.RELEVANCE : ArticleSort.NEWEST;
        if (cursor != null && cursor.sort() != effectiveSort) {
            p.error("cursor", "was issued for sort " + cursor.sort().parameter() + ", not " + effectiveSort.parameter());
        }
        Set<String> fields = p.value("fields", ArticleListQuery::fields,
                "must be a comma-separated list of " + String.join(", ", ArticleSummary.FIELDS.stream().sorted().toList()));
        ArticleInput.PublicStatus status = p.value("status", ArticleInput.PublicStatus::valueOf,
                "must be one of DRAFT, SCHEDULED, PUBLISHED");
        p.throwIfInvalid();
        return new ArticleListQuery(q, section, tag, author, from, to, effectiveSort,
                cursor == null ? (page == null ? 1 : page) : null, pageSize, cursor, fields, status);
    }

    /** Rows to skip before this page. */
    long offset() {
        return page == null ? 0 : (long) (page - 1) * size;
    }

    /**
     * A date means that whole day in the site time zone; a date-time is taken as given.
     * Returned bounds are inclusive for 'from' and exclusive for 'to'.
     */
    private static Instant instant(String value, ZoneId zone, boolean upperBound) {
        try {
            LocalDate date = LocalDate.parse(value);
            requireStorableYear(date.getYear());
            return (upperBound ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            OffsetDateTime dateTime = OffsetDateTime.parse(value);
            requireStorableYear(dateTime.getYear());
            Instant instant = dateTime.toInstant();
            // The database keeps microseconds: the next one makes an inclusive bound exclusive.
            return upperBound ? instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : instant;
        }
    }

    /** The years the database's timestamps hold, and that ISO 8601 writes with four digits. */
    private static void requireStorableYear(int year) {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year " + year);
        }
    }

    private static Set<String> fields(String value) {
        Set<String> fields = new LinkedHashSet<>(Arrays.asList(value.split(",", -1)));
        if (!ArticleSummary.FIELDS.containsAll(fields)) {
            throw new IllegalArgumentException(value);
        }
        return fields;
    }
}
