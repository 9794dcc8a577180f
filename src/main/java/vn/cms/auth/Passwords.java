package vn.cms.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import vn.cms.common.config.CmsConfig;

/** bcrypt hashes of account passwords. */
@ApplicationScoped
public class Passwords {

    private final int cost;
    /** Checked against when the username is unknown, so that a miss takes as long as a wrong password. */
    private final String decoy;

    Passwords(CmsConfig config) {
        this.cost = config.auth().bcryptCost();
        this.decoy = hash("decoy password");
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? decoy : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
