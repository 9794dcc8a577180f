package vn.cms.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import vn.cms.common.web.QueryParameters;
import vn.cms.feed.FeedQueries.FeedArticle;
import vn.cms.section.SectionQueries.SectionName;

/**
 * The newest public articles as feeds, of the whole portal or of a section's subtree. No
 * {@code @Produces}: a feed reader's Accept header, whatever it says, gets the feed.
 */
@Path("/api/v1/feeds")
@Tag(name = "Feeds and sitemaps")
public class FeedResource {

    private static final Set<String> PARAMETERS = Set.of("section");

    private final FeedQueries queries;
    private final Feeds feeds;
    private final SiteLinks links;
    private final CmsConfig config;

    FeedResource(FeedQueries queries, Feeds feeds, SiteLinks links, CmsConfig config) {
        this.queries = queries;
        this.feeds = feeds;
        this.links = links;
        this.config = config;
    }

    @GET
    @Path("/rss")
    @Operation(summary = "RSS 2.0 feed of the newest articles", description = """
            The newest `cms.feeds.size` (default 20) public articles, newest first: title, link
            (`cms.site.url` + `cms.site.article-path`), summary as `description`, the sanitised body as
            `content:encoded`, author as `dc:creator`, section as `category`, the featured image as
            `enclosure`, `pubDate` in the site time zone, and a `guid` (a tag: URI of the article id) that
            stays when the title, slug or section changes. Public, no credentials.""")
    @Parameter(name = "section", in = ParameterIn.QUERY, description = "Section slug; includes its subsections",
            example = "cai-cach-hanh-chinh", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = "application/rss+xml",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "rss", value = FeedExamples.RSS)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @ReadsQueryParameters
    public Response rss(@Context UriInfo uri) {
        return feed(uri, "rss", Feeds.RSS, feeds::rss);
    }

    @GET
    @Path("/atom")
    @Operation(summary = "Atom 1.0 feed of the newest articles", description = """
            The same articles as the RSS feed: summary as `summary`, the sanitised body as `content`
            (type html), the featured image as `link rel="enclosure"`, `published` and `updated` in the site
            time zone, `id` a tag: URI of the article id. Public, no credentials.""")
    @Parameter(name = "section", in = ParameterIn.QUERY, description = "Section slug; includes its subsections",
            example = "cai-cach-hanh-chinh", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = "application/atom+xml",
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "atom", value = FeedExamples.ATOM)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @ReadsQueryParameters
    public Response atom(@Context UriInfo uri) {
        return feed(uri, "atom", Feeds.ATOM, feeds::atom);
    }

    @GET
    @Path("/json")
    @Operation(summary = "JSON Feed 1.1 of the newest articles", description = """
            The same articles as the RSS feed in JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `id` (a tag:
            URI), `url`, `title`, `content_html` (the sanitised body), `summary`, `image`, `date_published`,
            `date_modified`, `authors` and the section name in `tags`. Members without a value are left out, as
            JSON Feed expects. Public, no credentials.""")
    @Parameter(name = "section", in = ParameterIn.QUERY, description = "Section slug; includes its subsections",
            example = "cai-cach-hanh-chinh", schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The feed", content = @Content(mediaType = "application/feed+json",
            schema = @Schema(type = SchemaType.OBJECT),
            examples = @ExampleObject(name = "json", value = FeedExamples.JSON)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @ReadsQueryParameters
    public Response json(@Context UriInfo uri) {
        return feed(uri, "json", Feeds.JSON_FEED, feeds::json);
    }

    private Response feed(UriInfo uri, String format, String contentType,
                          BiFunction<Feeds.Channel, List<FeedArticle>, byte[]> write) {
        QueryParameters parameters = new QueryParameters(uri.getQueryParameters(), PARAMETERS);
        String section = parameters.text("section");
        parameters.throwIfInvalid();
        String self = links.api("/api/v1/feeds/" + format);
        Feeds.Channel channel;
        if (section == null) {
            channel = new Feeds.Channel(config.site().name(), links.home(), self);
        } else {
            SectionName view = queries.section(section)
                    .orElseThrow(() -> ApiException.notFound("No section has the slug '" + section + "'"));
            channel = new Feeds.Channel(config.site().name() + " – " + view.name(), links.section(view.slug()),
                    self + "?section=" + URLEncoder.encode(view.slug(), StandardCharsets.UTF_8));
        }
        byte[] body = write.apply(channel, queries.newest(section, config.feeds().size()));
        return Response.ok(body).header("Content-Type", contentType).build();
    }
}
