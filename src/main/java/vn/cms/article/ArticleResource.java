package vn.cms.article;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.CurrentUser;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Highlights;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.PathIds;
import vn.cms.common.web.PublicUrls;

@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Articles")
public class ArticleResource {

    private final ArticleQueries articles;
    private final ArticleSearch search;
    private final CurrentUser user;
    private final CmsConfig config;
    private final ObjectMapper json;
    private final PublicUrls urls;

    ArticleResource(ArticleQueries articles, ArticleSearch search, CurrentUser user, CmsConfig config, ObjectMapper json,
                    PublicUrls urls) {
        this.urls = urls;
        this.articles = articles;
        this.search = search;
        this.user = user;
        this.config = config;
        this.json = json;
    }

    @GET
    @Operation(summary = "List public articles",
            description = """
                    Published articles whose publishedAt has come, newest first unless `sort` says otherwise.
                    Page with `page` and `size`, or walk with `cursor` from `nextCursor` (same order, no
                    deep-offset cost; `page` × `size` may reach item 10,000, further only by cursor).
                    The `Link` header carries `rel="next"` and `rel="prev"`. Unknown, repeated or invalid
                    parameters answer 400 naming each one. Public, no credentials.""")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = """
            Search, at most 200 characters: every word must occur in the title, summary, body text,
            author or tags, regardless of tones, đ/d, case and Unicode form; "quoted words" must occur
            as a phrase. Sorts by relevance unless `sort` says otherwise; each item adds `highlight`
            {title, summary} with the matched words in <mark> and the rest HTML-escaped. A short
            query that finds nothing finds titles with similar words instead (typos).""",
            schema = @Schema(type = SchemaType.STRING), example = "cai cach hanh chinh")
    @Parameter(name = "section", in = ParameterIn.QUERY, description = "Section slug; includes its subsections",
            schema = @Schema(type = SchemaType.STRING), example = "cai-cach-hanh-chinh")
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "Only articles with this tag",
            schema = @Schema(type = SchemaType.STRING), example = "CCHC")
    @Parameter(name = "author", in = ParameterIn.QUERY, description = "Only articles by this author",
            schema = @Schema(type = SchemaType.STRING), example = "Quốc Tuấn")
    @Parameter(name = "from", in = ParameterIn.QUERY,
            description = "Published at or after: a date (whole day in the site time zone) or a date-time with offset",
            schema = @Schema(type = SchemaType.STRING), example = "2017-03-01")
    @Parameter(name = "to", in = ParameterIn.QUERY,
            description = "Published at or before: a date (whole day in the site time zone) or a date-time with offset",
            schema = @Schema(type = SchemaType.STRING), example = "2017-03-31")
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Order of the items",
            schema = @Schema(enumeration = {"relevance", "-publishedAt", "publishedAt", "-viewCount"},
                    defaultValue = "-publishedAt; relevance with q"))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number from 1; not with `cursor`",
            schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", defaultValue = "1"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Items per page",
            schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Opaque `nextCursor` of the previous page",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "fields", in = ParameterIn.QUERY,
            description = "Comma-separated ArticleSummary fields to return",
            schema = @Schema(type = SchemaType.STRING), example = "id,slug,title,publishedAt")
    @Parameter(name = "status", in = ParameterIn.QUERY, description = """
            Editorial list of articles in this status (credentials required: ADMIN and EDITOR see all,
            an AUTHOR their own). Drafts without a publication time sort by their last edit.""",
            schema = @Schema(enumeration = {"DRAFT", "SCHEDULED", "PUBLISHED"}))
    @APIResponse(responseCode = "200", description = "One page of articles",
            headers = @Header(name = "Link", description = "RFC 8288 links with rel=\"next\" and rel=\"prev\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticlePage.class),
                    examples = @ExampleObject(name = "page", value = ArticleExamples.PAGE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @ReadsQueryParameters
    public Response list(@Context UriInfo uri) {
        ArticleListQuery query = ArticleListQuery.parse(uri.getQueryParameters(), config.site().timezone());
        if (query.status() != null && user.isAnonymous()) {
            throw ApiException.unauthorized("Listing by status is editorial: send Authorization: Bearer <token>");
        }
        Long owner = query.status() == null || user.isAnonymous() || user.editsAllContent() ? null : user.id();
        ArticleQueries.Page page = query.q() == null ? articles.list(query, owner) : search.list(query, owner);
        Set<String> terms = query.q() == null ? null : Highlights.terms(query.q());
        List<?> items = query.fields() == null && terms == null ? page.items() : page.items().stream().map(item -> {
            ArticleListItem.Highlight highlight = terms == null ? null : new ArticleListItem.Highlight(
                    Highlights.mark(item.title(), terms), Highlights.mark(item.summary(), terms));
            ObjectNode node = json.valueToTree(new ArticleListItem(item, highlight));
            if (query.fields() != null) {
                node.retain(query.fields());
                if (highlight != null) {
                    node.set("highlight", json.valueToTree(highlight));
                }
            }
            return node;
        }).toList();
        long totalPages = (page.totalItems() + query.size() - 1) / query.size();
        ArticlePage body = new ArticlePage(items, query.page(), query.size(), page.totalItems(), totalPages,
                page.nextCursor());
        return Response.ok(body).links(links(urls.request(uri), query, page.nextCursor())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an article by id", description = """
            Public, no credentials: only a published article whose time has come. With credentials
            (ADMIN, EDITOR; an AUTHOR for their own articles) any live article, with its `status` and
            an ETag `"v<version>"` to send back as If-Match.""")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {ArticleDetail.class, EditorialArticle.class}),
                    examples = @ExampleObject(name = "article", value = ArticleExamples.ONE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response byId(@Parameter(description = "Article id, a positive whole number", example = "1")
                         @PathParam("id") String id) {
        long articleId = PathIds.parse("id", id);
        if (!user.isAnonymous()) {
            var editorial = articles.editorial(articleId, user.editsAllContent() ? null : user.id());
            if (editorial.isPresent()) {
                return ArticleAdminResource.withEtag(Response.ok(), editorial.get());
            }
        }
        return Response.ok(articles.byId(articleId)
                .orElseThrow(() -> ApiException.notFound("No public article has the id " + articleId))).build();
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a public article by slug", description = "Public, no credentials. An old slug of a renamed article answers 301 to the current one.")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ArticleDetail.class),
                    examples = @ExampleObject(name = "article", value = ArticleExamples.ONE)))
    @APIResponse(responseCode = "301", description = "The article was renamed; Location has its current slug",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Response bySlug(@Parameter(description = "Article slug",
            example = "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017")
                           @PathParam("slug") String slug) {
        var article = articles.bySlug(slug);
        if (article.isPresent()) {
            return Response.ok(article.get()).build();
        }
        return articles.renamedSlug(slug)
                .map(current -> urls.movedPermanently("/api/v1/articles/slug/" + current).build())
                .orElseThrow(() -> ApiException.notFound("No public article has the slug '" + slug + "'"));
    }

    /**
     * next: the following page by number while that stays within the page depth limit,
     * otherwise by cursor; prev: the preceding page by number (cursor walks go forward only).
     */
    private static Link[] links(UriBuilder request, ArticleListQuery query, String nextCursor) {
        List<Link> links = new ArrayList<>();
        Integer page = query.page();
        if (nextCursor != null) {
            UriBuilder next = request.clone();
            if (page != null && (long) (page + 1) * query.size() <= ArticleListQuery.MAX_PAGE_DEPTH) {
                next.replaceQueryParam("page", page + 1);
            } else {
                next.replaceQueryParam("page").replaceQueryParam("cursor", nextCursor);
            }
            links.add(Link.fromUriBuilder(next).rel("next").build());
        }
        if (page != null && page > 1) {
            links.add(Link.fromUriBuilder(request.clone().replaceQueryParam("page", page - 1))
                    .rel("prev").build());
        }
        return links.toArray(Link[]::new);
    }
}
