package vn.cms.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.AuthRecords.AccessToken;
import vn.cms.auth.AuthRecords.TokenRequest;
import vn.cms.common.web.ClientAddress;

@Path("/api/v1/auth/token")
@Tag(name = "Accounts")
public class AuthResource {

    private final Accounts accounts;
    private final ClientAddress clientAddress;

    AuthResource(Accounts accounts, ClientAddress clientAddress) {
        this.accounts = accounts;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = """
            Exchanges a username and password for a signed access token (JWT, RS256) to send as
            `Authorization: Bearer`. No credentials needed. Failed attempts are limited per username
            and client address (429 with Retry-After); past as many failures for a username from all
            addresses together, each further attempt waits a delay that doubles with every failure
            (429 with a short Retry-After), after which the right password logs in from anywhere.
            The answer is `Cache-Control: no-store`.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TokenRequest.class),
            examples = @ExampleObject(name = "login", value = "{\"username\": \"bientap\", \"password\": \"mật-khẩu-dài-của-tôi\"}")))
    @APIResponse(responseCode = "200", description = "An access token",
            headers = @Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessToken.class),
                    examples = @ExampleObject(name = "token",
                            value = "{\"accessToken\": \"eyJhbGciOiJSUzI1NiJ9…\", \"tokenType\": \"Bearer\", \"expiresIn\": 3600}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public Response token(@Valid @NotNull TokenRequest request, @Context HttpServerRequest http) {
        AccessToken token = accounts.login(request.username(), request.password(), clientAddress.of(http));
        return Response.ok(token).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
