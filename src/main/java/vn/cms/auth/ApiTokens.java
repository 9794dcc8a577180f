package vn.cms.auth;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import vn.cms.auth.AuthRecords.ApiTokenCreated;
import vn.cms.auth.AuthRecords.ApiTokenView;
import vn.cms.auth.AuthRecords.NewApiToken;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Sha256;
import vn.cms.common.web.ApiException;

/**
 * API tokens: created by any account for itself (after a fresh login or with its password, and
 * up to {@code cms.auth.max-api-tokens} live ones), listed, and revoked by their owner or an ADMIN.
 */
@ApplicationScoped
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Far beyond any use, and within what PostgreSQL stores. */
    private static final Instant LATEST_EXPIRY = Instant.parse("+10000-01-01T00:00:00Z");

    private final CurrentUser currentUser;
    private final Accounts accounts;
    private final Clock clock;
    private final ZoneId zone;
    private final CmsConfig.Auth config;

    ApiTokens(CurrentUser currentUser, Accounts accounts, Clock clock, CmsConfig config) {
        this.currentUser = currentUser;
        this.accounts = accounts;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.config = config.auth();
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(Sha256.of(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Transactional
    public ApiTokenCreated create(NewApiToken request, String clientAddress) {
        Instant now = Instant.now(clock);
        Credential credential = currentUser.credential();
        if (credential.isApiToken()) {
            throw ApiException.forbidden("An API token cannot create API tokens; log in with your password");
        }
        if (request.expiresAt() != null && !request.expiresAt().toInstant().isAfter(now)) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        if (request.expiresAt() != null && !request.expiresAt().toInstant().isBefore(LATEST_EXPIRY)) {
            throw ApiException.invalid("expiresAt", "must be before the year 10000");
        }
        // Locked, so that parallel requests cannot each see room for one more token.
        User owner = User.findById(currentUser.id(), LockModeType.PESSIMISTIC_WRITE);
        if (request.password() != null) {
            accounts.confirmPassword(owner, request.password(), clientAddress);
        } else if (!credential.issuedAt().plus(config.freshLogin()).isAfter(now)) {
            throw ApiException.forbidden("Creating an API token needs a login within the last "
                    + config.freshLogin().toMinutes() + " minutes, or your password in 'password'");
        }
        long live = ApiToken.count("userId = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)", owner.id, now);
        if (live >= config.maxApiTokens()) {
            throw ApiException.conflict("You already have " + live + " live API tokens, the most allowed; revoke one first");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = ApiTokenMechanism.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken();
        token.userId = owner.id;
        token.name = request.name().strip();
        token.tokenHash = hash(secret);
        token.scope = request.scope() == null ? TokenScope.write : request.scope();
        token.expiresAt = request.expiresAt() == null ? null : request.expiresAt().toInstant();
        token.createdAt = now;
        token.persist();
        return new ApiTokenCreated(token.id, token.name, secret, token.scope, at(token.expiresAt), at(token.createdAt));
    }

    /** The caller's own tokens; an ADMIN sees every account's. */
    public List<ApiTokenView> list() {
        List<ApiToken> tokens = currentUser.has(Role.ADMIN)
                ? ApiToken.listAll(Sort.by("id"))
                : ApiToken.list("userId", Sort.by("id"), currentUser.id());
        return tokens.stream().map(this::view).toList();
    }

    @Transactional
    public void revoke(long id) {
        ApiToken token = ApiToken.<ApiToken>findByIdOptional(id)
                .filter(t -> t.userId == currentUser.id() || currentUser.has(Role.ADMIN))
                .orElseThrow(() -> ApiException.notFound("You have no API token with the id " + id));
        if (token.revokedAt == null) {
            token.revokedAt = Instant.now(clock);
        }
    }

    private ApiTokenView view(ApiToken token) {
        return new ApiTokenView(token.id, token.name, token.userId, token.scope, at(token.expiresAt),
                at(token.createdAt), at(token.lastUsedAt), at(token.revokedAt));
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
