package vn.cms.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the accounts API. */
public final class AuthRecords {

    private AuthRecords() {
    }

    @Schema(name = "TokenRequest")
    public record TokenRequest(
            @Schema(examples = "bientap") @NotBlank @Size(max = 100) String username,
            @Schema(examples = "mật-khẩu-dài") @NotBlank @Size(max = 200) String password) {
    }

    @Schema(name = "AccessToken", requiredProperties = {"accessToken", "tokenType", "expiresIn"})
    public record AccessToken(
            @Schema(description = "Signed JWT (RS256) to send as Authorization: Bearer") String accessToken,
            @Schema(examples = "Bearer") String tokenType,
            @Schema(description = "Seconds until the token expires", examples = "3600") long expiresIn) {
    }

    @Schema(name = "NewUser")
    public record NewUser(
            @Schema(examples = "quoc.tuan", description = "3–100 of a-z 0-9 . _ - @; stored in lower case")
            @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{3,100}", message = "must be 3–100 letters, digits or . _ - @")
            String username,
            @Schema(examples = "một mật khẩu dài") @NotNull @Size(min = 10, max = 200) String password,
            @Schema(examples = "Quốc Tuấn") @NotBlank @Size(max = 200) String displayName,
            @Schema(examples = "[\"EDITOR\"]") @NotEmpty List<@NotNull Role> roles) {
    }

    @Schema(name = "User", requiredProperties = {"id", "username", "displayName", "roles", "disabled", "createdAt"})
    public record UserView(
            @Schema(examples = "2") long id,
            @Schema(examples = "quoc.tuan") String username,
            @Schema(examples = "Quốc Tuấn") String displayName,
            @Schema(examples = "[\"EDITOR\"]") List<Role> roles,
            @Schema(examples = "false") boolean disabled,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "NewApiToken")
    public record NewApiToken(
            @Schema(examples = "Nhập tin từ cổng cũ") @NotBlank @Size(max = 100) String name) {
    }

    @Schema(name = "ApiTokenCreated", requiredProperties = {"id", "name", "token", "createdAt"},
            description = "The secret is shown here once and never again")
    public record ApiTokenCreated(
            @Schema(examples = "1") long id,
            @Schema(examples = "Nhập tin từ cổng cũ") String name,
            @Schema(examples = "cms_Jx1f…") String token,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "ApiToken", requiredProperties = {"id", "name", "userId", "createdAt", "lastUsedAt", "revokedAt"})
    public record ApiTokenView(
            @Schema(examples = "1") long id,
            @Schema(examples = "Nhập tin từ cổng cũ") String name,
            @Schema(examples = "2") long userId,
            OffsetDateTime createdAt,
            @Schema(description = "null until it is first used", nullable = true) OffsetDateTime lastUsedAt,
            @Schema(description = "null while it works", nullable = true) OffsetDateTime revokedAt) {
    }
}
