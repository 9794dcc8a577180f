package vn.cms.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.common.db.Sql;
import vn.cms.testing.Accounts;

/** With internal targets forbidden (the production default): refused at registration and at connection. */
@QuarkusTest
@TestProfile(TargetRefusalTest.InternalTargetsForbidden.class)
class TargetRefusalTest {

    public static class InternalTargetsForbidden implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.webhooks.allow-private-targets", "false");
        }
    }

    @Inject
    Sql sql;

    private final Hooks hooks = new Hooks();

    @Test
    void aUrlOfAnInternalAddressIsRefusedAtRegistration() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://10.1.2.3/hook",
                "http://172.16.0.1/", "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/hook", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://0.0.0.0/", "http://localhost:9000/q/metrics", "http://224.0.0.1/", "http://100.64.0.1/")) {
            String message = Accounts.as(Accounts.adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of("*")))
                    .post("/api/v1/webhooks").then().statusCode(400)
                    .body("errors[0].field", equalTo("url")).extract().path("errors[0].message");
            assertTrue(message.contains("an internal address"), url + ": " + message);
        }
    }

    @Test
    void aTargetThatResolvesToAnInternalAddressByDeliveryTimeIsNotConnectedTo() {
        try (Receiver receiver = new Receiver()) {
            // As if the name had resolved to a public address at registration and to loopback since
            // (DNS rebinding): the row is written past the registration check.
            Instant now = Instant.now();
            long hook = sql.one("""
                    insert into webhook_endpoint (url, events, enabled, secret, created_at, updated_at)
                    values (?, ?, true, 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', ?, ?) returning id""",
                    List.of(receiver.url().replace("127.0.0.1", "localhost"), new String[] {"*"}, now, now),
                    row -> row.getLong(1)).orElseThrow();
            try {
                Accounts.as(Accounts.adminToken()).post("/api/v1/webhooks/" + hook + "/ping").then().statusCode(202);
                JsonPath delivery = awaitAttempt(hook);
                assertEquals("pending", delivery.getString("status"));
                assertTrue(delivery.getString("lastError").startsWith("refused: the host localhost resolves to"),
                        delivery.getString("lastError"));
                assertEquals(List.of(), receiver.received());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    private JsonPath awaitAttempt(long hook) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath delivery = hooks.latestDelivery(hook);
            if (delivery.getInt("attempts") > 0) {
                return delivery;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("No attempt was made");
    }
}
