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
            @Schema(examples = "mật-khẩu-dài", maxLength = PasswordText.MAX) @NotBlank @PasswordText(min = 1) String password) {
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
            @Schema(examples = "một mật khẩu dài", minLength = 8, maxLength = PasswordText.MAX,
                    description = "8–200 characters of any script, without NUL")
            @NotNull @PasswordText String password,
            @Schema(examples = "Quốc Tuấn") @NotBlank @Size(max = 200) String displayName,
            @Schema(examples = "[\"EDITOR\"]") @NotEmpty List<@NotNull Role> roles) {
    }

    /** What an administrator may change of an account (PATCH /users/{id}), as it is after the patch. */
    @Schema(name = "UserPatch")
    public record UserChanges(
            @Schema(examples = "Quốc Tuấn") @NotBlank @Size(max = 200) String displayName,
            @Schema(examples = "[\"EDITOR\", \"AUTHOR\"]") @NotEmpty List<@NotNull Role> roles) {
    }

    @Schema(name = "PasswordChange")
    public record PasswordChange(
            @Schema(examples = "mật khẩu cũ của tôi") @NotNull @PasswordText(min = 1) String currentPassword,
            @Schema(examples = "một mật khẩu mới, dài hơn", minLength = 8, maxLength = PasswordText.MAX,
                    description = "8–200 characters of any script, without NUL")
            @NotNull @PasswordText String newPassword) {
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
            @Schema(examples = "Xem trước bản nháp") @NotBlank @Size(max = 100) String name,
            @Schema(description = "read: reads only (drafts included); write (default): the owner's rights",
                    defaultValue = "write", nullable = true)
            TokenScope scope,
            @Schema(description = "When the token stops working; in the future. Null: never", nullable = true)
            OffsetDateTime expiresAt,
            @Schema(description = "The account's password; needed unless the access token was issued within cms.auth.fresh-login",
                    nullable = true, maxLength = PasswordText.MAX)
            @PasswordText(min = 1) String password) {
    }

    @Schema(name = "ApiTokenCreated", requiredProperties = {"id", "name", "token", "createdAt"},
            description = "The secret is shown here once and never again")
    public record ApiTokenCreated(
            @Schema(examples = "1") long id,
            @Schema(examples = "Xem trước bản nháp") String name,
            @Schema(examples = "cms_Jx1f…") String token,
            TokenScope scope,
            @Schema(nullable = true) OffsetDateTime expiresAt,
            OffsetDateTime createdAt) {
    }

    @Schema(name = "ApiToken", requiredProperties = {"id", "name", "userId", "createdAt", "lastUsedAt", "revokedAt"})
    public record ApiTokenView(
            @Schema(examples = "1") long id,
            @Schema(examples = "Xem trước bản nháp") String name,
            @Schema(examples = "2") long userId,
            TokenScope scope,
            @Schema(nullable = true) OffsetDateTime expiresAt,
            OffsetDateTime createdAt,
            @Schema(description = "null until it is first used", nullable = true) OffsetDateTime lastUsedAt,
            @Schema(description = "null while it works", nullable = true) OffsetDateTime revokedAt) {
    }
}
