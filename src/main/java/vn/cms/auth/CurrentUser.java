package vn.cms.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is making this request, for rules that roles alone cannot say (an author's own work). */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public long id() {
        return identity.getAttribute(Accounts.USER_ID);
    }

    /** What the request authenticated with. */
    public Credential credential() {
        return identity.getAttribute(Credential.ATTRIBUTE);
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    /** EDITOR and ADMIN may handle all content; an AUTHOR only their own drafts. */
    public boolean editsAllContent() {
        return has(Role.ADMIN) || has(Role.EDITOR);
    }
}
