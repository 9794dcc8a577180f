package vn.cms.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

@QuarkusTest
class PopularArticlesTest {

    @Inject
    TestClock clock;
    @Inject
    HitRecorder recorder;
    @Inject
    ContentFixtures fixtures;

    private void at(String siteTime) {
        clock.set(OffsetDateTime.parse(siteTime).toInstant());
    }

    private static void views(Article article, int count) {
        String address = Hits.newAddress();
        for (int i = 0; i < count; i++) {
            Hits.view(UUID.randomUUID().toString(), article.id, address);
        }
    }

    private List<Long> popular(Map<String, ?> query) {
        recorder.flush();
        return given().queryParams(query).get("/api/v1/stats/popular").then()
                .statusCode(200).extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void mostViewedFirstByCalendarPeriodOfTheSiteZone() {
        Section parent = fixtures.section(ContentFixtures.unique("Tin tức"));
        Section child = fixtures.section(ContentFixtures.unique("Cải cách hành chính"), parent.id, 1);
        Section other = fixtures.section(ContentFixtures.unique("Thể thao"));
        Article a = fixtures.article(parent);
        Article b = fixtures.article(child);
        Article c = fixtures.article(parent);
        Article elsewhere = fixtures.article(other);

        at("2033-01-31T10:00:00+07:00"); // Monday, last of the month
        views(c, 10);
        at("2033-02-06T23:00:00+07:00"); // Sunday of the next week
        views(a, 3);
        at("2033-02-07T09:00:00+07:00"); // Monday
        views(a, 3);
        views(b, 5);
        views(c, 1);
        views(elsewhere, 20);

        String section = parent.slug;
        assertEquals(List.of(b.id, a.id, c.id), popular(Map.of("section", section, "period", "day")));
        assertEquals(List.of(b.id, a.id, c.id), popular(Map.of("section", section, "period", "week")));
        assertEquals(List.of(a.id, b.id, c.id), popular(Map.of("section", section, "period", "month")));
        assertEquals(List.of(c.id, a.id, b.id), popular(Map.of("section", section, "period", "all")));
        assertEquals(List.of(b.id, a.id, c.id), popular(Map.of("section", section)));
        assertEquals(List.of(b.id), popular(Map.of("section", child.slug)));
        assertEquals(List.of(c.id, a.id), popular(Map.of("section", section, "period", "all", "limit", "2")));

        given().get("/api/v1/stats/popular?section=" + other.slug + "&period=all").then()
                .statusCode(200)
                .body("items[0].id", is(elsewhere.id.intValue()))
                .body("items[0].viewCount", is(20))
                .body("items[0].section.slug", is(other.slug));
    }

    @Test
    void anArticleNoLongerPublishedLeavesTheList() {
        Section section = fixtures.section(ContentFixtures.unique("Tin tức"));
        Article kept = fixtures.article(section);
        Article withdrawn = fixtures.article(section);
        views(kept, 1);
        views(withdrawn, 2);
        assertEquals(List.of(withdrawn.id, kept.id), popular(Map.of("section", section.slug, "period", "all")));
        Accounts.as(Accounts.tokenFor("EDITOR")).post("/api/v1/articles/" + withdrawn.id + "/unpublish").then()
                .statusCode(200);
        assertEquals(List.of(kept.id), popular(Map.of("section", section.slug, "period", "all")));
    }

    @Test
    void concurrentBrowserHitsAreCountedExactly() throws Exception {
        Section section = fixtures.section(ContentFixtures.unique("Tin tức"));
        List<Article> articles = List.of(fixtures.article(section), fixtures.article(section), fixtures.article(section));
        int clients = 200;
        int hitsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> work = new ArrayList<>();
        for (int n = 0; n < clients; n++) {
            String address = Hits.newAddress();
            String reader = UUID.randomUUID().toString();
            int client = n;
            work.add(pool.submit(() -> {
                for (int i = 0; i < hitsEach; i++) {
                    Hits.view(reader, articles.get((client + i) % 3).id, address);
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        recorder.flush();
        for (Article article : articles) {
            given().get("/api/v1/articles/" + article.id).then().body("viewCount", is(clients * hitsEach / 3));
        }
    }

    @Test
    void badQueriesAreNamed() {
        given().get("/api/v1/stats/popular?period=year&limit=0&top=5").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", is(List.of("top", "period", "limit")))
                .body("errors[0].message", is("is not a parameter of this endpoint; known: limit, period, section"))
                .body("errors[1].message", is("must be one of day, week, month, all"))
                .body("errors[2].message", is("must be a whole number from 1 to 100"));
        given().get("/api/v1/stats/popular?section=khong-co-muc-nay").then()
                .statusCode(400)
                .body("errors[0].field", is("section"))
                .body("errors[0].message", is("no section has the slug 'khong-co-muc-nay'"));
        given().get("/api/v1/stats/popular?limit=101&period=day&period=week").then()
                .statusCode(400)
                .body("errors.field", is(List.of("period", "limit")));
    }
}
