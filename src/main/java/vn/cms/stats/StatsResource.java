package vn.cms.stats;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.article.ArticleExamples;
import vn.cms.article.ArticleSummary;
import vn.cms.common.web.ClientAddress;
import vn.cms.common.web.Items;

@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class StatsResource {

    private static final String STATS_EXAMPLE = """
            {"totalVisits": 41482202, "onlineNow": 59, "visitsToday": 12034, "visitsYesterday": 15873,
             "visitsThisWeek": 61240, "visitsThisMonth": 301552, "pageViews": 98211540,
             "since": "2017-01-01T00:00:00+07:00", "timezone": "Asia/Ho_Chi_Minh",
             "generatedAt": "2017-03-15T14:00:00+07:00"}""";

    private final HitIntake intake;
    private final StatsQueries stats;
    private final ClientAddress clientAddress;

    StatsResource(HitIntake intake, StatsQueries stats, ClientAddress clientAddress) {
        this.intake = intake;
        this.stats = stats;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/hits")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Record a page view", description = """
            Public, no credentials. Send one when a page is shown. `text/plain` is accepted too, for
            `navigator.sendBeacon` with a string body (no CORS preflight). Crawlers (by User-Agent, and
            requests without one) are answered 202 and not counted. At most `cms.stats.rate-limit-per-minute`
            hits a minute per visitor and per client address; more is 429. Counted within 2 seconds.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HitInput.class),
            examples = @ExampleObject(name = "article page", value = """
                    {"path": "/cai-cach-hanh-chinh/day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017",
                     "articleId": 1, "referrer": "https://www.google.com/", "visitorId": "6f1c2a7e-6a8e-4d43-9a39-1f6ad3c1b0a2"}""")))
    @APIResponse(responseCode = "202", description = "Accepted (counted unless sent by a crawler); no body")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public CompletionStage<Response> hit(byte[] body, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                                         @Context HttpServerRequest request) {
        return intake.accept(body, clientAddress.of(request), userAgent)
                .thenApply(counted -> Response.accepted().header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    @GET
    @Operation(summary = "Visit statistics of the site", description = """
            Public, no credentials: the numbers of a visitor counter. A visit is a run of hits by one
            visitor with gaps under 30 minutes; online means a hit in the last 5 minutes; days, weeks
            (Monday first) and months are those of the site time zone.""")
    @APIResponse(responseCode = "200", description = "The counter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SiteStats.class),
                    examples = @ExampleObject(name = "counter", value = STATS_EXAMPLE)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public SiteStats siteStats() {
        return stats.siteStats();
    }

    @GET
    @Path("/popular")
    @Operation(summary = "Most viewed articles", description = """
            Public, no credentials: published articles by page views in the period, most first (ties:
            newest id first); only articles viewed in the period are listed. Periods are calendar ones of
            the site time zone that end now: today, this week (from Monday), this month, or all time.""")
    @Parameter(name = "period", in = ParameterIn.QUERY, description = "day, week (default), month or all",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"day", "week", "month", "all"}, defaultValue = "week"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "How many, 1 to 100",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "10"))
    @Parameter(name = "section", in = ParameterIn.QUERY, description = "Section slug; includes its subsections",
            schema = @Schema(type = SchemaType.STRING), example = "cai-cach-hanh-chinh")
    @APIResponse(responseCode = "200", description = "The most viewed articles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PopularList.class),
                    examples = @ExampleObject(name = "popular", value = ArticleExamples.POPULAR)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @ReadsQueryParameters
    public Items<ArticleSummary> popular(@Context UriInfo uri) {
        return new Items<>(stats.popular(PopularQuery.parse(uri.getQueryParameters())));
    }

    /** Documents the shape of {@code {"items": [ArticleSummary]}}. */
    @Schema(name = "ArticleSummaryList", requiredProperties = "items")
    record PopularList(List<ArticleSummary> items) {
    }
}
