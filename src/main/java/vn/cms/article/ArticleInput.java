package vn.cms.article;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.common.text.Slugs;

/**
 * The writable fields of an article: the body of POST and PUT, and the document a PATCH
 * (JSON Merge Patch) is applied to.
 */
@Schema(name = "ArticleInput")
public record ArticleInput(
        @Schema(examples = "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017")
        @NotBlank @Size(max = 300) String title,
        @Schema(description = "Made from the title when absent; a taken slug chosen by the client is 409",
                examples = "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017")
        @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case a-z, 0-9 and single hyphens")
        String slug,
        @Schema(description = "Lead paragraph, plain text", examples = "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả…")
        @Size(max = 2000) String summary,
        @Schema(description = "HTML, sanitised on write; at most 2 MB", examples = "<p>Năm 2017 là năm phát huy vai trò tích cực…</p>")
        @NotNull String body,
        @Schema(description = "Byline", examples = "Quốc Tuấn") @Size(max = 200) String author,
        @Schema(examples = "1") @NotNull @Positive Long sectionId,
        @Schema(examples = "[\"CCHC\", \"tuyên truyền\"]") @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Valid ArticleImageInput featuredImage,
        @Schema(description = "Publication time; any offset, stored as an instant", examples = "2017-03-15T14:00:00+07:00")
        OffsetDateTime publishedAt,
        @Schema(description = "On create only (DRAFT unless given); later changes go through publish and unpublish",
                examples = "DRAFT")
        PublicStatus status,
        @Schema(description = "The version this write is based on, instead of If-Match", examples = "3")
        Long version) {

    /** Status as clients see it: SCHEDULED is PUBLISHED with a publishedAt still to come. */
    public enum PublicStatus {
        DRAFT,
        SCHEDULED,
        PUBLISHED
    }

    /** An article's featured image: from the media library ({@code mediaId}) or by URL, one of the two. */
    @Schema(name = "ArticleImageInput")
    public record ArticleImageInput(
            @Schema(description = "An image elsewhere; give it or mediaId", examples = "https://example.gov.vn/uploads/2017/03/cchc.jpg")
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
            String url,
            @Schema(description = "An image of the media library; give it or url", examples = "12") @Positive Long mediaId,
            @Schema(examples = "Hội nghị triển khai công tác cải cách hành chính") @Size(max = 500) String alt) {

        @AssertTrue(message = "must give exactly one of url and mediaId")
        @JsonIgnore
        @Schema(hidden = true)
        public boolean isUrlOrMediaId() {
            return (url == null) != (mediaId == null);
        }
    }

    @Schema(name = "FeaturedImageInput")
    public record FeaturedImageInput(
            @Schema(examples = "https://example.gov.vn/uploads/2017/03/cchc.jpg")
            @NotBlank @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
            String url,
            @Schema(examples = "Hội nghị triển khai công tác cải cách hành chính") @Size(max = 500) String alt) {
    }
}
