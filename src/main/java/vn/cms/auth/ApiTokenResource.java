package vn.cms.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import io.vertx.core.http.HttpServerRequest;
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
import vn.cms.auth.AuthRecords.ApiTokenCreated;
import vn.cms.auth.AuthRecords.ApiTokenView;
import vn.cms.auth.AuthRecords.NewApiToken;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.ClientAddress;
import vn.cms.common.web.Items;
import vn.cms.common.web.PathIds;

@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "Accounts")
@APIResponse(responseCode = "401", ref = "Unauthorized")
public class ApiTokenResource {

    private final ApiTokens tokens;
    private final PublicUrls urls;
    private final ClientAddress clientAddress;

    ApiTokenResource(ApiTokens tokens, PublicUrls urls, ClientAddress clientAddress) {
        this.tokens = tokens;
        this.urls = urls;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token", description = """
            Roles: ADMIN, EDITOR, AUTHOR. A long-lived token for a machine client (an import script,
            a build server, a frontend's draft preview). `scope` `write` (default) acts with the
            caller's roles; `read` reads everything the caller may read, drafts included, and any
            write with it is 403. After `expiresAt` (optional, in the future) it is 401.
            Needs an access token issued within `cms.auth.fresh-login` (default 10 minutes) or the
            account's `password` (403 otherwise, or when the password is wrong; wrong passwords are
            throttled like logins, 429); an API token cannot create one (403). At most
            `cms.auth.max-api-tokens` live tokens per account (409). The secret is in this answer
            only (`Cache-Control: no-store`); only its hash is kept.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiToken.class),
            examples = {
                    @ExampleObject(name = "import", value = "{\"name\": \"Nhập tin từ cổng cũ\"}"),
                    @ExampleObject(name = "preview", value = """
                            {"name": "Xem trước bản nháp", "scope": "read", "expiresAt": "2027-06-30T23:59:59+07:00"}""")}))
    @APIResponse(responseCode = "201", description = "Created, with the secret",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenCreated.class),
                    examples = @ExampleObject(name = "created", value = """
                            {"id": 1, "name": "Xem trước bản nháp", "token": "cms_Jx1f…", "scope": "read",
                             "expiresAt": "2027-06-30T23:59:59+07:00", "createdAt": "2026-11-25T19:00:00+07:00"}""")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response create(@Valid @NotNull NewApiToken request, @Context HttpServerRequest http) {
        ApiTokenCreated created = tokens.create(request, clientAddress.of(http));
        return urls.created("/api/v1/tokens/" + created.id()).entity(created)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Operation(summary = "List API tokens", description = "Roles: ADMIN (every account's), EDITOR and AUTHOR (their own). Secrets are never shown again.")
    @APIResponse(responseCode = "200", description = "The tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenList.class)))
    public Items<ApiTokenView> list() {
        return new Items<>(tokens.list());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API token", description = "Roles: its owner, or ADMIN. It stops working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void revoke(@Parameter(description = "Token id", example = "1") @PathParam("id") String id) {
        tokens.revoke(PathIds.parse("id", id));
    }

    @Schema(name = "ApiTokenList", requiredProperties = "items")
    record TokenList(List<ApiTokenView> items) {
    }
}
