package vn.cms.media;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the media library, newest first. */
@Schema(name = "MediaPage", requiredProperties = {"items", "page", "size", "totalItems", "totalPages", "nextCursor"})
public record MediaPage(
        List<MediaView> items,
        @Schema(description = "Page number from 1; null when reading by cursor", nullable = true, examples = "1") Integer page,
        @Schema(examples = "20") int size,
        @Schema(description = "Matching media in all pages", examples = "1") long totalItems,
        @Schema(examples = "1") long totalPages,
        @Schema(description = "Pass as 'cursor' for the next page; null on the last page", nullable = true)
        String nextCursor) {
}
