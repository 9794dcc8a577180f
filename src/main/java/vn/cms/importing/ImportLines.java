package vn.cms.importing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import vn.cms.article.ArticleInput;
import vn.cms.article.ArticleInput.ArticleImageInput;
import vn.cms.article.ArticleInput.FeaturedImageInput;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.common.text.Slugs;
import vn.cms.section.SectionInput;

/**
 * The two kinds of line an import may carry; both upsert by slug. A line carries the constraints
 * of its own (its kind, the slug it is upserted by, the slug that names its section or parent);
 * its fields are checked as the API's input they become, by the constraints of that input.
 */
final class ImportLines {

    private ImportLines() {
    }

    record SectionLine(
            @NotNull String kind,
            @NotNull String slug,
            String name,
            String description,
            @Size(max = Slugs.MAX_LENGTH) String parent,
            Integer position) {

        SectionInput input(Long parentId) {
            return new SectionInput(name, slug, description, parentId, position);
        }
    }

    record ArticleLine(
            @NotNull String kind,
            @NotNull String slug,
            String title,
            String summary,
            String body,
            String author,
            @NotBlank String section,
            List<String> tags,
            FeaturedImageInput featuredImage,
            PublicStatus status,
            OffsetDateTime publishedAt) {

        ArticleInput input(Long sectionId) {
            return new ArticleInput(title, slug, summary, body, author, sectionId, tags,
                    featuredImage == null ? null : new ArticleImageInput(featuredImage.url(), null, featuredImage.alt()),
                    publishedAt,
                    status, null);
        }
    }
}
