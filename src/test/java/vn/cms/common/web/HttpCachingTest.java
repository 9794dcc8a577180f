package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.section.Section;
import vn.cms.sync.ChangeLog;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.EventStream;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

/** ETags, 304s and Cache-Control per audience, compression, and a read cache that is never stale. */
@QuarkusTest
class HttpCachingTest {

    private static final String PUBLIC = "public, max-age=30, stale-while-revalidate=30";
    private static final String ETAG = "\"[A-Za-z0-9_-]{22}\"";

    @Inject
    ContentFixtures fixtures;

    @Inject
    PublicResponseCache publicResponses;

    @Inject
    HttpServer server;

    @Inject
    TestClock clock;

    @Inject
    ChangeLog changeLog;

    @Inject
    CmsConfig config;

    @Inject
    Sql sql;

    @Inject
    ArticleSearchIndex searchIndex;

    private Section section() {
        return fixtures.section(ContentFixtures.unique("Phát hành"));
    }

    @Test
    void publicReadsCarryAnEtagThatAnswers304WithoutABody() {
        Article article = fixtures.article(section());
        String path = "/api/v1/articles/" + article.id;
        String etag = given().get(path).then()
                .statusCode(200)
                .header("ETag", matchesPattern(ETAG))
                .header("Cache-Control", PUBLIC)
                .header("Vary", "Accept-Encoding, Authorization")
                .extract().header("ETag");
        // Twice: the second answer comes from the cache, before any resource runs.
        for (int i = 0; i < 2; i++) {
            given().header("If-None-Match", etag).get(path).then()
                    .statusCode(304)
                    .header("ETag", etag)
                    .header("Cache-Control", PUBLIC)
                    .body(emptyString());
        }
        given().header("If-None-Match", "\"khac\", W/" + etag).get(path).then().statusCode(304);
        given().header("If-None-Match", "*").get(path).then().statusCode(304);
        given().header("If-None-Match", "\"khac\"").get(path).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void everyKindOfPublicGetHasAnEtag() {
        for (String path : List.of("/api/v1/sections", "/api/v1/articles?size=2", "/api/v1/stats",
                "/api/v1/stats/popular", "/api/v1/sections/slug/cai-cach-hanh-chinh")) {
            String etag = given().get(path).then().statusCode(200).header("ETag", matchesPattern(ETAG))
                    .header("Cache-Control", PUBLIC).extract().header("ETag");
            given().header("If-None-Match", etag).get(path).then().statusCode(304);
        }
    }

    @Test
    void pagesKeepTheirLinkHeadersWhenServedFromTheCache() {
        Section section = section();
        fixtures.article(section);
        fixtures.article(section);
        String path = "/api/v1/articles?size=1&section=" + section.slug;
        List<String> first = given().get(path).then().statusCode(200).extract().headers().getValues("Link");
        List<String> cached = given().get(path).then().statusCode(200).extract().headers().getValues("Link");
        assertEquals(1, first.size());
        assertEquals(first, cached);
    }

    @Test
    void answersWithCredentialsAreNeverStoredButStillHaveEtags() {
        String token = Accounts.tokenFor("EDITOR");
        Map<String, Object> draft = Articles.create(token, Articles.input(section().id));
        String path = "/api/v1/articles/" + Articles.id(draft);
        Accounts.as(token).get(path).then()
                .statusCode(200)
                .header("ETag", "\"v1\"")
                .header("Cache-Control", "private, no-store");
        Accounts.as(token).header("If-None-Match", "\"v1\"").get(path).then().statusCode(304)
                .header("Cache-Control", "private, no-store");
        String users = Accounts.as(Accounts.adminToken()).get("/api/v1/users").then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .header("ETag", matchesPattern(ETAG)).extract().header("ETag");
        Accounts.as(Accounts.adminToken()).header("If-None-Match", users).get("/api/v1/users").then().statusCode(304);
    }

    @Test
    void requestsThatChangeNoContentLeaveTheCacheAlone() {
        String editor = Accounts.tokenFor("EDITOR");
        String author = Accounts.tokenFor("AUTHOR");
        Article article = fixtures.article(section());
        String path = "/api/v1/articles/" + article.id;
        Map<String, Runnable> requests = new java.util.LinkedHashMap<>();
        requests.put("HEAD", () -> given().head(path).then().statusCode(200));
        requests.put("GET", () -> given().get(path).then().statusCode(200));
        requests.put("login", () -> Accounts.adminToken());
        requests.put("a refused write", () -> Accounts.as(author).contentType(ContentType.JSON).body("{}")
                .post(path + "/publish").then().statusCode(403));
        requests.put("a failed write", () -> Accounts.as(editor).header("If-Match", "\"v99\"")
                .contentType(ContentType.JSON).body(Map.of("summary", "Tóm tắt")).patch(path).then().statusCode(412));
        requests.put("a crawler's hit", () -> Hits.send(Hits.page("/tin-tuc", article.id, null), Hits.newAddress(),
                "Googlebot/2.1 (+http://www.google.com/bot.html)").statusCode(202));
        requests.put("an invalid hit", () -> Hits.send(Map.of("path", ""), Hits.newAddress(), Hits.BROWSER)
                .statusCode(400));
        requests.forEach((name, request) -> assertTrue(leavesTheCacheAlone(request),
                name + " emptied the read cache"));
    }

    /**
     * Whether the cache keeps its generation across the request. Other work of the service (a
     * statistics flush, the search indexer) may empty it at any moment, so one of a few tries must
     * show it untouched; a request that empties it fails every try.
     */
    private boolean leavesTheCacheAlone(Runnable request) {
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = publicResponses.generation();
            request.run();
            if (publicResponses.generation() == before) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everySpellingOfOneQueryIsOneCacheEntry() {
        Section section = section();
        fixtures.article(section);
        String first = given().urlEncodingEnabled(false).get("/api/v1/articles?size=3&section=" + section.slug)
                .then().statusCode(200).extract().header("ETag");
        PublicResponseCache.Entry entry = publicResponses.get("/api/v1/articles?section=" + section.slug + "&size=3");
        assertEquals(first, entry == null ? null : entry.etag());
        // Parameters in another order, a needlessly escaped name: the same answer.
        given().urlEncodingEnabled(false).get("/api/v1/articles?section=" + section.slug + "&%73ize=3").then()
                .statusCode(200).header("ETag", first);
    }

    @Test
    void theCacheIsWeighedInBytes() {
        Article big = fixtures.article(section(), a -> a.body = "<p>" + "Cải cách hành chính. ".repeat(2000) + "</p>");
        double bytes = -1;
        int bodyBytes = 0;
        // A statistics flush or the search indexer may empty the cache between the two requests.
        for (int attempt = 0; attempt < 5 && bytes < bodyBytes; attempt++) {
            bodyBytes = given().get("/api/v1/articles/" + big.id).then().statusCode(200).extract().asByteArray().length;
            String metrics = given().get("http://localhost:" + server.getManagementPort() + "/q/metrics").then()
                    .statusCode(200).extract().asString();
            bytes = metrics.lines().filter(line -> line.startsWith("cms_cache_bytes "))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
        }
        assertTrue(bytes >= bodyBytes, "cms_cache_bytes " + bytes + " holds the " + bodyBytes + " bytes just read");
    }

    @Test
    void errorsAreNotStored() {
        given().get("/api/v1/articles/999999999").then().statusCode(404).header("Cache-Control", "no-store")
                .header("ETag", nullValue());
    }

    @Test
    void bodiesOfOneKilobyteOrMoreAreGzippedForClientsThatAskForIt() {
        Article big = fixtures.article(section(), a -> a.body = "<p>" + "Cải cách hành chính. ".repeat(200) + "</p>");
        for (int i = 0; i < 2; i++) { // built, then cached
            given().header("Accept-Encoding", "gzip").get("/api/v1/articles/" + big.id).then()
                    .statusCode(200).header("Content-Encoding", "gzip")
                    .body("body", is(big.body));
        }
        for (int i = 0; i < 2; i++) {
            given().header("Accept-Encoding", "gzip").get("/api/v1/sections/slug/cai-cach-hanh-chinh").then()
                    .statusCode(200).header("Content-Encoding", not("gzip"));
        }
    }

    @Test
    void aCachedBodyIsGzippedOnceAndSentWithItsLength() {
        Article big = fixtures.article(section(), a -> a.body = "<p>" + "Cải cách hành chính. ".repeat(200) + "</p>");
        String path = "/api/v1/articles/" + big.id;
        // Nothing may empty the cache meanwhile: a rebuilt answer is compressed as it is sent.
        clock.set(Instant.now());
        while (searchIndex.indexPending() > 0) {
            Thread.onSpinWait();
        }
        byte[] identity = given().get(path).then().statusCode(200).extract().asByteArray();
        for (int i = 0; i < 2; i++) {
            Response gzipped = given().header("Accept-Encoding", "br;q=1, gzip;q=0.5").get(path);
            gzipped.then().statusCode(200).header("Content-Encoding", "gzip")
                    .header("Content-Length", matchesPattern("[1-9][0-9]*")).header("Transfer-Encoding", nullValue());
            assertTrue(Integer.parseInt(gzipped.header("Content-Length")) < identity.length / 2);
            assertEquals(new String(identity, StandardCharsets.UTF_8), gzipped.asString());
        }
        // The client adds deflate of its own: the framework may use that, not gzip.
        given().header("Accept-Encoding", "gzip;q=0").get(path).then().statusCode(200)
                .header("Content-Encoding", not("gzip"));
    }

    @Test
    void everyKindOfWriteShowsInTheNextRead() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        Map<String, Object> input = Articles.input(section.id);
        input.put("status", "PUBLISHED");
        long id = Articles.id(Articles.create(editor, input));
        String path = "/api/v1/articles/" + id;
        String list = "/api/v1/articles?section=" + section.slug;
        String title = given().get(path).then().statusCode(200).extract().path("title");
        given().get(list).then().body("items.title", is(List.of(title)));

        Accounts.as(editor).header("If-Match", "\"v1\"").contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"title\": \"Tiêu đề đã sửa\"}".getBytes(StandardCharsets.UTF_8))
                .patch(path).then().statusCode(200);
        given().get(path).then().body("title", is("Tiêu đề đã sửa"));
        given().get(list).then().body("items.title", is(List.of("Tiêu đề đã sửa")));

        Accounts.as(editor).contentType(ContentType.JSON).body("{\"name\": \"Mục đã đổi tên\"}")
                .patch("/api/v1/sections/" + section.id).then().statusCode(200);
        given().get(path).then().body("section.name", is("Mục đã đổi tên"));

        Accounts.as(editor).post(path + "/unpublish").then().statusCode(200);
        given().get(path).then().statusCode(404);
        given().get(list).then().body("items", is(List.of()));

        Accounts.as(editor).post(path + "/publish").then().statusCode(200);
        given().get(list).then().body("items.title", is(List.of("Tiêu đề đã sửa")));

        Accounts.as(editor).header("If-Match", "\"v4\"").delete(path).then().statusCode(204);
        given().get(path).then().statusCode(404);

        String slug = ContentFixtures.unique("nhap-khau");
        given().get("/api/v1/articles/slug/" + slug).then().statusCode(404);
        Accounts.as(Accounts.adminToken()).contentType("application/x-ndjson")
                .body(("{\"kind\": \"article\", \"slug\": \"" + slug + "\", \"title\": \"Bài nhập khẩu\", \"body\": \"<p>Nội dung</p>\","
                        + " \"section\": \"" + section.slug + "\", \"status\": \"PUBLISHED\", \"publishedAt\": \"2017-03-15T14:00:00+07:00\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/import").then().statusCode(200);
        given().get("/api/v1/articles/slug/" + slug).then().statusCode(200).body("title", is("Bài nhập khẩu"));
    }

    @Test
    void aChangeCommittedByAnotherInstanceShowsAsSoonAsTheChangeLogHasIt() {
        Article article = fixtures.article(section());
        String path = "/api/v1/articles/" + article.id;
        // Stopped, the clock never lets the cached answer expire: only the change log can drop it.
        clock.set(Instant.now());
        given().get(path).then().body("title", is(article.title));
        // Another instance writes straight to the database and its change log.
        Instant committed = QuarkusTransaction.requiringNew().call(() -> {
            Article.update("title = ?1 where id = ?2", "Tin từ máy chủ khác", article.id);
            changeLog.append(List.of(new ChangeLog.Change(ChangeLog.EntityType.ARTICLE, article.id, ChangeLog.Kind.UPDATED,
                    clock.instant())),
                    clock.instant());
            return Instant.now();
        });
        Duration shownAfter = until(() -> "Tin từ máy chủ khác".equals(given().get(path).path("title")), committed);
        assertTrue(shownAfter.compareTo(Duration.ofSeconds(1)) <= 0, "shown after " + shownAfter);
    }

    @Test
    void aScheduledArticleAppearsOnTimeWhileTheListIsCached() {
        String editor = Accounts.tokenFor("EDITOR");
        Section section = section();
        Instant start = OffsetDateTime.parse("2031-06-01T08:00:00+07:00").toInstant();
        clock.set(start);
        long id = Articles.id(Articles.create(editor, Articles.input(section.id)));
        Instant at = start.plusSeconds(2);
        Accounts.as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", at.toString()))
                .post("/api/v1/articles/" + id + "/publish").then().statusCode(200).body("status", is("SCHEDULED"));
        // Once a later change has reached the live events, the follower knows of the schedule.
        try (EventStream stream = EventStream.open()) {
            Map<String, Object> input = Articles.input(section().id);
            input.put("status", "PUBLISHED");
            long marker = Articles.id(Articles.create(editor, input));
            stream.next(e -> e.isContent() && e.data().contains("\"id\":" + marker + ","));
        }
        String list = "/api/v1/articles?section=" + section.slug;
        given().get(list).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        clock.set(at.minusMillis(1));
        given().get(list).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        clock.set(at);
        given().get(list).then().statusCode(200).body("items.id", is(List.of((int) id)));
    }

    @Test
    void aHitFlushLeavesCachedResponsesInPlace() {
        // Stopped at the present, not ahead of it: a time ahead would bring other tests' scheduled
        // articles due, and their publication rightly empties the cache in the middle of this test.
        clock.set(Instant.now());
        // Nor may the search indexer be still at work on other tests' imports: each batch it indexes
        // changes search answers and empties the cache.
        while (searchIndex.indexPending() > 0) {
            Thread.onSpinWait();
        }
        Response before = given().get("/api/v1/stats");
        long visits = ((Number) before.path("totalVisits")).longValue();
        countOneVisitAndAwaitTheFlush(visits);
        given().get("/api/v1/stats").then().statusCode(200).header("ETag", before.header("ETag"))
                .body("totalVisits", is(before.<Object>path("totalVisits")));
    }

    @Test
    void aCounterIsAtMostTheMaximumStalenessBehindOnceFlushed() {
        clock.set(OffsetDateTime.parse("2031-06-03T09:00:00+07:00").toInstant());
        long visits = ((Number) given().get("/api/v1/stats").path("totalVisits")).longValue();
        countOneVisitAndAwaitTheFlush(visits);
        clock.advance(config.cache().maxStaleness());
        assertEquals(visits + 1, ((Number) given().get("/api/v1/stats").path("totalVisits")).longValue());
    }

    /** A visit by a new visitor, written by the next flush (within cms.stats.flush-interval). */
    private void countOneVisitAndAwaitTheFlush(long visitsBefore) {
        long baseline = config.stats().baselineVisits();
        Hits.view(java.util.UUID.randomUUID().toString(), null, Hits.newAddress());
        until(() -> sql.count("select coalesce(sum(visits), 0) from stats_day", List.of()) + baseline > visitsBefore,
                Instant.now());
    }

    @Test
    void cursorWalkEqualsPageWalkOverThousandsOfArticles() {
        Section section = section();
        StringBuilder lines = new StringBuilder("{\"kind\": \"section\", \"slug\": \"" + section.slug + "\", \"name\": \"" + section.name + "\"}\n");
        for (int i = 0; i < 2_500; i++) {
            // Ten articles share each publication minute, so ties must go by id.
            lines.append("{\"kind\": \"article\", \"slug\": \"").append(section.slug).append("-").append(i)
                    .append("\", \"title\": \"Bài ").append(i).append("\", \"body\": \"<p>Nội dung</p>\", \"section\": \"")
                    .append(section.slug).append("\", \"status\": \"PUBLISHED\", \"publishedAt\": \"")
                    .append(OffsetDateTime.parse("2016-01-01T08:00:00+07:00").plusMinutes(i / 10)).append("\"}\n");
        }
        Accounts.as(Accounts.adminToken()).contentType("application/x-ndjson")
                .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/import").then().statusCode(200).body("created", is(2_500));
        List<Integer> byPage = new ArrayList<>();
        for (int page = 1; page <= 25; page++) {
            byPage.addAll(given().queryParam("section", section.slug).queryParam("size", 100).queryParam("page", page)
                    .get("/api/v1/articles").then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class));
        }
        List<Integer> byCursor = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("section", section.slug).queryParam("size", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response response = request.get("/api/v1/articles");
            byCursor.addAll(response.then().statusCode(200).extract().jsonPath().getList("items.id", Integer.class));
            cursor = response.path("nextCursor");
        } while (cursor != null);
        assertEquals(2_500, byPage.size());
        assertEquals(byPage, byCursor);
        assertEquals(2_500, byPage.stream().distinct().count());
    }

    /** How long after {@code since} the condition first held (polled every 20 ms, for up to 5 s). */
    private static Duration until(Supplier<Boolean> condition, Instant since) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("never happened");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return Duration.between(since, Instant.now());
    }
}
