package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Accounts;
import vn.cms.testing.TestClock;
import vn.cms.webhook.Content.Article;
import vn.cms.webhook.Content.Section;
import vn.cms.webhook.Receiver.Request;

/** A secret rotated without a gap: both secrets sign during the grace period, then only the new one. */
@QuarkusTest
class SecretRotationTest {

    @Inject
    TestClock clock;

    private final Content content = new Content();
    private final Hooks hooks = new Hooks();

    private static Predicate<Request> publicationOf(Article article) {
        return request -> request.type().equals("article.published") && request.dataId() == article.id();
    }

    private static Map<String, List<String>> headers(Request request) {
        return Map.of("webhook-id", List.of(request.id()), "webhook-timestamp", List.of(String.valueOf(request.timestamp())),
                "webhook-signature", List.of(request.signature()));
    }

    @Test
    void duringTheGraceDeliveriesVerifyWithTheOldAndTheNewSecretAndAfterItOnlyWithTheNew() throws Exception {
        // Near the real time: the library's verify refuses a timestamp more than 5 minutes off. Set
        // before the registration, which hears of changes from its own time on.
        Instant rotatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(rotatedAt);
        Section section = content.section();
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "article.published");
            try {
                String previous = receiver.secret();
                JsonPath rotated = Accounts.as(Accounts.adminToken()).post("/api/v1/webhooks/" + hook + "/rotate-secret")
                        .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
                String current = rotated.getString("secret");
                assertTrue(current.startsWith("whsec_"), current);
                assertNotEquals(previous, current);
                assertEquals(rotatedAt.plus(Duration.ofHours(24)),
                        OffsetDateTime.parse(rotated.getString("previousSecretExpiresAt")).toInstant());

                Article during = content.publish(content.draft(section));
                Request signedTwice = receiver.await(1, publicationOf(during)).get(0);
                assertEquals(2, signedTwice.signature().split(" ").length, signedTwice.signature());
                new Webhook(previous).verify(signedTwice.body(), headers(signedTwice));
                new Webhook(current).verify(signedTwice.body(), headers(signedTwice));
                assertThrows(WebhookVerificationException.class, () -> new Webhook(Receiver.newSecret())
                        .verify(signedTwice.body(), headers(signedTwice)));

                clock.set(rotatedAt.plus(Duration.ofHours(24)));
                Article after = content.publish(content.draft(section));
                Request signedOnce = receiver.await(1, publicationOf(after)).get(0);
                // Compared with the library's signature rather than verified: the timestamp is a day ahead of the real time.
                assertEquals(new Webhook(current).sign(signedOnce.id(), signedOnce.timestamp(), signedOnce.body()),
                        signedOnce.signature());
            } finally {
                hooks.delete(hook);
            }
        }
    }
}
