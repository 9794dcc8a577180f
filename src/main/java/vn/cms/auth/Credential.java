package vn.cms.auth;

import java.time.Instant;

/**
 * What a request authenticated with: an access token (and when it was issued, for rules that
 * want a fresh login) or an API token (and its scope). An identity attribute.
 */
public record Credential(boolean isApiToken, TokenScope scope, Instant issuedAt) {

    static final String ATTRIBUTE = "cms.credential";

    static Credential accessToken(Instant issuedAt) {
        return new Credential(false, TokenScope.write, issuedAt);
    }

    static Credential apiToken(TokenScope scope) {
        return new Credential(true, scope, null);
    }
}
