package vn.cms.article;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A whole article: its summary fields, the sanitised body and the version to write against. */
@Schema(name = "Article", requiredProperties = {"id", "slug", "title", "summary", "author", "section", "tags", "featuredImage", "publishedAt", "updatedAt", "viewCount", "body", "version"})
public record ArticleDetail(
        // Not called "summary": the generated schema would drop ArticleSummary.summary for it.
        @JsonUnwrapped ArticleSummary overview,
        @Schema(description = "Sanitised HTML",
                examples = "<p>Năm 2017 là năm phát huy vai trò tích cực của các cơ quan tuyên truyền…</p>")
        String body,
        @Schema(description = "Increases with every save", examples = "1") long version) {
}
