package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.testing.Accounts;
import vn.cms.webhook.Receiver.Request;

/** Signing secrets are sealed in the database under cms.webhooks.secret-keys and still sign every delivery. */
@QuarkusTest
class SealedSecretTest {

    @Inject
    Sql sql;

    @Inject
    WebhookSecrets secrets;

    @Inject
    CmsConfig config;

    private final Hooks hooks = new Hooks();

    private String kept(long hook, String column) {
        return sql.one("select " + column + " from webhook_endpoint where id = ?", List.of(hook), row -> row.getString(1))
                .orElseThrow();
    }

    /** "sealed:v1:" and the name of the key it was sealed under. */
    private static String keyPart(String sealed) {
        return sealed.substring(0, sealed.indexOf(':', "sealed:v1:".length()) + 1);
    }

    private static void assertSignedBy(Receiver receiver, long hook, Hooks hooks) {
        hooks.ping(hook);
        Request request = receiver.await(1, r -> r.type().equals("webhook.ping")).get(0);
        assertTrue(request.signedBySecret(), request.signature());
        assertEquals(hook, request.json().get("data").get("webhookId").asLong());
    }

    @Test
    void theDatabaseKeepsASecretSealedAndDeliveriesAreSignedWithTheSecretItself() {
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "article.published");
            try {
                String kept = kept(hook, "secret");
                assertTrue(kept.startsWith("sealed:v1:"), kept);
                assertFalse(kept.contains(receiver.secret().substring("whsec_".length())), kept);
                assertEquals(receiver.secret(), secrets.open(kept));
                Accounts.as(Accounts.adminToken()).post("/api/v1/webhooks/" + hook + "/rotate-secret").then().statusCode(200);
                assertEquals(kept, kept(hook, "previous_secret"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void atStartASecretKeptInTheClearOrUnderAnOlderKeyIsSealedUnderTheFirstKeyAndStillSigns() {
        List<String> keys = config.webhooks().secretKeys().orElseThrow();
        WebhookSecrets olderKeyOnly = new WebhookSecrets(sql, List.of(keys.get(1)));
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "article.published");
            try {
                String previous = Receiver.newSecret();
                sql.update("update webhook_endpoint set secret = ?, previous_secret = ? where id = ?",
                        List.of(receiver.secret(), olderKeyOnly.seal(previous), hook));

                assertEquals(1, secrets.reseal());

                String sealed = kept(hook, "secret");
                assertEquals(keyPart(secrets.seal("whsec_x")), keyPart(sealed));
                assertEquals(receiver.secret(), secrets.open(sealed));
                assertEquals(keyPart(sealed), keyPart(kept(hook, "previous_secret")));
                assertEquals(previous, secrets.open(kept(hook, "previous_secret")));
                assertEquals(0, secrets.reseal());
                assertSignedBy(receiver, hook, hooks);
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aSecretSealedUnderAKeyNoLongerListedStopsTheStartAndIsLeftAsItWas() {
        WebhookSecrets otherKey = new WebhookSecrets(sql, List.of("q1Yb0m7cQ0n3X2s1c5e8R4t6Y7u9I0o2P3a5S7d9F1g="));
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "article.published");
            try {
                String foreign = otherKey.seal(receiver.secret());
                sql.update("update webhook_endpoint set secret = ? where id = ?", List.of(foreign, hook));

                IllegalStateException refused = assertThrows(IllegalStateException.class, secrets::reseal);
                assertTrue(refused.getMessage().contains("which cms.webhooks.secret-keys does not list"),
                        refused.getMessage());
                assertEquals(foreign, kept(hook, "secret"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64StopsTheStart() {
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> new WebhookSecrets(sql, List.of("c2hvcnQ=")));
        assertEquals("cms.webhooks.secret-keys: each key is 32 bytes in base64, not 5 (openssl rand -base64 32)",
                shortKey.getMessage());
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class,
                () -> new WebhookSecrets(sql, List.of("không phải base64")));
        assertEquals("cms.webhooks.secret-keys: each key is base64 (openssl rand -base64 32)", notBase64.getMessage());
    }
}
