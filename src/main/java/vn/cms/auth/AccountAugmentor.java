package vn.cms.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import vn.cms.common.db.Sql;

/**
 * Checks every access token against the account as it is now: a disabled account is refused
 * at once, and roles changed since the token was issued apply at once.
 */
@ApplicationScoped
public class AccountAugmentor implements SecurityIdentityAugmentor {

    private final Sql sql;

    AccountAugmentor(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Accounts.USER_ID) != null) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> sql.one("select * from app_user where username = ? and not disabled",
                        List.of(identity.getPrincipal().getName()), Accounts::identity)
                .orElseThrow(() -> new AuthenticationFailedException("account unknown or disabled")));
    }
}
