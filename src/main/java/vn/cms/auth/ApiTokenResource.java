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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    ApiTokenResource(ApiTokens tokens, PublicUrls urls) {
        this.tokens = tokens;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token", description = """
            Roles: ADMIN, EDITOR, AUTHOR. A long-lived token for a machine client (an import script,
            a build server) that acts with the caller's roles. The secret is in this answer only;
            only its hash is kept.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiToken.class),
            examples = @ExampleObject(name = "token", value = "{\"name\": \"Nhập tin từ cổng cũ\"}")))
    @APIResponse(responseCode = "201", description = "Created, with the secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenCreated.class),
                    examples = @ExampleObject(name = "created", value = """
                            {"id": 1, "name": "Nhập tin từ cổng cũ", "token": "cms_Jx1f…", "createdAt": "2026-11-25T19:00:00+07:00"}""")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@Valid @NotNull NewApiToken request) {
        ApiTokenCreated created = tokens.create(request.name());
        return urls.created("/api/v1/tokens/" + created.id()).entity(created).build();
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
