package vn.cms.article;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An article as lists show it: everything but the body. */
@Schema(name = "ArticleSummary", requiredProperties = {"id", "slug", "title", "summary", "author", "section", "tags", "featuredImage", "publishedAt", "updatedAt", "viewCount"})
public record ArticleSummary(
        @Schema(examples = "1") long id,
        @Schema(examples = "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017") String slug,
        @Schema(examples = "Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017") String title,
        @Schema(description = "Lead paragraph, plain text; null when there is none", nullable = true,
                examples = "Để công tác cải cách hành chính năm 2017 đạt được nhiều kết quả, ngày 19/1/2017, UBND tỉnh ban hành kế hoạch số 09/KH-UBND.")
        String summary,
        @Schema(description = "Byline; null when there is none", nullable = true, examples = "Quốc Tuấn") String author,
        SectionRef section,
        @Schema(examples = "[\"CCHC\"]") List<String> tags,
        @Schema(description = "null when the article has none", nullable = true) FeaturedImage featuredImage,
        @Schema(description = "In the site time zone; null for a draft that has no publication time yet", nullable = true,
                examples = "2017-03-15T14:00:00+07:00") OffsetDateTime publishedAt,
        @Schema(description = "In the site time zone", examples = "2017-03-15T14:00:00+07:00") OffsetDateTime updatedAt,
        @Schema(description = "Page views", examples = "0") long viewCount) {

    /** The names {@code fields=} may choose from. */
    public static final Set<String> FIELDS = Set.of("id", "slug", "title", "summary", "author", "section", "tags",
            "featuredImage", "publishedAt", "updatedAt", "viewCount");

    /** The section an article belongs to, as embedded in the article. */
    @Schema(name = "SectionRef", requiredProperties = {"id", "slug", "name"})
    public record SectionRef(
            @Schema(examples = "1") long id,
            @Schema(examples = "cai-cach-hanh-chinh") String slug,
            @Schema(examples = "Cải cách hành chính") String name) {
    }

    /** An image by URL, or from the media library with what responsive images and app placeholders need. */
    @Schema(name = "FeaturedImage", requiredProperties = {"url", "alt", "mediaId", "width", "height", "srcset", "placeholder"})
    public record FeaturedImage(
            @Schema(examples = "/api/v1/media/12/file") String url,
            @Schema(nullable = true, examples = "Hội nghị triển khai công tác cải cách hành chính") String alt,
            @Schema(description = "The media item; null for an image given by URL", nullable = true, examples = "12") Long mediaId,
            @Schema(description = "Pixels; null for an image given by URL", nullable = true, examples = "4000") Integer width,
            @Schema(nullable = true, examples = "3000") Integer height,
            @Schema(description = "WebP variants for <img srcset>, narrowest first; null for an image given by URL", nullable = true)
            List<vn.cms.media.MediaImages.Source> srcset,
            @Schema(description = "A 16-pixel-wide JPEG data URI to show while the image loads; null for an image given by URL",
                    nullable = true, examples = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAgAAAQABAAD…")
            String placeholder) {

        /** An image given by URL: nothing more is known of it. */
        public static FeaturedImage of(String url, String alt) {
            return new FeaturedImage(url, alt, null, null, null, null, null);
        }

        public static FeaturedImage of(vn.cms.media.MediaImages.Responsive image, String alt) {
            return new FeaturedImage(image.url(), alt, image.mediaId(), image.width(), image.height(), image.srcset(),
                    image.placeholder());
        }
    }
}
