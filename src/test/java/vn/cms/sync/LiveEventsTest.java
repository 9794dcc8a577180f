package vn.cms.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import vn.cms.article.Article;
import vn.cms.common.config.CmsConfig;
import vn.cms.section.Section;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.EventStream;
import vn.cms.testing.EventStream.Received;
import vn.cms.testing.TestClock;

/** GET /api/v1/events through HTTP, on PostgreSQL: content changes, the counter, resuming, slow clients. */
@QuarkusTest
class LiveEventsTest {

    private static final String SITE_TIME = "2031-05-19T08:30:00+07:00";

    @Inject
    ContentFixtures fixtures;
    @Inject
    TestClock clock;
    @Inject
    ChangeLog changeLog;
    @Inject
    LiveEvents live;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    CmsConfig config;

    private Section section() {
        return fixtures.section(ContentFixtures.unique("Sự kiện"));
    }

    private static Instant at(String siteTime) {
        return java.time.OffsetDateTime.parse(siteTime).toInstant();
    }

    private static Map<String, Object> data(Received event) {
        return JsonPath.from(event.data()).getMap("");
    }

    /** The next content event about this entity. */
    private static Map<String, Object> nextAbout(EventStream stream, String type, long id) {
        return data(stream.next(e -> e.isContent() && data(e).get("type").equals(type)
                && ((Number) data(e).get("id")).longValue() == id));
    }

    private static Map<String, Object> content(String type, long id, String action, String at) {
        return Map.of("type", type, "id", (int) id, "action", action, "at", at);
    }

    private static long publishedArticle(String editor, long sectionId) {
        Map<String, Object> input = Articles.input(sectionId);
        input.put("status", "PUBLISHED");
        return Articles.id(Articles.create(editor, input));
    }

    private static String etag(String editor, long id) {
        return Accounts.as(editor).get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aStreamStartsWithTheCounterAndIsNeitherCachedNorTagged() {
        clock.set(at(SITE_TIME));
        JsonPath counter = given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        try (EventStream stream = EventStream.open()) {
            assertEquals("no-store", stream.response().headers().firstValue("Cache-Control").orElse(null));
            assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertTrue(stream.response().headers().firstValue("ETag").isEmpty());
            Received stats = stream.next(e -> true);
            assertEquals("stats", stats.event());
            assertNull(stats.id(), "the counter is not a place to resume from");
            assertEquals(Map.of("totalVisits", counter.getLong("totalVisits"), "onlineNow", counter.getLong("onlineNow"),
                    "pageViews", counter.getLong("pageViews")), JsonPath.from(stats.data()).getMap("", String.class, Long.class));
        }
    }

    @Test
    void everyChangeToAnArticleIsAContentEventWithItsAction() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        clock.set(at(SITE_TIME));
        try (EventStream stream = EventStream.open()) {
            long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
            Accounts.as(editor).post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
            assertEquals(content("article", id, "upsert", SITE_TIME), nextAbout(stream, "article", id));

            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).header("If-Match", etag(editor, id)).contentType(ContentType.JSON)
                    .body(Map.of("title", "Tiêu đề đã sửa")).patch("/api/v1/articles/" + id).then().statusCode(200);
            assertEquals(content("article", id, "upsert", "2031-05-19T08:31:00+07:00"), nextAbout(stream, "article", id));

            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).post("/api/v1/articles/" + id + "/unpublish").then().statusCode(200);
            assertEquals(content("article", id, "delete", "2031-05-19T08:32:00+07:00"), nextAbout(stream, "article", id));

            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
            assertEquals(content("article", id, "upsert", "2031-05-19T08:33:00+07:00"), nextAbout(stream, "article", id));

            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).header("If-Match", etag(editor, id)).delete("/api/v1/articles/" + id).then().statusCode(204);
            assertEquals(content("article", id, "delete", "2031-05-19T08:34:00+07:00"), nextAbout(stream, "article", id));
        }
    }

    @Test
    void aDraftEditedAsADraftSendsNothing() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        try (EventStream stream = EventStream.open()) {
            long draft = Articles.id(Articles.create(editor, Articles.input(section.id)));
            long marker = publishedArticle(editor, section.id);
            Received first = stream.next(e -> e.isContent() && List.of(draft, marker).contains(((Number) data(e).get("id")).longValue()));
            assertEquals(marker, ((Number) data(first).get("id")).longValue());
        }
    }

    @Test
    void everyChangeToASectionIsAContentEvent() {
        String editor = Accounts.tokenFor("EDITOR");
        clock.set(at(SITE_TIME));
        try (EventStream stream = EventStream.open()) {
            long id = ((Number) Accounts.as(editor).contentType(ContentType.JSON)
                    .body(Map.of("name", ContentFixtures.unique("Chuyên mục sự kiện")))
                    .post("/api/v1/sections").then().statusCode(201).extract().path("id")).longValue();
            assertEquals(content("section", id, "upsert", SITE_TIME), nextAbout(stream, "section", id));
            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).contentType("application/merge-patch+json").body(Map.of("description", "Tin mới"))
                    .patch("/api/v1/sections/" + id).then().statusCode(200);
            assertEquals(content("section", id, "upsert", "2031-05-19T08:31:00+07:00"), nextAbout(stream, "section", id));
            clock.advance(Duration.ofMinutes(1));
            Accounts.as(editor).delete("/api/v1/sections/" + id).then().statusCode(204);
            assertEquals(content("section", id, "delete", "2031-05-19T08:32:00+07:00"), nextAbout(stream, "section", id));
        }
    }

    @Test
    void aScheduledArticleIsAnEventAtItsTimeAndNotBefore() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        clock.set(at(SITE_TIME));
        try (EventStream stream = EventStream.open()) {
            long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
            Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", "2031-05-19T09:30:00+07:00"))
                    .post("/api/v1/articles/" + id + "/publish").then().statusCode(200).body("status", is("SCHEDULED"));
            clock.set(at("2031-05-19T09:29:59+07:00"));
            // A later change arrives first: the scheduled one was not sent before its time.
            long marker = publishedArticle(editor, section.id);
            Received first = stream.next(e -> e.isContent() && List.of(id, marker).contains(((Number) data(e).get("id")).longValue()));
            assertEquals(marker, ((Number) data(first).get("id")).longValue());

            clock.set(at("2031-05-19T09:30:00+07:00"));
            assertEquals(content("article", id, "upsert", "2031-05-19T09:30:00+07:00"), nextAbout(stream, "article", id));
        }
    }

    @Test
    void aScheduledArticleWithdrawnBeforeItsTimeSendsNothingThen() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        clock.set(at(SITE_TIME));
        try (EventStream stream = EventStream.open()) {
            long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
            Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", "2031-05-19T09:30:00+07:00"))
                    .post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
            Accounts.as(editor).post("/api/v1/articles/" + id + "/unpublish").then().statusCode(200);
            clock.set(at("2031-05-19T09:30:00+07:00"));
            long marker = publishedArticle(editor, section.id);
            Received first = stream.next(e -> e.isContent() && List.of(id, marker).contains(((Number) data(e).get("id")).longValue()));
            assertEquals(marker, ((Number) data(first).get("id")).longValue());
        }
    }

    @Test
    void theCounterIsSentToEverySubscriberAtEachInterval() {
        clock.set(at(SITE_TIME));
        try (EventStream first = EventStream.open(); EventStream second = EventStream.open()) {
            first.next(e -> "stats".equals(e.event()));
            second.next(e -> "stats".equals(e.event()));
            clock.advance(config.events().statsInterval());
            Received a = first.next(e -> "stats".equals(e.event()));
            Received b = second.next(e -> "stats".equals(e.event()));
            assertEquals(a.data(), b.data());
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() {
        clock.set(at(SITE_TIME));
        try (EventStream stream = EventStream.open()) {
            stream.next(e -> "stats".equals(e.event()));
            clock.advance(config.events().heartbeatInterval());
            assertEquals("keep-alive", stream.next(e -> e.comment() != null).comment());
        }
    }

    @Test
    void aClientResumingWithLastEventIdGetsWhatItMissedAndNothingTwice() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        String lastEventId;
        long seen;
        try (EventStream stream = EventStream.open()) {
            seen = publishedArticle(editor, section.id);
            lastEventId = stream.next(e -> e.isContent() && ((Number) data(e).get("id")).longValue() == seen).id();
        }
        long missed1 = publishedArticle(editor, section.id);
        long missed2 = publishedArticle(editor, section.id);
        try (EventStream resumed = EventStream.open(lastEventId)) {
            long after = publishedArticle(editor, section.id);
            List<Long> ours = List.of(seen, missed1, missed2, after);
            List<Long> received = new ArrayList<>();
            while (!received.contains(after)) {
                Received event = resumed.next(e -> e.isContent() && ours.contains(((Number) data(e).get("id")).longValue()));
                received.add(((Number) data(event).get("id")).longValue());
            }
            // One more change marks where to stop looking for duplicates of the others.
            long end = publishedArticle(editor, section.id);
            while (!received.contains(end)) {
                Received event = resumed.next(e -> e.isContent() && (ours.contains(((Number) data(e).get("id")).longValue())
                        || ((Number) data(e).get("id")).longValue() == end));
                received.add(((Number) data(event).get("id")).longValue());
            }
            assertEquals(List.of(missed1, missed2, after, end), received);
        }
    }

    @Test
    void aScheduledArticleThatCameDueWhileAwayIsSentOnResuming() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        clock.set(at(SITE_TIME));
        long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
        String lastEventId;
        try (EventStream stream = EventStream.open()) {
            Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", "2031-05-19T09:30:00+07:00"))
                    .post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
            long marker = publishedArticle(editor, section.id);
            lastEventId = stream.next(e -> e.isContent() && ((Number) data(e).get("id")).longValue() == marker).id();
        }
        clock.set(at("2031-05-19T10:00:00+07:00"));
        try (EventStream resumed = EventStream.open(lastEventId)) {
            assertEquals(content("article", id, "upsert", "2031-05-19T09:30:00+07:00"), nextAbout(resumed, "article", id));
            long marker = publishedArticle(editor, section.id);
            Received next = resumed.next(e -> e.isContent() && List.of(id, marker).contains(((Number) data(e).get("id")).longValue()));
            assertEquals(marker, ((Number) data(next).get("id")).longValue(), "sent twice");
        }
    }

    @Test
    void aMalformedLastEventIdIs400() {
        for (String malformed : List.of("abc", "12", "-1-5", "1-2-3", "01-5", "99999999999999999999-1")) {
            given().header("Last-Event-ID", malformed).accept("text/event-stream").get("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", is("Last-Event-ID"));
        }
        given().queryParam("since", "1").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", is("since"));
    }

    @Test
    void aLastEventIdOlderThanTheLogOrUnknownIsToldToSyncAgain() {
        LogPosition now = live.position();
        String old = new LogPosition(now.id(), Instant.now().minus(Duration.ofDays(91))).text();
        try (EventStream stream = EventStream.open(old)) {
            Received reset = stream.next(e -> !"stats".equals(e.event()));
            assertEquals("reset", reset.event());
            assertEquals(Map.of("reason", "expired"), data(reset));
            assertNotNull(LogPosition.parse(reset.id()));
        }
        String ahead = new LogPosition(now.id() + 1_000_000, Instant.now()).text();
        try (EventStream stream = EventStream.open(ahead)) {
            Received reset = stream.next(e -> !"stats".equals(e.event()));
            assertEquals(Map.of("reason", "unknown-position"), data(reset));
        }
    }

    @Test
    void moreChangesAtOnceThanAClientMayHaveWaitingIsAReset() {
        Section section = section();
        Article article = fixtures.article(section);
        int many = config.events().maxPending() + 1;
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < many; i++) {
            changes.add(new Change(EntityType.ARTICLE, article.id, ChangeLog.Kind.UPDATED, Instant.now()));
        }
        String before;
        try (EventStream stream = EventStream.open()) {
            long marker = publishedArticle(Accounts.tokenFor("EDITOR"), section.id);
            before = stream.next(e -> e.isContent() && ((Number) data(e).get("id")).longValue() == marker).id();
            QuarkusTransaction.requiringNew().run(() -> changeLog.append(changes, Instant.now()));
            Received reset = stream.next(e -> "reset".equals(e.event()));
            assertEquals(Map.of("reason", "too-many-changes"), data(reset));
        }
        try (EventStream resumed = EventStream.open(before)) {
            assertEquals(Map.of("reason", "too-many-changes"), data(resumed.next(e -> "reset".equals(e.event()))));
        }
    }

    /**
     * The trigger of V11 and V19, on its own: the writer's session notifies at its commit, naming
     * the log's schema. Notifications are per database, so other deployments (or test runs) on the
     * same database notify on the channel too; the sender's process id tells that this append did.
     */
    @Test
    void everyAppendToTheChangeLogNotifiesFromTheWritersSession() throws Exception {
        Article article = fixtures.article(section());
        try (Connection listener = dataSource.getConnection(); Statement listen = listener.createStatement()) {
            listen.execute("listen " + ChangeLogFollower.CHANNEL);
            String schema = listener.getSchema();
            int writer = QuarkusTransaction.requiringNew().call(() -> {
                changeLog.append(List.of(new Change(EntityType.ARTICLE, article.id, ChangeLog.Kind.UPDATED, Instant.now())),
                        Instant.now());
                try (Connection inTransaction = dataSource.getConnection(); Statement pid = inTransaction.createStatement();
                     ResultSet row = pid.executeQuery("select pg_backend_pid()")) {
                    row.next();
                    return row.getInt(1);
                }
            });
            PGConnection notifications = listener.unwrap(PGConnection.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean notified = false;
            while (!notified && System.nanoTime() < deadline) {
                PGNotification[] received = notifications.getNotifications(100);
                notified = received != null && Arrays.stream(received)
                        .anyMatch(n -> n.getPID() == writer && n.getName().equals(ChangeLogFollower.CHANNEL)
                                && n.getParameter().equals(schema));
            }
            assertTrue(notified, "the append sent no notification from its session");
        }
    }

    /**
     * A second follower on the same database stands for another instance: a change written
     * through this one reaches it through a notification (it has no scheduled rows to wake for).
     * Only a notification naming its own schema wakes it, so other test runs on the database
     * cannot make this pass without the trigger.
     */
    @Test
    void aChangeWrittenThroughOneInstanceReachesAnotherThroughTheDatabase() throws Exception {
        BlockingQueue<LogWindow> windows = new LinkedBlockingQueue<>();
        ChangeLogFollower other = new ChangeLogFollower(dataSource, changeLog, java.time.Clock.systemUTC(), 1000,
                (window, next) -> windows.add(window));
        other.start("other-instance-follower");
        try {
            // The first move reads what was there when it started.
            assertNotNull(windows.poll(10, TimeUnit.SECONDS));
            long id = publishedArticle(Accounts.tokenFor("EDITOR"), section().id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean arrived = false;
            while (!arrived && System.nanoTime() < deadline) {
                LogWindow window = windows.poll(100, TimeUnit.MILLISECONDS);
                arrived = window != null && window.entries().stream()
                        .anyMatch(e -> e.type() == EntityType.ARTICLE && e.entityId() == id && e.visible());
            }
            assertTrue(arrived, "the other instance did not hear of the change");
        } finally {
            other.stop();
        }
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWhileOthersKeepReceiving() throws Exception {
        Section section = section();
        Article article = fixtures.article(section);
        // Streams of earlier tests may still be counted until the server notices they closed.
        int before = live.subscriberCount();
        try (EventStream reader = EventStream.open(); Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("localhost", EventStream.uri().getPort()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (live.subscriberCount() < before + 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            // Megabytes of events, more than socket buffers hold, in commits that each fit a subscriber's buffer.
            int commits = 400;
            int perCommit = config.events().maxPending() * 3 / 4;
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < perCommit; i++) {
                changes.add(new Change(EntityType.ARTICLE, article.id, ChangeLog.Kind.UPDATED, Instant.now()));
            }
            // Paced by the reader, as a steady flow rather than a burst no buffer of max-pending holds.
            long expected = reader.contentEventsReceived();
            // Bounded as a whole: without the per-client bound the slow client holds the stream back
            // and this loop would otherwise crawl for an hour instead of failing.
            long overall = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (int i = 0; i < commits; i++) {
                assertTrue(System.nanoTime() < overall, "the reader stopped keeping up after " + i + " commits");
                QuarkusTransaction.requiringNew().run(() -> changeLog.append(changes, Instant.now()));
                expected += perCommit;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (reader.contentEventsReceived() < expected && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            long marker = publishedArticle(Accounts.tokenFor("EDITOR"), section.id);
            String markerData = "\"id\":" + marker + ",";
            reader.next(e -> e.isContent() && e.data().contains(markerData));
            assertFalse(reader.ended());

            // The slow client now reads what reached it: the server ended its stream.
            slow.setSoTimeout(10_000);
            InputStream in = slow.getInputStream();
            byte[] buffer = new byte[65536];
            long bytes = 0;
            String tail = "";
            try {
                for (int n = in.read(buffer); n >= 0 && !tail.endsWith("\r\n0\r\n\r\n"); n = in.read(buffer)) {
                    bytes += n;
                    tail = (tail + new String(buffer, 0, n, StandardCharsets.US_ASCII));
                    tail = tail.substring(Math.max(0, tail.length() - 200));
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The slow client was not dropped; it had read " + bytes + " bytes");
            } catch (IOException reset) {
                // The server closed the connection: dropped.
            }
            assertFalse(tail.contains(markerData), "the slow client got everything");
            long until2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (live.subscriberCount() > before + 1 && System.nanoTime() < until2) {
                Thread.onSpinWait();
            }
            assertTrue(live.subscriberCount() <= before + 1, "the dropped client is no longer a subscriber");
        }
    }

    @Test
    void anInstanceServesAtMostMaxSubscribersStreams() throws Exception {
        int max = config.events().maxSubscribers();
        List<EventStream> open = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < 3 * max && live.subscriberCount() < max; attempt++) {
                int before = live.subscriberCount();
                open.add(EventStream.open());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (live.subscriberCount() == before && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            assertEquals(max, live.subscriberCount());
            // Not through RestAssured: were the stream answered, it would read it for ever.
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(EventStream.uri())
                            .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(null));
        } finally {
            open.forEach(EventStream::close);
        }
    }
}
