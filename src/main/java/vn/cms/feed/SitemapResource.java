package vn.cms.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.common.text.Sha256;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.PathIds;
import vn.cms.feed.FeedQueries.PageSummary;

/** Sitemaps for search engines; none of them takes a query parameter. */
@Path("/api/v1")
@Tag(name = "Feeds and sitemaps")
public class SitemapResource {

    private final Sitemaps sitemaps;
    private final SiteLinks links;

    SitemapResource(Sitemaps sitemaps, SiteLinks links) {
        this.sitemaps = sitemaps;
        this.links = links;
    }

    @GET
    @Path("/sitemap.xml")
    @Operation(summary = "Sitemap index", description = """
            A sitemaps.org index of `/api/v1/sitemaps/sections.xml` and of the articles pages
            `/api/v1/sitemaps/articles-{n}.xml`, each with its `lastmod`. Addresses start with `cms.api.url`
            (default `cms.site.url`). Public, no credentials.""")
    @APIResponse(responseCode = "200", description = "The index", content = @Content(mediaType = "application/xml",
            schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "index", value = FeedExamples.INDEX)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response index() {
        return xml(sitemaps.index());
    }

    @GET
    @Path("/sitemaps/sections.xml")
    @Operation(summary = "Sitemap of the section pages", description = """
            Every section's page (`cms.site.url` + `cms.site.section-path`), `lastmod` the section's last change.
            Public, no credentials.""")
    @APIResponse(responseCode = "200", description = "The sitemap", content = @Content(mediaType = "application/xml",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "sections", value = FeedExamples.SECTIONS)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response sections() {
        return xml(sitemaps.sections());
    }

    @GET
    @Path("/sitemaps/news.xml")
    @Operation(summary = "Google News sitemap", description = """
            The public articles published within the 48 hours before now (at most 1,000, newest first), with
            `news:publication` (`cms.site.name`, `cms.site.language`), `news:publication_date` in the site time
            zone and `news:title`. With no article in that window it lists the portal's home page alone, without
            news metadata: the sitemaps.org schema wants at least one `url`. Public, no credentials.""")
    @APIResponse(responseCode = "200", description = "The sitemap", content = @Content(mediaType = "application/xml",
            schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "news", value = FeedExamples.NEWS)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response news() {
        return xml(sitemaps.news());
    }

    @GET
    @Path("/sitemaps/articles-{page}.xml")
    @Operation(summary = "One page of the articles sitemap", description = """
            The public articles whose ids are in ((n - 1) * size, n * size], size `cms.sitemaps.page-size` (default
            and at most 50,000), in the order they were created: new articles fill the last page and an article
            never moves to another page. `lastmod` is the article's `updatedAt`. A page that holds no public
            article (past the last page, or all of its articles withdrawn): 404; the index lists the others.
            Written while it is read from the database; its ETag is weak. Public, no credentials.""")
    @APIResponse(responseCode = "200", description = "The sitemap page", content = @Content(mediaType = "application/xml",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "articles", value = FeedExamples.ARTICLES)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response articles(@Parameter(description = "Page number, a positive whole number", example = "1")
                             @PathParam("page") String page) {
        long number = PathIds.parse("page", page);
        PageSummary summary = (number > Integer.MAX_VALUE ? null : sitemaps.articlesPage((int) number).orElse(null));
        if (summary == null) {
            throw ApiException.notFound("The articles sitemap has no page " + number + "; its pages are listed in "
                    + Sitemaps.INDEX_PATH);
        }
        StreamingOutput body = out -> sitemaps.writeArticlesPage(summary, out);
        return Response.ok(body).header(HttpHeaders.CONTENT_TYPE, Sitemaps.XML).header(HttpHeaders.ETAG, etag(summary))
                .build();
    }

    /**
     * Weak: from what the page holds (which articles, their last change, the sections' last change,
     * which changes the section slug in URLs) and the addresses configured, not from its bytes.
     */
    private String etag(PageSummary page) {
        String state = page.size() + "/" + page.idSum() + "/" + page.lastModified() + "/"
                + page.sectionsModified() + "/" + links.article(0, "s", "s") + "/" + links.api("");
        byte[] digest = Sha256.of(state.getBytes(StandardCharsets.UTF_8));
        return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
    }


    private static Response xml(String body) {
        return Response.ok(body.getBytes(StandardCharsets.UTF_8)).header(HttpHeaders.CONTENT_TYPE, Sitemaps.XML).build();
    }
}
