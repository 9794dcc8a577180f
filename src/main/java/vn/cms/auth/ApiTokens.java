package vn.cms.auth;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Sha256;
import vn.cms.common.web.ApiException;

/** API tokens: created by any account for itself, listed, and revoked by their owner or an ADMIN. */
@ApplicationScoped
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CurrentUser currentUser;
    private final Clock clock;
    private final ZoneId zone;

    ApiTokens(CurrentUser currentUser, Clock clock, CmsConfig config) {
        this.currentUser = currentUser;
        this.clock = clock;
        this.zone = config.site().timezone();
    }

    static String hash(String secret) {
        return HexFormat.of().formatHex(Sha256.of(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Transactional
    public ApiTokenCreated create(String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = ApiTokenMechanism.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiToken token = new ApiToken();
        token.userId = currentUser.id();
        token.name = name.strip();
        token.tokenHash = hash(secret);
        token.createdAt = Instant.now(clock);
        token.persist();
        return new ApiTokenCreated(token.id, token.name, secret, at(token.createdAt));
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
        return new ApiTokenView(token.id, token.name, token.userId, at(token.createdAt), at(token.lastUsedAt),
                at(token.revokedAt));
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
