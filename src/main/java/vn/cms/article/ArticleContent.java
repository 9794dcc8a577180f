package vn.cms.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.common.text.Html;
import vn.cms.common.web.ApiException;

/** The rules every way of writing an article shares (the editorial API and the import). */
public final class ArticleContent {

    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private ArticleContent() {
    }

    /** The body as stored: sanitised, and at most 2 MB. */
    public static String body(Html sanitizer, String html) {
        String body = sanitizer.sanitize(html);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw ApiException.invalid("body", "must be at most 2 MB");
        }
        return body;
    }

    /** Optional text as stored: trimmed, and null when blank. */
    public static String text(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(String::strip).distinct().toList();
    }

    /** How a requested status and time are stored. */
    public record Publication(ArticleStatus status, Instant publishedAt) {

        /**
         * DRAFT keeps any planned time; PUBLISHED without a time is published now; SCHEDULED
         * needs a time still to come.
         */
        public static Publication of(PublicStatus requested, OffsetDateTime publishedAt, Instant now) {
            Instant at = publishedAt == null ? null : publishedAt.toInstant();
            return switch (requested == null ? PublicStatus.DRAFT : requested) {
                case DRAFT -> new Publication(ArticleStatus.DRAFT, at);
                case PUBLISHED -> new Publication(ArticleStatus.PUBLISHED, at == null ? now : at);
                case SCHEDULED -> {
                    if (at == null || !at.isAfter(now)) {
                        throw ApiException.invalid("publishedAt", "a SCHEDULED article needs a publication time in the future");
                    }
                    yield new Publication(ArticleStatus.PUBLISHED, at);
                }
            };
        }
    }
}
