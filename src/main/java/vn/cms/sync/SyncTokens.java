package vn.cms.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.cms.common.db.Sql;

/**
 * Sync tokens as clients hold them: the payload and an HMAC-SHA256 of it, base64url, so that a
 * client can neither read its parts as an API nor forge another position. The key is one secret
 * every instance shares, made by whichever instance asks first.
 */
@ApplicationScoped
class SyncTokens {

    private static final String SECRET = "sync-token";
    private static final int MAC_BYTES = 16;

    private final Sql sql;
    private volatile SecretKeySpec key;

    SyncTokens(Sql sql) {
        this.sql = sql;
    }

    String write(SyncToken token) {
        String payload = token.payload();
        return SyncToken.encode(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(payload));
    }

    /** The token a client sent, or empty when it is malformed or not signed by this service. */
    Optional<SyncToken> read(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = SyncToken.decode(text.substring(0, dot));
            byte[] mac = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            return MessageDigest.isEqual(mac, mac(payload)) ? SyncToken.parse(payload) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            sql.update("insert into service_secret (name, value) values (?, ?) on conflict (name) do nothing",
                    List.of(SECRET, fresh));
            byte[] shared = sql.one("select value from service_secret where name = ?", List.of(SECRET),
                    row -> row.getBytes(1)).orElseThrow();
            current = new SecretKeySpec(shared, "HmacSHA256");
            key = current;
        }
        return current;
    }
}
