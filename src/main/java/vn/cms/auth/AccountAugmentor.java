package vn.cms.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.cms.common.db.Sql;

/**
 * Checks every access token against the account as it is now, found by its id (the token's
 * subject): a disabled account is refused, and so is a token issued before the account's last
 * password, role or enabled change (its {@code stamp} claim is behind the account's). Roles are
 * the account's current ones.
 */
@ApplicationScoped
public class AccountAugmentor implements SecurityIdentityAugmentor {

    /** Claim holding the account's token stamp at issue time. */
    static final String STAMP = "stamp";

    private final Sql sql;

    AccountAugmentor(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Credential.ATTRIBUTE) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        long accountId;
        try {
            accountId = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token names no account"));
        }
        Credential credential = Credential.accessToken(Instant.ofEpochSecond(jwt.getIssuedAtTime()));
        return context.runBlocking(() -> sql.one("select * from app_user where id = ? and not disabled and token_stamp = ?",
                        List.of(accountId, stamp(jwt)), row -> Accounts.identity(row, credential))
                .orElseThrow(() -> new AuthenticationFailedException("account unknown, disabled or changed since")));
    }

    private static long stamp(JsonWebToken jwt) {
        Object stamp = jwt.getClaim(STAMP);
        if (stamp instanceof JsonNumber number) {
            return number.longValue();
        }
        return stamp instanceof Number number ? number.longValue() : -1;
    }
}
