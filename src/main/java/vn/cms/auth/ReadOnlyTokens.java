package vn.cms.auth;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.cms.common.web.ApiException;

/**
 * The one place where a {@code read} API token is kept from writing: every request with a
 * method other than GET, HEAD or OPTIONS made with one is 403, whatever the endpoint. Only
 * requests that carry an API token are looked at, so this never authenticates anyone else.
 */
public class ReadOnlyTokens {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final CurrentIdentityAssociation identities;

    ReadOnlyTokens(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> refuseWritesWithReadTokens(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !ApiTokenMechanism.carriesApiToken(request.getHeaderString("Authorization"))) {
            return Uni.createFrom().voidItem();
        }
        // A token that does not hold is left to the endpoint: a public one ignores it, any other answers 401.
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .map(identity -> {
                    if (isReadOnly(identity)) {
                        throw ApiException.forbidden("This API token has the scope 'read': it cannot change anything");
                    }
                    return null;
                });
    }

    private static boolean isReadOnly(SecurityIdentity identity) {
        Credential credential = identity == null ? null : identity.getAttribute(Credential.ATTRIBUTE);
        return credential != null && credential.scope() == TokenScope.read;
    }
}
