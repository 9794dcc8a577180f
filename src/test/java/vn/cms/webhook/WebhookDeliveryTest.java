package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import vn.cms.common.db.Sql;
import vn.cms.testing.TestClock;
import vn.cms.webhook.Content.Article;
import vn.cms.webhook.Content.Section;
import vn.cms.webhook.Receiver.Answer;
import vn.cms.webhook.Receiver.Request;

/** Deliveries from content changes to a real receiver on loopback, with the clock moved for retries. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    TestClock clock;

    @Inject
    WebhookSender sender;

    @Inject
    Sql sql;

    @Inject
    WebhookDeliveryPurge purge;

    private final Content content = new Content();
    private final Hooks hooks = new Hooks();

    private static Predicate<Request> about(String... typeAndIds) {
        Set<String> wanted = Set.of(typeAndIds);
        return request -> wanted.contains(request.type().split("\\.")[0] + ":" + request.dataId());
    }

    /** The requests about the test's own section and its articles: the only ones its scripted answers go to. */
    private static Predicate<Request> inSection(Section section) {
        return request -> Long.valueOf(section.id()).equals(request.sectionId());
    }

    private static Instant at(JsonPath delivery, String field) {
        String value = delivery.getString(field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void everyEventArrivesInTheOrderOfTheChangesSignedAsStandardWebhooksWithAThinBody() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "*");
            try {
                Section section = content.section();
                content.describe(section, "Tin tức về công tác cải cách hành chính");
                Article article = content.publish(content.draft(section));
                article = content.retitle(article, "Hội nghị tổng kết năm");
                article = content.unpublish(article);
                article = content.publish(article);
                content.delete(article);
                Section empty = content.subsection(section);
                content.delete(empty);
                Content.Media media = content.upload();
                content.delete(media);

                List<Request> received = receiver.await(11, about("section:" + section.id(), "article:" + article.id(),
                        "section:" + empty.id(), "media:" + media.id()));
                assertEquals(List.of("section.created", "section.updated", "article.published", "article.updated",
                                "article.unpublished", "article.published", "article.deleted", "section.created",
                                "section.deleted", "media.created", "media.deleted"),
                        received.stream().map(Request::type).toList());
                Webhook library = new Webhook(receiver.secret());
                for (Request request : received) {
                    library.verify(request.body(), Map.of("webhook-id", List.of(request.id()),
                            "webhook-timestamp", List.of(String.valueOf(request.timestamp())),
                            "webhook-signature", List.of(request.signature())));
                    assertTrue(request.signature().startsWith("v1,"));
                    assertTrue(request.body().getBytes(StandardCharsets.UTF_8).length < 20_000);
                    assertEquals(List.of("application/json"), request.headers().get("Content-type"));
                }
                assertEquals(11, received.stream().map(Request::id).distinct().count());
                JsonNode published = received.get(2).json();
                assertEquals(Set.of("type", "timestamp", "data"), fieldNames(published));
                assertEquals(article.id(), published.get("data").get("id").asLong());
                assertEquals(article.slug(), published.get("data").get("slug").asText());
                assertEquals(section.id(), published.get("data").get("section").get("id").asLong());
                assertEquals(section.slug(), published.get("data").get("section").get("slug").asText());
                assertEquals(Set.of("id", "slug", "section", "publishedAt", "updatedAt"), fieldNames(published.get("data")));
                JsonNode created = received.get(0).json().get("data");
                assertEquals(section.slug(), created.get("slug").asText());
                assertTrue(created.get("parentId").isNull());
                // Gone when their deliveries are made, the subsection and the media item are told by what named them.
                assertEquals("{\"id\":" + empty.id() + ",\"slug\":\"" + empty.slug() + "\",\"parentId\":" + section.id()
                        + "}", received.get(8).json().get("data").toString());
                assertEquals("{\"id\":" + media.id() + ",\"url\":\"" + media.url() + "\",\"mimeType\":\"image/jpeg\","
                        + "\"filename\":\"Ảnh hội nghị.jpg\"}", received.get(10).json().get("data").toString());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aMediaItemStillThereWhenItsDeliveryIsMadeIsToldByItsUrlTypeAndName() throws Exception {
        try (Receiver receiver = new Receiver()) {
            long hook = hooks.register(receiver, "media.created");
            try {
                Content.Media media = content.upload();
                Request created = receiver.await(1, about("media:" + media.id())).get(0);
                assertEquals("{\"id\":" + media.id() + ",\"url\":\"" + media.url() + "\",\"mimeType\":\"image/jpeg\","
                        + "\"filename\":\"Ảnh hội nghị.jpg\"}", created.json().get("data").toString());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void anEmptyNoContentAnswerIsASuccessSoEachDeliveryIsAttemptedExactlyOnce() {
        // The clock stands still: a failed attempt would wait for its retry instead of hiding behind a second one.
        clock.set(now());
        Section section = content.section();
        int articles = 10;
        try (Receiver receiver = new Receiver().scripting(inSection(section))) {
            for (int i = 0; i < articles; i++) {
                receiver.answer(204);
            }
            long hook = hooks.register(receiver, "article.published");
            try {
                List<Long> published = new ArrayList<>();
                for (int i = 0; i < articles; i++) {
                    published.add(content.publish(content.draft(section)).id());
                }
                List<Request> received = receiver.await(articles, inSection(section));
                for (Request request : received) {
                    JsonPath delivery = awaitDelivery(hook, deliveryOf(request), d -> d.getInt("attempts") > 0);
                    assertEquals("succeeded", delivery.getString("status"), delivery.prettify());
                    assertEquals(1, delivery.getInt("attempts"));
                    assertEquals(204, delivery.getInt("lastStatus"));
                    assertNull(delivery.getString("lastError"));
                }
                received = receiver.received().stream().filter(inSection(section)).toList();
                assertEquals(published, received.stream().map(Request::dataId).toList());
                assertEquals(articles, received.stream().map(Request::id).distinct().count());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aFailingDeliveryIsRetriedOnTheConfiguredScheduleWithTheSameWebhookId() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(500, 503, 502)) {
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                Predicate<Request> mine = about("article:" + article.id());
                long deliveryId = deliveryOf(receiver.await(1, mine).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                assertEquals("pending", delivery.getString("status"));
                assertEquals(500, delivery.getInt("lastStatus"));
                assertEquals(start.plusSeconds(5), at(delivery, "nextAttemptAt"));

                List<Instant> schedule = List.of(start.plusSeconds(5), start.plusSeconds(5 + 300),
                        start.plusSeconds(5 + 300 + 1800));
                for (int i = 0; i < schedule.size(); i++) {
                    clock.set(schedule.get(i));
                    receiver.await(i + 2, mine);
                }
                List<Request> received = receiver.await(4, mine);
                assertEquals(1, received.stream().map(Request::id).distinct().count());
                assertEquals(List.of(start.getEpochSecond(), schedule.get(0).getEpochSecond(),
                        schedule.get(1).getEpochSecond(), schedule.get(2).getEpochSecond()),
                        received.stream().map(Request::timestamp).toList());
                assertTrue(received.stream().allMatch(Request::signedBySecret));
                delivery = awaitDelivery(hook, deliveryId, d -> d.getString("status").equals("succeeded"));
                assertEquals(4, delivery.getInt("attempts"));
                assertEquals(200, delivery.getInt("lastStatus"));
                assertNull(delivery.getString("nextAttemptAt"));
                assertNull(delivery.getString("lastError"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsAFailureRetriedLater() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(new Answer(200, Map.of(), 2_500))) {
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                long deliveryId = deliveryOf(receiver.await(1, about("article:" + article.id())).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                assertEquals("pending", delivery.getString("status"));
                assertNull(delivery.get("lastStatus"));
                assertEquals("no answer within PT1S", delivery.getString("lastError"));
                assertEquals(start.plusSeconds(5), at(delivery, "nextAttemptAt"));
                clock.set(start.plusSeconds(5));
                receiver.await(2, about("article:" + article.id()));
                delivery = awaitDelivery(hook, deliveryId, d -> d.getString("status").equals("succeeded"));
                assertEquals(2, delivery.getInt("attempts"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section))
                .answer(new Answer(429, Map.of("Retry-After", "600"), 0))) {
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                long deliveryId = deliveryOf(receiver.await(1, about("article:" + article.id())).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                assertEquals(429, delivery.getInt("lastStatus"));
                assertEquals(start.plusSeconds(600), at(delivery, "nextAttemptAt"));
                clock.set(start.plusSeconds(600));
                List<Request> received = receiver.await(2, about("article:" + article.id()));
                assertEquals(start.plusSeconds(600).getEpochSecond(), received.get(1).timestamp());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aRetryAfterBeyondTheRetryWindowWaitsOnlyToTheWindowsEnd() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section))
                .answer(new Answer(429, Map.of("Retry-After", "99999999999999999"), 0))) {
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                long deliveryId = deliveryOf(receiver.await(1, about("article:" + article.id())).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                assertEquals("pending", delivery.getString("status"));
                assertEquals(429, delivery.getInt("lastStatus"));
                assertEquals(start.plus(Duration.ofDays(3)), at(delivery, "nextAttemptAt"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void goneDisablesTheWebhookWhichGetsNoMoreDeliveriesUntilEnabledAndRetried() {
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(410); Receiver witness = new Receiver()) {
            long hook = hooks.register(receiver, "article.published");
            long witnessHook = hooks.register(witness, "article.published");
            try {
                Article first = content.publish(content.draft(section));
                long deliveryId = deliveryOf(receiver.await(1, about("article:" + first.id())).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getString("status").equals("failed"));
                assertEquals(410, delivery.getInt("lastStatus"));
                assertNull(delivery.getString("nextAttemptAt"));
                JsonPath webhook = hooks.webhook(hook);
                assertFalse(webhook.getBoolean("enabled"));
                assertEquals("410 Gone from the receiver", webhook.getString("disabledReason"));

                Article second = content.publish(content.draft(section));
                witness.await(1, about("article:" + second.id()));
                assertEquals(0, deliveriesAbout(hook, second));

                vn.cms.testing.Accounts.as(vn.cms.testing.Accounts.adminToken())
                        .contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("enabled", true))
                        .patch("/api/v1/webhooks/" + hook).then().statusCode(200);
                webhook = hooks.webhook(hook);
                assertTrue(webhook.getBoolean("enabled"));
                assertNull(webhook.getString("disabledReason"));
                JsonPath retried = vn.cms.testing.Accounts.as(vn.cms.testing.Accounts.adminToken())
                        .post("/api/v1/webhooks/" + hook + "/deliveries/" + deliveryId + "/retry")
                        .then().statusCode(202).extract().jsonPath();
                assertEquals("pending", retried.getString("status"));
                List<Request> received = receiver.await(2, about("article:" + first.id()));
                assertEquals(received.get(0).id(), received.get(1).id());
                awaitDelivery(hook, deliveryId, d -> d.getString("status").equals("succeeded"));
            } finally {
                hooks.delete(hook);
                hooks.delete(witnessHook);
            }
        }
    }

    @Test
    void aWebhookFailingForTheWholeRetryWindowIsDisabledAfterTheLastAttempt() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section))) {
            for (int i = 0; i < 20; i++) {
                receiver.answer(500);
            }
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                Predicate<Request> mine = about("article:" + article.id());
                List<Duration> waits = new ArrayList<>();
                long deliveryId = deliveryOf(receiver.await(1, mine).get(0));
                JsonPath delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                while (delivery.getString("status").equals("pending")) {
                    Instant next = at(delivery, "nextAttemptAt");
                    waits.add(Duration.between(start, next));
                    int attempts = delivery.getInt("attempts");
                    clock.set(next);
                    receiver.await(attempts + 1, mine);
                    delivery = awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == attempts + 1);
                }
                Duration first = Duration.parse("PT7H35M5S");
                assertEquals(List.of(Duration.ofSeconds(5), Duration.parse("PT5M5S"), Duration.parse("PT35M5S"),
                        Duration.parse("PT2H35M5S"), first, first.plusHours(10), first.plusHours(20),
                        first.plusHours(30), first.plusHours(40), first.plusHours(50), first.plusHours(60),
                        Duration.ofDays(3)), waits);
                assertEquals("failed", delivery.getString("status"));
                assertEquals(13, delivery.getInt("attempts"));
                JsonPath webhook = hooks.webhook(hook);
                assertFalse(webhook.getBoolean("enabled"));
                assertEquals("every attempt failed for PT72H (the retry window)", webhook.getString("disabledReason"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void laterEventsOfAWebhookWaitForAnEarlierFailingOneAndFollowItInOrder() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(500)) {
            long hook = hooks.register(receiver, "article.published", "article.updated", "article.deleted");
            try {
                Article article = content.publish(content.draft(section));
                Predicate<Request> mine = about("article:" + article.id());
                receiver.await(1, mine);
                article = content.retitle(article, "Hội nghị tổng kết công tác năm");
                content.delete(article);
                awaitDeliveriesAbout(hook, article, 3);
                assertFalse(sender.turn(hook));
                assertEquals(1, receiver.received().stream().filter(mine).count());

                clock.set(start.plusSeconds(5));
                List<Request> received = receiver.await(4, mine);
                assertEquals(List.of("article.published", "article.published", "article.updated", "article.deleted"),
                        received.stream().map(Request::type).toList());
                assertEquals(received.get(0).id(), received.get(1).id());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aPingGoesOutAtOnceWhileTheWebhooksDeliveriesWaitForTheirRetry() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(500)) {
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                long deliveryId = deliveryOf(receiver.await(1, inSection(section)).get(0));
                // The clock stands still: the failed delivery waits for start + 5 s, and the ping must not.
                awaitDelivery(hook, deliveryId, d -> d.getInt("attempts") == 1);
                long ping = hooks.ping(hook);

                JsonNode pinged = receiver.await(1, request -> request.type().equals("webhook.ping")).get(0).json();
                assertEquals(hook, pinged.get("data").get("webhookId").asLong());
                assertEquals(1, awaitDelivery(hook, ping, d -> d.getString("status").equals("succeeded")).getInt("attempts"));
                JsonPath waiting = hooks.delivery(hook, deliveryId);
                assertEquals("pending", waiting.getString("status"));
                assertEquals(start.plusSeconds(5), at(waiting, "nextAttemptAt"));
                assertEquals(List.of(article.id()),
                        receiver.received().stream().filter(inSection(section)).map(Request::dataId).toList());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void finishedDeliveriesOlderThanTheRetentionArePurgedAndPendingOnesKept() {
        Instant start = now();
        clock.set(start);
        Section section = content.section();
        try (Receiver receiver = new Receiver().scripting(inSection(section)).answer(200, 410)) {
            long hook = hooks.register(receiver, "article.published");
            try {
                content.publish(content.draft(section));
                content.publish(content.draft(section));
                List<Request> received = receiver.await(2, inSection(section));
                awaitDelivery(hook, deliveryOf(received.get(0)), d -> d.getString("status").equals("succeeded"));
                awaitDelivery(hook, deliveryOf(received.get(1)), d -> d.getString("status").equals("failed"));
                // The 410 disabled the webhook: its ping stays pending.
                long ping = hooks.ping(hook);
                int made = hooks.deliveries(hook).size();

                clock.set(start.plus(Duration.ofDays(30)));
                purge.purge();
                assertEquals(made, hooks.deliveries(hook).size());

                clock.set(start.plus(Duration.ofDays(30)).plusSeconds(1));
                purge.purge();
                List<Map<String, Object>> kept = hooks.deliveries(hook);
                assertEquals(List.of(ping), kept.stream().map(d -> ((Number) d.get("id")).longValue()).toList());
                assertEquals("pending", kept.get(0).get("status"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aScheduledArticleIsAnnouncedAsPublishedWhenItsTimeComes() {
        try (Receiver receiver = new Receiver()) {
            Instant start = now();
            clock.set(start);
            Section section = content.section();
            long hook = hooks.register(receiver, "article.published");
            try {
                Instant publication = start.plus(Duration.ofHours(1));
                Article article = content.schedule(content.draft(section), publication.atOffset(java.time.ZoneOffset.ofHours(7)));
                long logEnd = sql.count("select max(id) from change_log", List.of());
                awaitCursorPast(logEnd);
                assertEquals(0, deliveriesAbout(hook, article));

                clock.set(publication);
                JsonNode announced = receiver.await(1, about("article:" + article.id())).get(0).json();
                assertEquals("article.published", announced.get("type").asText());
                assertEquals(publication, OffsetDateTime.parse(announced.get("timestamp").asText()).toInstant());
                assertEquals(publication, OffsetDateTime.parse(announced.get("data").get("publishedAt").asText()).toInstant());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aScheduledArticleEditedBeforeItsTimeIsAnnouncedOnceAndOneWithdrawnBeforeItNever() {
        try (Receiver receiver = new Receiver()) {
            Instant start = now();
            clock.set(start);
            Section section = content.section();
            long hook = hooks.register(receiver, "article.published");
            try {
                Instant publication = start.plus(Duration.ofHours(1));
                OffsetDateTime at = publication.atOffset(java.time.ZoneOffset.ofHours(7));
                Article edited = content.schedule(content.draft(section), at);
                content.retitle(edited, "Lịch tiếp công dân tháng 4 (sửa lại)");
                Article withdrawn = content.unpublish(content.schedule(content.draft(section), at));

                clock.set(publication.plusSeconds(1));
                assertEquals(1, receiver.await(1, about("article:" + edited.id())).size());
                awaitDueUntil(publication.plusSeconds(1));
                assertEquals(1, deliveriesAbout(hook, edited));
                assertEquals(0, deliveriesAbout(hook, withdrawn));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    private void awaitDueUntil(Instant time) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (sql.one("select due_until from webhook_cursor", List.of(), row -> Sql.instant(row, "due_until"))
                .orElseThrow().isBefore(time)) {
            assertTrue(System.nanoTime() < deadline, "the dispatcher never reached " + time);
            pause();
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The delivery a request came from (its webhook-id is the delivery's, on every attempt). */
    private long deliveryOf(Request request) {
        return sql.count("select id from webhook_delivery where message_id = ?", List.of(request.id()));
    }

    /** The webhook's deliveries announcing the article, whatever other tests' changes it also hears. */
    private long deliveriesAbout(long hook, Article article) {
        return sql.count("""
                select count(*) from webhook_delivery
                where endpoint_id = ? and event like 'article.%' and payload::jsonb #>> '{data,id}' = ?""",
                List.of(hook, String.valueOf(article.id())));
    }

    private JsonPath awaitDelivery(long hook, long deliveryId, Predicate<JsonPath> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonPath delivery = hooks.delivery(hook, deliveryId);
        while (!condition.test(delivery)) {
            assertTrue(System.nanoTime() < deadline, "The delivery never reached the expected state: " + delivery.prettify());
            pause();
            delivery = hooks.delivery(hook, deliveryId);
        }
        return delivery;
    }

    private void awaitDeliveriesAbout(long hook, Article article, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (deliveriesAbout(hook, article) < count) {
            assertTrue(System.nanoTime() < deadline, "expected " + count + " deliveries");
            pause();
        }
    }

    private void awaitCursorPast(long logId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (sql.count("select log_id from webhook_cursor", List.of()) < logId) {
            assertTrue(System.nanoTime() < deadline, "the dispatcher never passed log row " + logId);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
