package vn.cms.importing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import vn.cms.article.ArticleInput.FeaturedImageInput;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.common.text.Slugs;

/** The two kinds of line an import may carry; both upsert by slug. */
final class ImportLines {

    private ImportLines() {
    }

    record SectionLine(
            @NotNull String kind,
            @NotNull @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case a-z, 0-9 and single hyphens")
            String slug,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,
            @Size(max = Slugs.MAX_LENGTH) String parent,
            @PositiveOrZero Integer position) {
    }

    record ArticleLine(
            @NotNull String kind,
            @NotNull @Size(max = Slugs.MAX_LENGTH) @Pattern(regexp = Slugs.PATTERN, message = "must be lower-case a-z, 0-9 and single hyphens")
            String slug,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 2000) String summary,
            @NotNull String body,
            @Size(max = 200) String author,
            @NotBlank String section,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
            @Valid FeaturedImageInput featuredImage,
            PublicStatus status,
            OffsetDateTime publishedAt) {
    }
}
