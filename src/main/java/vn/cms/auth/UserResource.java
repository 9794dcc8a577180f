package vn.cms.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.AuthRecords.NewUser;
import vn.cms.auth.AuthRecords.PasswordChange;
import vn.cms.auth.AuthRecords.UserChanges;
import vn.cms.auth.AuthRecords.UserView;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.ClientAddress;
import vn.cms.common.web.Items;
import vn.cms.common.web.JsonBodies;
import vn.cms.common.web.PathIds;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.ADMIN)
@SecurityRequirement(name = "bearer")
@Tag(name = "Accounts")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class UserResource {

    private static final String USER_EXAMPLE = """
            {"id": 2, "username": "quoc.tuan", "displayName": "Quốc Tuấn", "roles": ["EDITOR"], "disabled": false,
             "createdAt": "2026-11-25T19:00:00+07:00"}""";

    private final Accounts accounts;
    private final PublicUrls urls;
    private final CurrentUser currentUser;
    private final ClientAddress clientAddress;

    UserResource(Accounts accounts, PublicUrls urls, CurrentUser currentUser, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.urls = urls;
        this.currentUser = currentUser;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account", description = """
            Role: ADMIN. Usernames are stored in lower case. Passwords are 8 to 200 characters of any
            script, without NUL.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewUser.class),
            examples = @ExampleObject(name = "editor", value = """
                    {"username": "quoc.tuan", "password": "một mật khẩu dài", "displayName": "Quốc Tuấn", "roles": ["EDITOR"]}""")))
    @APIResponse(responseCode = "201", description = "Created; Location names the account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@Valid @NotNull NewUser request) {
        UserView user = accounts.create(request);
        return urls.created("/api/v1/users/" + user.id()).entity(user).build();
    }

    @GET
    @Operation(summary = "List accounts", description = "Role: ADMIN.")
    @APIResponse(responseCode = "200", description = "Every account, by id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserList.class)))
    public Items<UserView> list() {
        return new Items<>(accounts.list());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an account", description = "Role: ADMIN.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public UserView get(@Parameter(description = "Account id", example = "2") @PathParam("id") String id) {
        return accounts.get(PathIds.parse("id", id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Change an account", description = """
            Role: ADMIN. JSON Merge Patch (RFC 7396) of `displayName` and `roles`. A change of roles
            ends the account's access tokens issued before it (401; it logs in again). The last
            enabled ADMIN cannot lose ADMIN (409).""")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = UserChanges.class),
            examples = @ExampleObject(name = "promote", value = "{\"displayName\": \"Trưởng ban biên tập\", \"roles\": [\"EDITOR\", \"ADMIN\"]}")))
    @APIResponse(responseCode = "200", description = "The account, changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = USER_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public UserView patch(@Parameter(description = "Account id", example = "2") @PathParam("id") String id, byte[] patch) {
        return accounts.patch(PathIds.parse("id", id), JsonBodies.tree(patch));
    }

    @POST
    @Path("/me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
    @Operation(summary = "Change your own password", description = """
            Roles: any account, for itself. `newPassword` is 8 to 200 characters of any script. A wrong
            `currentPassword` is 403 (wrong passwords are throttled like logins: 429). Access tokens
            issued before the change stop working (401; log in again); API tokens stay until revoked.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PasswordChange.class),
            examples = @ExampleObject(name = "change", value = """
                    {"currentPassword": "một mật khẩu dài", "newPassword": "mật khẩu mới của tòa soạn 2027"}""")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public void changeOwnPassword(@Valid @NotNull PasswordChange request, @Context HttpServerRequest http) {
        accounts.changePassword(currentUser.id(), request.currentPassword(), request.newPassword(), clientAddress.of(http));
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable an account",
            description = "Role: ADMIN. Its access and API tokens stop working at once (access tokens for good: after re-enabling it logs in again). The last enabled ADMIN cannot be disabled (409).")
    @APIResponse(responseCode = "200", description = "The account, disabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public UserView disable(@Parameter(description = "Account id", example = "2") @PathParam("id") String id) {
        return accounts.setDisabled(PathIds.parse("id", id), true);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a disabled account", description = "Role: ADMIN.")
    @APIResponse(responseCode = "200", description = "The account, enabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public UserView enable(@Parameter(description = "Account id", example = "2") @PathParam("id") String id) {
        return accounts.setDisabled(PathIds.parse("id", id), false);
    }

    @Schema(name = "UserList", requiredProperties = "items")
    record UserList(List<UserView> items) {
    }
}
