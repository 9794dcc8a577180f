package vn.cms.article;

import java.time.OffsetDateTime;

/** What names an article in any state (deleted ones keep their slug): for notices of its changes. */
public record ArticleReference(long id, String slug, long sectionId, String sectionSlug, OffsetDateTime publishedAt,
                               OffsetDateTime updatedAt) {
}
