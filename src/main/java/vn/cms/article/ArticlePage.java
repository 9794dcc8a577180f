package vn.cms.article;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of public articles. Items are {@link ArticleSummary} objects, narrowed to the
 * requested fields when {@code fields=} is given.
 */
@Schema(name = "ArticlePage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages", "nextCursor"})
public record ArticlePage(
        @Schema(type = SchemaType.ARRAY, implementation = ArticleListItem.class) List<?> items,
        @Schema(description = "Page number from 1; null when reading by cursor", nullable = true, examples = "1") Integer page,
        @Schema(examples = "20") int size,
        @Schema(description = "Matching articles in all pages", examples = "1") long totalItems,
        @Schema(examples = "1") long totalPages,
        @Schema(description = "Pass as 'cursor' for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
