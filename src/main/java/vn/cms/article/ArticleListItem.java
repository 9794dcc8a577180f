package vn.cms.article;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An item of a page of articles: the summary, with the matched words when the page is a search. */
@Schema(name = "ArticleListItem",
        description = "An ArticleSummary; with `fields`, only the fields asked for; with `q`, plus `highlight`")
public record ArticleListItem(
        // Not called "summary": the generated schema would drop ArticleSummary.summary for it.
        @JsonUnwrapped ArticleSummary article,
        @Schema(description = "Only with `q`")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Highlight highlight) {

    /** Title and summary with the matched words in {@code <mark>} and everything else HTML-escaped. */
    @Schema(name = "Highlight", requiredProperties = {"title", "summary"})
    public record Highlight(
            @Schema(examples = "Đẩy mạnh tuyên truyền công tác <mark>cải cách</mark> hành chính") String title,
            @Schema(description = "null when the article has no summary", nullable = true,
                    examples = "Để công tác <mark>cải cách</mark> hành chính năm 2017 đạt được nhiều kết quả…")
            String summary) {
    }
}
