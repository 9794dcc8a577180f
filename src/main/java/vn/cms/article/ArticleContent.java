package vn.cms.article;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import vn.cms.article.ArticleInput.ArticleImageInput;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.common.text.Html;
import vn.cms.common.text.OptionalText;
import vn.cms.common.web.ApiException;
import vn.cms.media.MediaImages;

/**
 * The writable content of an article as stored, made from the input by the rules every writer
 * shares (the editorial API, the import, the sample content): trimmed text, a sanitised body of
 * at most 2 MB, distinct tags, a featured image from the media library read as its file's path.
 */
public record ArticleContent(String title, String summary, String body, String author, long sectionId,
                             List<String> tags, String imageUrl, Long imageMediaId, String imageAlt) {

    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /** The content of a valid input (its constraints checked) whose section exists; an unknown media id is a 400. */
    static ArticleContent of(ArticleInput input, Html sanitizer, MediaImages images) {
        ArticleImageInput image = input.featuredImage();
        Long mediaId = image == null ? null : image.mediaId();
        String imageUrl = image == null ? null
                : mediaId == null ? image.url() : images.requirePath("featuredImage.mediaId", mediaId);
        return new ArticleContent(input.title().strip(), OptionalText.of(input.summary()),
                body(sanitizer, input.body()), OptionalText.of(input.author()), input.sectionId(),
                input.tags() == null ? List.of() : input.tags().stream().map(String::strip).distinct().toList(),
                imageUrl, mediaId, image == null ? null : OptionalText.of(image.alt()));
    }

    /** Writes this content into an article being edited. */
    void copyTo(Article article) {
        article.title = title;
        article.summary = summary;
        article.body = body;
        article.author = author;
        article.sectionId = sectionId;
        article.tags = tags;
        article.featuredImageUrl = imageUrl;
        article.featuredMediaId = imageMediaId;
        article.featuredImageAlt = imageAlt;
    }

    private static String body(Html sanitizer, String html) {
        String body = sanitizer.sanitize(html);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw ApiException.invalid("body", "must be at most 2 MB");
        }
        return body;
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
