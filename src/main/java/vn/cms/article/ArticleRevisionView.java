package vn.cms.article;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.article.ArticleSummary.FeaturedImage;

/** An article as one save left it. */
@Schema(name = "ArticleRevision", requiredProperties = {"version", "action", "savedAt", "savedBy", "slug", "title",
        "summary", "body", "author", "sectionId", "tags", "featuredImage", "status", "publishedAt"})
public record ArticleRevisionView(
        @Schema(examples = "2") long version,
        @Schema(description = "CREATE, UPDATE, PUBLISH, UNPUBLISH, DELETE or IMPORT", examples = "UPDATE") String action,
        @Schema(examples = "2026-11-25T19:05:00+07:00") OffsetDateTime savedAt,
        @Schema(description = "Account id of who saved it; null for the sample content", nullable = true,
                examples = "2") Long savedBy,
        @Schema(examples = "day-manh-tuyen-truyen") String slug,
        @Schema(examples = "Đẩy mạnh tuyên truyền") String title,
        @Schema(description = "null in the list of revisions, and when there is none", nullable = true) String summary,
        @Schema(description = "null in the list of revisions", nullable = true) String body,
        @Schema(nullable = true) String author,
        Long sectionId,
        List<String> tags,
        @Schema(nullable = true) FeaturedImage featuredImage,
        @Schema(examples = "PUBLISHED") PublicStatus status,
        @Schema(nullable = true) OffsetDateTime publishedAt) {
}
