package vn.cms.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.common.db.Sql;
import vn.cms.section.Section;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

/** Delta sync through HTTP: a client that follows it ends with exactly the public content. */
@QuarkusTest
class SyncTest {

    @Inject
    ContentFixtures fixtures;

    @Inject
    ChangeLog changeLog;

    @Inject
    TestClock clock;

    @Inject
    Sql sql;

    /** A client's offline copy: "type:id" to the version it holds (sections hold 0). */
    private static final class Copy {
        final Map<String, Long> entries = new HashMap<>();
        String token;

        /** Follows the sync until hasMore is false; answers every item received. */
        List<Map<String, Object>> follow(Map<String, Object> firstParameters) {
            List<Map<String, Object>> received = new java.util.ArrayList<>();
            boolean more = true;
            while (more) {
                JsonPath page = (token == null ? given().queryParams(firstParameters) : given().queryParam("token", token))
                        .get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("items");
                apply(items);
                received.addAll(items);
                token = page.getString("nextToken");
                more = page.getBoolean("hasMore");
            }
            return received;
        }

        void apply(List<Map<String, Object>> items) {
            for (Map<String, Object> item : items) {
                String key = item.get("type") + ":" + item.get("id");
                if (item.get("action").equals("delete")) {
                    entries.remove(key);
                } else {
                    Map<?, ?> data = (Map<?, ?>) item.get("data");
                    entries.put(key, data.containsKey("version") ? ((Number) data.get("version")).longValue() : 0L);
                }
            }
        }
    }

    /** What the public API shows of the section: its articles with their versions, and the section. */
    private static Map<String, Long> publicState(Section section) {
        Map<String, Long> state = new HashMap<>();
        state.put("section:" + section.id, 0L);
        List<Map<String, Object>> items = given().queryParam("section", section.slug).queryParam("size", 100)
                .get("/api/v1/articles").then().statusCode(200).extract().path("items");
        for (Map<String, Object> item : items) {
            long id = ((Number) item.get("id")).longValue();
            long version = ((Number) given().get("/api/v1/articles/" + id).then().statusCode(200)
                    .extract().path("version")).longValue();
            state.put("article:" + id, version);
        }
        return state;
    }

    private Section section() {
        return fixtures.section(ContentFixtures.unique("Đồng bộ"));
    }

    @Test
    void initialWalkThenDeltaReportEveryKindOfChangeOnce() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        Section elsewhere = section();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> input = Articles.input(section.id);
            input.put("status", "PUBLISHED");
            ids.add(Articles.id(Articles.create(editor, input)));
        }
        long draft = Articles.id(Articles.create(editor, Articles.input(section.id)));

        Copy copy = new Copy();
        List<Map<String, Object>> walk = copy.follow(Map.of("section", section.slug, "limit", 2));
        assertEquals(6, walk.size());
        assertEquals(Map.of("type", "section", "id", section.id.intValue()), Map.of("type", walk.get(0).get("type"),
                "id", walk.get(0).get("id")));
        assertEquals(publicState(section), copy.entries);

        Accounts.as(editor).header("If-Match", "\"v1\"").contentType(ContentType.JSON)
                .body(Map.of("summary", "Sửa lần một")).patch("/api/v1/articles/" + ids.get(0)).then().statusCode(200);
        Accounts.as(editor).header("If-Match", "\"v2\"").contentType(ContentType.JSON)
                .body(Map.of("summary", "Sửa lần hai")).patch("/api/v1/articles/" + ids.get(0)).then().statusCode(200);
        Accounts.as(editor).post("/api/v1/articles/" + ids.get(1) + "/unpublish").then().statusCode(200);
        Accounts.as(editor).header("If-Match", "\"v1\"").delete("/api/v1/articles/" + ids.get(2)).then().statusCode(204);
        Accounts.as(editor).header("If-Match", "\"v1\"").contentType(ContentType.JSON)
                .body(Map.of("sectionId", elsewhere.id)).patch("/api/v1/articles/" + ids.get(3)).then().statusCode(200);
        Accounts.as(editor).post("/api/v1/articles/" + draft + "/publish").then().statusCode(200);

        List<Map<String, Object>> delta = copy.follow(null);
        Map<Object, Object> actions = new HashMap<>();
        delta.forEach(item -> actions.put(item.get("id"), item.get("action")));
        assertEquals(Map.of(ids.get(0).intValue(), "upsert", ids.get(1).intValue(), "delete",
                ids.get(2).intValue(), "delete", ids.get(3).intValue(), "delete", (int) draft, "upsert"), actions);
        assertEquals(5, delta.size(), "each article once");
        assertEquals(publicState(section), copy.entries);
        assertTrue(copy.follow(null).isEmpty(), "nothing changed since");
    }

    @Test
    void writesDuringTheInitialWalkAreCaughtByTheFirstDelta() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(fixtures.article(section, a -> { }).id);
        }
        Copy copy = new Copy();
        JsonPath first = given().queryParam("section", section.slug).queryParam("types", "article").queryParam("limit", 3)
                .get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
        copy.apply(first.getList("items"));
        copy.token = first.getString("nextToken");
        assertTrue(first.getBoolean("hasMore"));
        // Between the pages: one already sent is withdrawn, one not yet sent is edited, a new one appears.
        Accounts.as(editor).post("/api/v1/articles/" + ids.get(0) + "/unpublish").then().statusCode(200);
        Accounts.as(editor).header("If-Match", "\"v" + versionOf(ids.get(6)) + "\"").contentType(ContentType.JSON)
                .body(Map.of("title", "Tiêu đề mới")).patch("/api/v1/articles/" + ids.get(6)).then().statusCode(200);
        Map<String, Object> input = Articles.input(section.id);
        input.put("status", "PUBLISHED");
        Articles.create(editor, input);
        copy.follow(null);
        copy.follow(null);
        Map<String, Long> expected = publicState(section);
        expected.remove("section:" + section.id);
        assertEquals(expected, copy.entries);
    }

    private static long versionOf(long id) {
        return ((Number) Accounts.as(Accounts.adminToken()).get("/api/v1/articles/" + id).then().statusCode(200)
                .extract().path("version")).longValue();
    }

    @Test
    void aScheduledArticleIsAnUpsertInTheFirstAnswerAfterItsTime() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        Copy copy = new Copy();
        copy.follow(Map.of("section", section.slug));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(now);
        long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
        Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", now.plus(Duration.ofHours(1)).toString()))
                .post("/api/v1/articles/" + id + "/publish").then().statusCode(200).body("status", is("SCHEDULED"));
        assertTrue(copy.follow(null).isEmpty(), "not before its time");
        clock.set(now.plus(Duration.ofHours(1)));
        List<Map<String, Object>> due = copy.follow(null);
        assertEquals(1, due.size());
        assertEquals("upsert", due.get(0).get("action"));
        assertEquals((int) id, due.get(0).get("id"));
        assertTrue(copy.follow(null).isEmpty());
    }

    @Test
    void tokensAreTamperProofExpireAndTakeNoOtherParameters() {
        String token = given().queryParam("types", "section").get("/api/v1/sync").then().statusCode(200)
                .extract().path("nextToken");
        String forged = token.substring(0, 5) + (token.charAt(5) == 'A' ? 'B' : 'A') + token.substring(6);
        given().queryParam("token", forged).get("/api/v1/sync").then().statusCode(400)
                .body("errors[0].field", is("token"));
        given().queryParam("token", "khong-phai-token").get("/api/v1/sync").then().statusCode(400);
        given().queryParam("token", token).queryParam("limit", 5).get("/api/v1/sync").then().statusCode(400)
                .body("errors[0].field", is("limit"));
        given().queryParam("types", "tag").get("/api/v1/sync").then().statusCode(400).body("errors[0].field", is("types"));
        given().queryParam("limit", 501).get("/api/v1/sync").then().statusCode(400).body("errors[0].field", is("limit"));
        given().queryParam("section", "khong-co").get("/api/v1/sync").then().statusCode(400)
                .body("errors[0].field", is("section"));
        given().queryParam("token", token).get("/api/v1/sync").then().statusCode(200);
        clock.set(Instant.now().plus(Duration.ofDays(91)));
        given().queryParam("token", token).get("/api/v1/sync").then().statusCode(410)
                .contentType("application/problem+json").body("status", is(410));
    }

    /**
     * A change that takes its place in the log first but commits last must not be skipped by a
     * reader who saw the later one: with ids from a plain sequence, it would be.
     */
    @Test
    void theLogIsReadInCommitOrder() throws Exception {
        Section section = section();
        Article early = fixtures.article(section, a -> { });
        Article late = fixtures.article(section, a -> { });
        Copy copy = new Copy();
        copy.follow(Map.of("section", section.slug, "types", "article"));
        copy.entries.clear();

        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            changeLog.append(List.of(new Change(EntityType.ARTICLE, early.id, ChangeLog.Kind.PUBLISHED, Instant.now())), Instant.now());
            appended.countDown();
            await(release);
        }));
        assertTrue(appended.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> fast = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() ->
                changeLog.append(List.of(new Change(EntityType.ARTICLE, late.id, ChangeLog.Kind.PUBLISHED, Instant.now())), Instant.now())));
        // Wait until the fast writer has committed, or is waiting for the slow one's lock.
        for (int i = 0; i < 200 && !fast.isDone() && !waitingForTheAppendLock(); i++) {
            Thread.sleep(25);
        }
        copy.follow(null);
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        fast.get(10, TimeUnit.SECONDS);
        copy.follow(null);
        assertEquals(Map.of("article:" + early.id, 1L, "article:" + late.id, 1L), copy.entries);
    }

    private boolean waitingForTheAppendLock() {
        // A bigint advisory key shows as its high and low 32 bits.
        long key = 0x636d732d6c6f67L;
        return sql.count("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and classid = ? and objid = ?", List.of(key >>> 32, key & 0xffffffffL)) > 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSectionMovedInOrOutBringsOrTakesItsArticles() {
        String editor = Accounts.tokenFor("EDITOR");
        Section followed = section();
        Section other = section();
        Article article = fixtures.article(other, a -> { });
        Copy copy = new Copy();
        copy.follow(Map.of("section", followed.slug));
        assertEquals(Map.of("section:" + followed.id, 0L), copy.entries);

        Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("parentId", followed.id))
                .patch("/api/v1/sections/" + other.id).then().statusCode(200);
        copy.follow(null);
        Map<String, Long> expected = new HashMap<>(publicState(followed));
        expected.put("section:" + other.id, 0L);
        assertEquals(expected, copy.entries);
        assertTrue(copy.entries.containsKey("article:" + article.id));

        Accounts.as(editor).contentType("application/merge-patch+json").body("{\"parentId\": null}")
                .patch("/api/v1/sections/" + other.id).then().statusCode(200);
        copy.follow(null);
        assertEquals(Map.of("section:" + followed.id, 0L), copy.entries);
    }

    @Test
    void deletingASectionIsADelete() {
        String editor = Accounts.tokenFor("EDITOR");
        int id = Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("name", ContentFixtures.unique("Tạm")))
                .post("/api/v1/sections").then().statusCode(201).extract().path("id");
        Copy copy = new Copy();
        copy.follow(Map.of("types", "section"));
        assertTrue(copy.entries.containsKey("section:" + id));
        Accounts.as(editor).delete("/api/v1/sections/" + id).then().statusCode(204);
        List<Map<String, Object>> delta = copy.follow(null);
        assertTrue(delta.stream().anyMatch(item -> item.get("id").equals(id) && item.get("action").equals("delete")
                && item.get("data") == null), delta.toString());
        assertFalse(copy.entries.containsKey("section:" + id));
    }
}
