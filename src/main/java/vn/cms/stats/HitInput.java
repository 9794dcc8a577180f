package vn.cms.stats;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a page-view beacon. */
@Schema(name = "Hit", description = "One page view, sent by a frontend or app when a page is shown")
public record HitInput(
        @Schema(description = "Path of the page viewed", examples = "/cai-cach-hanh-chinh/day-manh-tuyen-truyen-2017")
        @NotBlank @Size(max = 2000)
        String path,
        @Schema(description = "The article shown, when the page is an article; it must be a published article")
        @Positive
        Long articleId,
        @Schema(description = "The page the reader came from (document.referrer)", examples = "https://www.google.com/")
        @Size(max = 2000)
        String referrer,
        @Schema(description = "A random id the frontend or app keeps for this reader (8 to 128 letters, digits, '-', '_' or '.');"
                + " without it the reader is told apart by a daily-salted hash of address and User-Agent",
                examples = "6f1c2a7e-6a8e-4d43-9a39-1f6ad3c1b0a2")
        @Pattern(regexp = "[A-Za-z0-9._-]{8,128}", message = "must be 8 to 128 letters, digits, '-', '_' or '.'")
        String visitorId) {
}
