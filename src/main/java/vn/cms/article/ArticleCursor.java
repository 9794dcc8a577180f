package vn.cms.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import vn.cms.common.db.Sql;

/**
 * Where a keyset page ends: the sort it belongs to, the last row's sort key and id. Opaque
 * to clients (base64url); publishedAt keys are epoch microseconds, the database's precision.
 */
record ArticleCursor(ArticleSort sort, long key, long id) {

    /** Years 0001 to 9999 in any offset: a day's margin on either side of them in UTC. */
    private static final long FIRST_STORABLE_MICROS = Sql.micros(Instant.parse("0000-12-31T00:00:00Z"));
    private static final long LAST_STORABLE_MICROS = Sql.micros(Instant.parse("+10000-01-02T00:00:00Z"));

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
        return sort.byPublishedAt() ? Sql.ofMicros(key) : key;
    }
}
