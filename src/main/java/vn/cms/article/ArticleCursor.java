package vn.cms.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a keyset page ends: the sort it belongs to, the last row's sort key and id. Opaque
 * to clients (base64url); publishedAt keys are epoch microseconds, the database's precision.
 */
record ArticleCursor(ArticleSort sort, long key, long id) {

    /** Years 0001 to 9999, in whole seconds: micros() of such instants would overflow its nanoseconds. */
    private static final long FIRST_STORABLE_MICROS = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond() * 1_000_000;
    private static final long LAST_STORABLE_MICROS = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000;

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    String encode() {
        String raw = sort.parameter() + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code value}, or empty when it is not one this service issued. */
    static Optional<ArticleCursor> decode(String value) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            long id = Long.parseLong(parts[2]);
            long key = Long.parseLong(parts[1]);
            return ArticleSort.fromParameter(parts[0]).map(sort -> new ArticleCursor(sort, key, id))
                    .filter(ArticleCursor::couldBeIssued);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A forged cursor must not reach the database as a negative offset or an impossible date. */
    private boolean couldBeIssued() {
        if (sort == ArticleSort.RELEVANCE) {
            return id == 0 && key >= 0 && key <= ArticleListQuery.MAX_PAGE_DEPTH;
        }
        return id > 0 && (sort.byPublishedAt() ? key >= FIRST_STORABLE_MICROS && key <= LAST_STORABLE_MICROS : key >= 0);
    }

    /** The sort key as a query parameter. */
    Object keyParameter() {
        return sort.byPublishedAt() ? Instant.EPOCH.plus(key, ChronoUnit.MICROS) : key;
    }
}
