package vn.cms.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Hits.page;
import static vn.cms.testing.Hits.send;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.article.ArticleStatus;
import vn.cms.common.config.CmsConfig;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

/** What a beacon may send and what each answer is; a refused hit counts nowhere. */
@QuarkusTest
class HitBeaconTest {

    @Inject
    TestClock clock;
    @Inject
    HitRecorder recorder;
    @Inject
    ContentFixtures fixtures;

    @Inject
    CmsConfig config;

    /** The counter once pending hits are written and a cached answer has expired (flushes leave it cached). */
    private long pageViews() {
        recorder.flush();
        clock.advance(config.cache().maxStaleness());
        return Hits.stats().getLong("pageViews");
    }

    @Test
    void aBrowserHitIsAcceptedWithoutBodyAndCounted() {
        long before = pageViews();
        send(page("/", null, null), Hits.newAddress(), Hits.BROWSER)
                .statusCode(202)
                .header("Cache-Control", "no-store")
                .body(is(""));
        assertEquals(before + 1, pageViews());
    }

    @Test
    void sendBeaconsPlainTextBodyIsReadAsJson() {
        long before = pageViews();
        given().header("X-Forwarded-For", Hits.newAddress()).header("User-Agent", Hits.BROWSER)
                .contentType("text/plain;charset=UTF-8")
                .body("{\"path\": \"/cải-cách-hành-chính\", \"referrer\": \"https://www.google.com/\"}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/stats/hits").then().statusCode(202);
        assertEquals(before + 1, pageViews());
    }

    @Test
    void aHitOnAnArticleAddsToItsViewCount() {
        Section section = fixtures.section(ContentFixtures.unique("Thống kê"));
        Article article = fixtures.article(section);
        String address = Hits.newAddress();
        Hits.view(UUID.randomUUID().toString(), article.id, address);
        Hits.view(UUID.randomUUID().toString(), article.id, address);
        recorder.flush();
        given().get("/api/v1/articles/" + article.id).then().statusCode(200).body("viewCount", is(2));
    }

    @Test
    void crawlersAndRequestsWithoutUserAgentAreAnsweredButNotCounted() {
        long before = pageViews();
        send(page("/", null, null), Hits.newAddress(),
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").statusCode(202);
        send(page("/", null, null), Hits.newAddress(),
                "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)").statusCode(202);
        send(page("/", null, null), Hits.newAddress(), "facebookexternalhit/1.1").statusCode(202);
        send(page("/", null, null), Hits.newAddress(), "").statusCode(202);
        assertEquals(before, pageViews());
    }

    @Test
    void malformedJsonIsRefusedAndNothingCounted() {
        long before = pageViews();
        for (String body : List.of("{\"path\": ", "[]", "\"/\"", "", "{\"path\": \"/\", \"articleId\": \"một\"}")) {
            given().header("X-Forwarded-For", Hits.newAddress()).header("User-Agent", Hits.BROWSER)
                    .contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/stats/hits").then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertEquals(before, pageViews());
    }

    @Test
    void invalidFieldsAreNamed() {
        send(page(" ", null, "short"), Hits.newAddress(), Hits.BROWSER)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", is(List.of("path", "visitorId")))
                .body("errors.find { it.field == 'visitorId' }.message",
                        is("must be 8 to 128 letters, digits, '-', '_' or '.'"));
        var unknownField = page("/", null, null);
        unknownField.put("userId", 7);
        send(unknownField, Hits.newAddress(), Hits.BROWSER)
                .statusCode(400)
                .body("errors[0].field", is("userId"));
    }

    @Test
    void aHitOnAnArticleReadersCannotSeeIsRefused() {
        Section section = fixtures.section(ContentFixtures.unique("Thống kê"));
        Article draft = fixtures.article(section, a -> a.status = ArticleStatus.DRAFT);
        long before = pageViews();
        for (long id : List.of(draft.id, 999_999_999L)) {
            send(page("/", id, null), Hits.newAddress(), Hits.BROWSER)
                    .statusCode(400)
                    .body("errors[0].field", is("articleId"))
                    .body("errors[0].message", is("no published article has the id " + id));
        }
        assertEquals(before, pageViews());
    }

    @Test
    void anOversizedBeaconIs413BeforeItIsRead() {
        long before = pageViews();
        given().header("X-Forwarded-For", Hits.newAddress()).header("User-Agent", Hits.BROWSER)
                .contentType(ContentType.JSON)
                .body(("{\"path\": \"/" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/stats/hits").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", is("The request body is larger than 4096 bytes, the most this endpoint accepts"));
        assertEquals(before, pageViews());
    }

    @Test
    void otherContentTypesAre415() {
        given().contentType("application/xml").body("<hit/>").post("/api/v1/stats/hits").then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void oneVisitorOverTheRateLimitIs429UntilTheMinuteEnds() {
        long before = pageViews();
        clock.set(OffsetDateTime.parse("2031-05-05T10:20:15+07:00").toInstant());
        String reader = UUID.randomUUID().toString();
        for (int i = 0; i < 20; i++) {
            Hits.view(reader, null, Hits.newAddress());
        }
        send(page("/", null, reader), Hits.newAddress(), Hits.BROWSER)
                .statusCode(429)
                .header("Retry-After", "45")
                .contentType("application/problem+json")
                .body("detail", is("More than 20 hits a minute from this visitor or address; try again in 45 seconds"));
        assertEquals(before + 20, pageViews());

        clock.set(OffsetDateTime.parse("2031-05-05T10:21:00+07:00").toInstant());
        Hits.view(reader, null, Hits.newAddress());
    }

    @Test
    void oneAddressOverTheRateLimitIs429WhateverVisitorIdsItSends() {
        clock.set(OffsetDateTime.parse("2031-05-06T10:20:50+07:00").toInstant());
        String address = Hits.newAddress();
        for (int i = 0; i < 20; i++) {
            Hits.view(UUID.randomUUID().toString(), null, address);
        }
        send(page("/", null, UUID.randomUUID().toString()), address, Hits.BROWSER)
                .statusCode(429)
                .header("Retry-After", "10");
    }
}
