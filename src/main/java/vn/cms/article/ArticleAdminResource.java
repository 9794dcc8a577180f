package vn.cms.article;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.CurrentUser;
import vn.cms.auth.Role;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.Items;
import vn.cms.common.web.JsonBodies;
import vn.cms.common.web.PathIds;
import vn.cms.common.web.Preconditions;

/** The editorial side of articles: writing, publishing, deleting and their history. */
@Path("/api/v1/articles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "Articles")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ArticleAdminResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String ETAG_DESCRIPTION = "\"v<version>\": send it back as If-Match with the next write";

    private final ArticleEditor editor;
    private final ArticleQueries queries;
    private final ArticleRevisions revisions;
    private final CurrentUser user;
    private final PublicUrls urls;

    ArticleAdminResource(ArticleEditor editor, ArticleQueries queries, ArticleRevisions revisions, CurrentUser user,
                         PublicUrls urls) {
        this.urls = urls;
        this.editor = editor;
        this.queries = queries;
        this.revisions = revisions;
        this.user = user;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an article", description = """
            Roles: ADMIN, EDITOR, AUTHOR (an AUTHOR only drafts). Status is DRAFT unless given. A missing slug
            is made from the title (tones removed, đ → d) and made unique with -2, -3…; a slug the client
            chose that is taken is 409. The body HTML is sanitised; all text is stored in NFC.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleInput.class),
            examples = @ExampleObject(name = "draft", value = ArticleExamples.INPUT)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditorialArticle.class),
                    examples = @ExampleObject(name = "article", value = ArticleExamples.EDITORIAL)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@Valid @NotNull ArticleInput input) {
        EditorialArticle article = editor.create(input);
        return withEtag(urls.created("/api/v1/articles/" + article.article().overview().id()), article);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an article", description = """
            Roles: ADMIN, EDITOR, or the AUTHOR of a draft. Every writable field is replaced; a missing slug
            keeps the current one. Needs If-Match with the ETag (412 when stale) or `version` in the body
            (409 when stale); with neither, 428. Renaming a published article keeps its old slug resolving.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleInput.class),
            examples = @ExampleObject(name = "article", value = ArticleExamples.INPUT)))
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditorialArticle.class),
                    examples = @ExampleObject(name = "article", value = ArticleExamples.EDITORIAL)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                            @Parameter(description = "ETag of the version edited", example = "\"v3\"")
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull ArticleInput input) {
        return withEtag(Response.ok(), editor.replace(PathIds.parse("id", id), ifMatch, input));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change some fields of an article", description = """
            JSON Merge Patch (RFC 7396) on the writable fields: members given replace, null removes.
            Roles and preconditions as for PUT.""")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ArticleInput.class),
            examples = @ExampleObject(name = "retitle", value = "{\"title\": \"Đẩy mạnh cải cách hành chính năm 2017\", \"tags\": [\"CCHC\"]}")))
    @APIResponse(responseCode = "200", description = "Saved",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditorialArticle.class),
                    examples = @ExampleObject(name = "article", value = ArticleExamples.EDITORIAL)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response patch(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                          @Parameter(description = "ETag of the version edited", example = "\"v3\"")
                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          byte[] patch) {
        return withEtag(Response.ok(), editor.patch(PathIds.parse("id", id), ifMatch, JsonBodies.tree(patch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an article", description = """
            Roles: ADMIN, EDITOR. The article disappears everywhere; a tombstone stays with its deletion time.
            Needs If-Match, or a body {"version": n}; with neither, 428.""")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public void delete(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                       @Parameter(description = "ETag of the version deleted", example = "\"v3\"")
                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                       byte[] body) {
        VersionBody versionBody = JsonBodies.optional(body, VersionBody.class);
        Long version = versionBody == null ? null : versionBody.version();
        editor.delete(PathIds.parse("id", id), ifMatch, version);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish or schedule an article", description = """
            Roles: ADMIN, EDITOR. Without `publishAt`, publishes now (an article already public keeps its
            time); with a future `publishAt` the article is SCHEDULED and appears publicly at that instant
            by itself. If-Match is optional; when sent it must hold.""")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PublishRequest.class),
            examples = @ExampleObject(name = "schedule", value = "{\"publishAt\": \"2026-12-01T07:00:00+07:00\"}")))
    @APIResponse(responseCode = "200", description = "PUBLISHED or SCHEDULED",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditorialArticle.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response publish(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            byte[] body) {
        PublishRequest request = JsonBodies.optional(body, PublishRequest.class);
        OffsetDateTime publishAt = request == null ? null : request.publishAt();
        return withEtag(Response.ok(), editor.publish(PathIds.parse("id", id), ifMatch, publishAt));
    }

    @POST
    @Path("/{id}/unpublish")
    @Operation(summary = "Unpublish an article", description = "Roles: ADMIN, EDITOR. Back to DRAFT; If-Match optional.")
    @APIResponse(responseCode = "200", description = "DRAFT",
            headers = @Header(name = "ETag", description = ETAG_DESCRIPTION, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EditorialArticle.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response unpublish(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(Response.ok(), editor.unpublish(PathIds.parse("id", id), ifMatch));
    }

    @GET
    @Path("/{id}/revisions")
    @Operation(summary = "List an article's saved versions", description = "Roles: ADMIN, EDITOR, or the article's AUTHOR. Newest first; summary and body are omitted (null).")
    @APIResponse(responseCode = "200", description = "Every saved version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RevisionList.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Items<ArticleRevisionView> revisions(@Parameter(description = "Article id", example = "1") @PathParam("id") String id) {
        return new Items<>(revisions.list(visible(PathIds.parse("id", id))));
    }

    @GET
    @Path("/{id}/revisions/{version}")
    @Operation(summary = "Get one saved version of an article", description = "Roles: ADMIN, EDITOR, or the article's AUTHOR.")
    @APIResponse(responseCode = "200", description = "The article as that save left it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ArticleRevisionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public ArticleRevisionView revision(@Parameter(description = "Article id", example = "1") @PathParam("id") String id,
                                       @Parameter(description = "Version", example = "2") @PathParam("version") String version) {
        long articleId = visible(PathIds.parse("id", id));
        long number = PathIds.parse("version", version);
        return revisions.one(articleId, number)
                .orElseThrow(() -> ApiException.notFound("Article " + articleId + " has no version " + number));
    }

    /** The id of a live article this account may see the history of. */
    private long visible(long id) {
        return queries.editorial(id, user.editsAllContent() ? null : user.id())
                .map(a -> id)
                .orElseThrow(() -> ApiException.notFound("No article has the id " + id));
    }

    static Response withEtag(Response.ResponseBuilder response, EditorialArticle article) {
        return response.header(HttpHeaders.ETAG, Preconditions.etag(article.article().version()))
                .entity(article).build();
    }

    @Schema(name = "PublishRequest")
    record PublishRequest(
            @Schema(description = "When to appear publicly; now when absent", examples = "2026-12-01T07:00:00+07:00")
            OffsetDateTime publishAt) {
    }

    record VersionBody(Long version) {
    }

    @Schema(name = "ArticleRevisionList", requiredProperties = "items")
    record RevisionList(List<ArticleRevisionView> items) {
    }
}
