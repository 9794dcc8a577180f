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
            return ArticleSort.fromParameter(parts[0]).map(sort -> new ArticleCursor(sort, Long.parseLong(parts[1]), id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The sort key as a query parameter. */
    Object keyParameter() {
        return sort.byPublishedAt() ? Instant.EPOCH.plus(key, ChronoUnit.MICROS) : key;
    }
}
