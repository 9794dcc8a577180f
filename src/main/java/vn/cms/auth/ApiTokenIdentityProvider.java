package vn.cms.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import vn.cms.auth.ApiTokenMechanism.ApiTokenRequest;
import vn.cms.common.db.Sql;

/** Finds the live (unrevoked, unexpired) token with this secret's hash and acts as its (enabled) owner, within its scope. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    private final Sql sql;
    private final Clock clock;

    ApiTokenIdentityProvider(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            record Holder(long tokenId, SecurityIdentity identity) {
            }
            Holder holder = sql.one("""
                            select t.id as token_id, t.scope, u.* from api_token t join app_user u on u.id = t.user_id
                            where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?)
                              and not u.disabled""",
                    List.of(ApiTokens.hash(request.secret), clock.instant()),
                    row -> new Holder(row.getLong("token_id"),
                            Accounts.identity(row, Credential.apiToken(TokenScope.valueOf(row.getString("scope"))))))
                    .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked API token"));
            // Recorded at most once a minute, so that a busy client does not write on every request.
            sql.update("""
                    update api_token set last_used_at = now()
                    where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""",
                    List.of(holder.tokenId()));
            return holder.identity();
        });
    }
}
