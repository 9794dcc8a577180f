package vn.cms.article;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.article.ArticleInput.PublicStatus;

/** An article as its editors see it: every field of {@link ArticleDetail} plus its status. */
@Schema(name = "EditorialArticle", requiredProperties = {"id", "slug", "title", "summary", "author", "section", "tags",
        "featuredImage", "publishedAt", "updatedAt", "viewCount", "body", "version", "status"})
public record EditorialArticle(
        @JsonUnwrapped ArticleDetail article,
        @Schema(description = "SCHEDULED: published with a publishedAt still to come", examples = "DRAFT")
        PublicStatus status) {
}
