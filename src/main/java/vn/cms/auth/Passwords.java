package vn.cms.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Sha256;

/**
 * Password hashes. bcrypt reads at most 72 bytes, and a Vietnamese passphrase of 55 characters
 * is longer than that in UTF-8; so the password is first reduced to the base64 of its SHA-256
 * (44 ASCII bytes, never a NUL) and that is bcrypt-hashed. Stored hashes name their scheme:
 * {@value #PREHASHED} and then the bcrypt string; a bare bcrypt string is a hash made before
 * the pre-hash, of the password's own bytes, and keeps working.
 */
@ApplicationScoped
public class Passwords {

    static final String PREHASHED = "sha256-b64+bcrypt:";
    private static final int BCRYPT_MAX_BYTES = 72;

    private final int cost;
    /** Checked against when the username is unknown, so that a miss takes as long as a wrong password. */
    private final String decoy;

    Passwords(CmsConfig config) {
        this.cost = config.auth().bcryptCost();
        this.decoy = hash("decoy password");
    }

    public String hash(String password) {
        return PREHASHED + new String(BCrypt.withDefaults().hash(cost, prehash(password)), StandardCharsets.US_ASCII);
    }

    public boolean matches(String password, String hash) {
        String stored = hash == null ? decoy : hash;
        boolean verified;
        if (stored.startsWith(PREHASHED)) {
            verified = verify(prehash(password), stored.substring(PREHASHED.length()));
        } else {
            byte[] raw = password.getBytes(StandardCharsets.UTF_8);
            // The old scheme could never store a longer password (hashing one failed); a longer one
            // is still checked, against the first 72 bytes and then refused, so that the answer
            // takes bcrypt's time and does not tell which accounts still have an old hash.
            verified = verify(Arrays.copyOf(raw, Math.min(raw.length, BCRYPT_MAX_BYTES)), stored)
                    && raw.length <= BCRYPT_MAX_BYTES;
        }
        return verified && hash != null;
    }

    /** A hash made before the pre-hash scheme, to be replaced at the next successful login. */
    public boolean isOutdated(String hash) {
        return !hash.startsWith(PREHASHED);
    }

    private static byte[] prehash(String password) {
        return Base64.getEncoder().encode(Sha256.of(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean verify(byte[] password, String bcrypt) {
        return BCrypt.verifyer().verify(password, bcrypt.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
