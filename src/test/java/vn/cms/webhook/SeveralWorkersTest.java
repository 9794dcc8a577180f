package vn.cms.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.sync.ChangeLog;
import vn.cms.testing.TestClock;
import vn.cms.webhook.Content.Article;
import vn.cms.webhook.Content.Section;
import vn.cms.webhook.Receiver.Request;

/**
 * Delivery workers built by hand on the test's database, as separate instances of the service
 * would be: the service's own worker is off, so what arrives was sent by these.
 */
@QuarkusTest
@TestProfile(SeveralWorkersTest.NoBackgroundWorker.class)
class SeveralWorkersTest {

    public static class NoBackgroundWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The full timeout: on a loaded machine a short one fails attempts that did arrive.
            return Map.of("cms.webhooks.deliver", "false", "cms.webhooks.timeout", "PT10S");
        }
    }

    @Inject
    Sql sql;
    @Inject
    ChangeLog changeLog;
    @Inject
    WebhookEndpoints endpoints;
    @Inject
    WebhookPayloads payloads;
    @Inject
    TargetAddresses targets;
    @Inject
    TestClock clock;
    @Inject
    Vertx vertx;
    @Inject
    WebhookSecrets secrets;
    @Inject
    CmsConfig config;

    private final Content content = new Content();
    private final Hooks hooks = new Hooks();

    /** A new instance of the service's delivery side, with nothing in memory. */
    private WebhookWorker newInstance(Clock instanceClock) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(sql, changeLog, endpoints, payloads, instanceClock);
        WebhookSender sender = new WebhookSender(sql, targets, secrets, instanceClock, vertx, config.webhooks().timeout(),
                config.webhooks().retryDelays(), config.webhooks().retryWindow());
        return new WebhookWorker(dispatcher, sender, 4, false);
    }

    @Test
    void anInstanceStartedAfterACrashCarriesOnTheRetryScheduleWithTheSameWebhookId() {
        try (Receiver receiver = new Receiver().answer(503)) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            clock.set(start);
            Section section = content.section();
            long hook = hooks.register(receiver, "article.published");
            try {
                Article article = content.publish(content.draft(section));
                WebhookWorker crashing = newInstance(clock);
                crashing.run();
                Request first = receiver.await(1).get(0);
                awaitStatus(hook, "pending");
                crashing.stop();

                // The first instance is gone; a second one finds the schedule in the database.
                WebhookWorker restarted = newInstance(clock);
                clock.set(start.plusSeconds(5));
                restarted.run();
                List<Request> received = receiver.await(2);
                assertEquals(2, received.size());
                assertEquals(first.id(), received.get(1).id());
                assertEquals(article.id(), received.get(1).dataId());
                assertEquals(start.plusSeconds(5).getEpochSecond(), received.get(1).timestamp());
                assertEquals("succeeded", awaitStatus(hook, "succeeded"));
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void aChangeWrittenByAnInstanceWhoseClockIsAheadIsDeliveredByOneWhoseClockIsBehind() {
        try (Receiver receiver = new Receiver()) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            long hook = hooks.register(receiver, "article.published");
            try {
                Section section = content.section();
                // The service writes at start + 10 s; the delivering instance reads its clock as start.
                clock.set(start.plusSeconds(10));
                Article article = content.publish(content.draft(section));
                newInstance(Clock.fixed(start, java.time.ZoneOffset.UTC)).run();
                Request received = receiver.await(1, request -> request.type().equals("article.published")).get(0);
                assertEquals(article.id(), received.dataId());
            } finally {
                hooks.delete(hook);
            }
        }
    }

    @Test
    void twoWorkersOnOneDatabaseNeverMakeTheSameAttemptTwice() throws Exception {
        int articles = 40;
        List<Receiver> receivers = List.of(new Receiver(), new Receiver(), new Receiver());
        List<Long> hookIds = new ArrayList<>();
        try {
            for (Receiver receiver : receivers) {
                hookIds.add(hooks.register(receiver, "article.published"));
            }
            Section section = content.section();
            Set<Long> published = new java.util.HashSet<>();
            for (int i = 0; i < articles; i++) {
                published.add(content.publish(content.draft(section)).id());
            }
            WebhookWorker one = newInstance(clock);
            WebhookWorker two = newInstance(clock);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (receivers.stream().anyMatch(r -> r.received().size() < articles) && System.nanoTime() < deadline) {
                CompletableFuture.allOf(CompletableFuture.runAsync(one::run), CompletableFuture.runAsync(two::run)).get();
                Thread.sleep(20);
            }
            for (int i = 0; i < receivers.size(); i++) {
                List<Request> received = receivers.get(i).await(articles);
                awaitNonePending(hookIds.get(i)); // a turn records what it sent when it commits, after the last arrival
                Map<String, Long> arrivals = received.stream()
                        .collect(Collectors.groupingBy(Request::id, Collectors.counting()));
                // Every arrival is an attempt the database recorded: none was made twice.
                Map<String, Long> attempts = sql.list("select message_id, attempts from webhook_delivery where endpoint_id = ?",
                                List.of(hookIds.get(i)), row -> Map.entry(row.getString(1), row.getLong(2)))
                        .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertEquals(attempts, arrivals);
                assertEquals(articles, arrivals.size());
                assertEquals(published, received.stream().map(Request::dataId).collect(Collectors.toSet()));
                assertEquals(received.stream().map(Request::dataId).distinct().sorted().toList(),
                        received.stream().map(Request::dataId).distinct().toList());
            }
        } finally {
            hookIds.forEach(hooks::delete);
            receivers.forEach(Receiver::close);
        }
    }

    private void awaitNonePending(long hook) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (sql.count("select count(*) from webhook_delivery where endpoint_id = ? and status = 'pending'",
                List.of(hook)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String awaitStatus(long hook, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String current = hooks.latestDelivery(hook).getString("status");
            if (current.equals(status)) {
                return current;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return hooks.latestDelivery(hook).getString("status");
    }
}
