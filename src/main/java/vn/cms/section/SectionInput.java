package vn.cms.section;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.common.text.Slugs;

/** The writable fields of a section: the body of POST, and the document a PATCH applies to. */
@Schema(name = "SectionInput")
public record SectionInput(
        @Schema(examples = "Cải cách hành chính") @NotBlank @Size(max = 200) String name,
        @Schema(description = "Made from the name when absent; a taken slug chosen by the client is 409",
                examples = "cai-cach-hanh-chinh")
        @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case a-z, 0-9 and single hyphens")
        String slug,
        @Schema(examples = "Tin tức về công tác cải cách hành chính của tỉnh") @Size(max = 2000) String description,
        @Schema(description = "Parent section; null for a top-level section", examples = "1") @Positive Long parentId,
        @Schema(description = "Order among all sections; after the last one when absent", examples = "3")
        @PositiveOrZero Integer position) {
}
