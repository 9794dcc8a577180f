package vn.cms.section;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A section as the public API shows it. */
@Schema(name = "Section", requiredProperties = {"id", "slug", "name", "description", "parentId", "position",
        "articleCount"})
public record SectionView(
        @Schema(examples = "1") long id,
        @Schema(examples = "cai-cach-hanh-chinh") String slug,
        @Schema(examples = "Cải cách hành chính") String name,
        @Schema(description = "null when there is none", nullable = true,
                examples = "Tin tức về công tác cải cách hành chính của tỉnh") String description,
        @Schema(description = "Id of the parent section; null for a top-level section", nullable = true)
        Long parentId,
        @Schema(description = "Order among all sections, ascending", examples = "1") int position,
        @Schema(description = "Public articles in this section and all its subsections", examples = "1")
        long articleCount) {
}
