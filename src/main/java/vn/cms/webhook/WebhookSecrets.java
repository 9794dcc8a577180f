package vn.cms.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Sha256;

/**
 * Signing secrets as the database keeps them. Signing needs the secret itself, so unlike a
 * password it cannot be kept as a hash; with {@code cms.webhooks.secret-keys} set it is sealed
 * (AES-256-GCM) under a key the database never holds, so that a reader of the database or of a
 * backup learns nothing it can sign with. The first key seals; every key listed opens, so that
 * the key can be changed: at start, secrets kept in the clear or sealed under another listed key
 * are sealed again under the first. Without keys, secrets are kept as they are (and production
 * says so at start).
 */
@ApplicationScoped
class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);
    private static final String SEALED = "sealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A key and its public name in sealed values: the first 8 hex digits of its SHA-256. */
    private record Key(String id, SecretKeySpec spec) {
    }

    private final Sql sql;
    private final List<Key> keys;
    private final SecureRandom random = new SecureRandom();

    @Inject
    WebhookSecrets(Sql sql, CmsConfig config) {
        this(sql, config.webhooks().secretKeys().orElse(List.of()));
    }

    WebhookSecrets(Sql sql, List<String> keys) {
        this.sql = sql;
        this.keys = keys.stream().map(WebhookSecrets::key).toList();
    }

    private static Key key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cms.webhooks.secret-keys: each key is base64 (openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("cms.webhooks.secret-keys: each key is 32 bytes in base64, not " + bytes.length
                    + " (openssl rand -base64 32)");
        }
        return new Key(HexFormat.of().formatHex(Arrays.copyOf(Sha256.of(bytes), 4)), new SecretKeySpec(bytes, "AES"));
    }

    /** What the database keeps of a new secret. */
    String seal(String secret) {
        if (keys.isEmpty()) {
            return secret;
        }
        Key key = keys.get(0);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, secret.getBytes(StandardCharsets.UTF_8));
        byte[] value = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, value, NONCE_BYTES, sealed.length);
        return SEALED + key.id() + ":" + Base64.getEncoder().encodeToString(value);
    }

    /** The secret a kept value stands for; null for null. */
    String open(String kept) {
        if (kept == null || !kept.startsWith(SEALED)) {
            return kept;
        }
        String[] parts = kept.substring(SEALED.length()).split(":", 2);
        Key key = keys.stream().filter(k -> k.id().equals(parts[0])).findFirst().orElseThrow(() -> new IllegalStateException(
                "A webhook secret is sealed under key " + parts[0] + ", which cms.webhooks.secret-keys does not list"));
        byte[] value = Base64.getDecoder().decode(parts[1]);
        byte[] secret = crypt(Cipher.DECRYPT_MODE, key, Arrays.copyOf(value, NONCE_BYTES),
                Arrays.copyOfRange(value, NONCE_BYTES, value.length));
        return new String(secret, StandardCharsets.UTF_8);
    }

    /** Whether a kept value is as {@link #seal} would keep it now. */
    private boolean current(String kept) {
        return kept == null || (keys.isEmpty() ? !kept.startsWith(SEALED) : kept.startsWith(SEALED + keys.get(0).id() + ":"));
    }

    /**
     * Seals again what is not kept under the first key, in one transaction; a secret that no
     * listed key opens stops the start, since no delivery to its endpoint could be signed.
     */
    void onStart(@Observes StartupEvent start) {
        int resealed = reseal();
        if (resealed > 0) {
            LOG.infof("Sealed %d webhook secret(s) under key %s", resealed, keys.get(0).id());
        }
        if (keys.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("Webhook signing secrets are kept in the database as they are: set cms.webhooks.secret-keys "
                    + "(openssl rand -base64 32) to seal them");
        }
    }

    int reseal() {
        return QuarkusTransaction.requiringNew().call(() -> {
            record Kept(long id, String secret, String previous) {
            }
            List<Kept> stale = new ArrayList<>();
            for (Kept kept : sql.list("select id, secret, previous_secret from webhook_endpoint for update", List.of(),
                    row -> new Kept(row.getLong(1), row.getString(2), row.getString(3)))) {
                if (!current(kept.secret()) || !current(kept.previous())) {
                    stale.add(kept);
                }
            }
            if (!stale.isEmpty() && keys.isEmpty()) {
                throw new IllegalStateException(stale.size() + " webhook secret(s) are sealed, but cms.webhooks.secret-keys "
                        + "lists no key to open them");
            }
            Map<Long, String[]> sealed = new LinkedHashMap<>();
            for (Kept kept : stale) {
                String previous = open(kept.previous());
                sealed.put(kept.id(), new String[] {seal(open(kept.secret())), previous == null ? null : seal(previous)});
            }
            sealed.forEach((id, values) -> sql.update("update webhook_endpoint set secret = ?, previous_secret = ? where id = ?",
                    Arrays.asList(values[0], values[1], id)));
            return sealed.size();
        });
    }

    private static byte[] crypt(int mode, Key key, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A webhook secret could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed"
                    : "opened: it was changed in the database, or sealed under another key with the same name"), e);
        }
    }
}
