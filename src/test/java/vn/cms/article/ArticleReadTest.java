package vn.cms.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class ArticleReadTest {

    @Inject
    ContentFixtures fixtures;

    @Test
    void articleByIdAndBySlugShowEveryFieldInTheSiteTimeZone() {
        Section section = fixtures.section("Văn hóa");
        Article article = fixtures.article(section, a -> {
            a.title = "Lễ hội đền Hùng";
            a.summary = "Khai mạc lễ hội";
            a.body = "<p>Sáng nay…</p>";
            a.author = "Minh Anh";
            a.tags = List.of("lễ hội", "văn hóa");
            a.featuredImageUrl = "https://example.gov.vn/anh.jpg";
            a.featuredImageAlt = "Quang cảnh lễ hội";
            a.publishedAt = Instant.parse("2024-04-18T01:30:00Z");
            a.updatedAt = Instant.parse("2024-04-18T02:00:00.123456Z");
        });
        for (String path : List.of("/api/v1/articles/" + article.id, "/api/v1/articles/slug/" + article.slug)) {
            given().get(path).then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("id", is(article.id.intValue()))
                    .body("slug", is(article.slug))
                    .body("title", is("Lễ hội đền Hùng"))
                    .body("summary", is("Khai mạc lễ hội"))
                    .body("body", is("<p>Sáng nay…</p>"))
                    .body("author", is("Minh Anh"))
                    .body("section.id", is(section.id.intValue()))
                    .body("section.slug", is(section.slug))
                    .body("section.name", is("Văn hóa"))
                    .body("tags", contains("lễ hội", "văn hóa"))
                    .body("featuredImage.url", is("https://example.gov.vn/anh.jpg"))
                    .body("featuredImage.alt", is("Quang cảnh lễ hội"))
                    .body("publishedAt", is("2024-04-18T08:30:00+07:00"))
                    .body("updatedAt", is("2024-04-18T09:00:00.123456+07:00"))
                    .body("viewCount", is(0))
                    .body("version", is(1));
        }
    }

    @Test
    void draftIsInvisible() {
        Article draft = fixtures.article(fixtures.section("Nháp"), a -> a.status = ArticleStatus.DRAFT);
        given().get("/api/v1/articles/" + draft.id).then().statusCode(404);
        given().get("/api/v1/articles/slug/" + draft.slug).then().statusCode(404);
    }

    @Test
    void articleScheduledForLaterIsInvisibleUntilThen() {
        Article future = fixtures.article(fixtures.section("Sắp đăng"),
                a -> a.publishedAt = Instant.now().plus(10, ChronoUnit.MINUTES));
        given().get("/api/v1/articles/" + future.id).then().statusCode(404);
        given().get("/api/v1/articles/slug/" + future.slug).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("No public article has the slug '" + future.slug + "'"));
    }

    @Test
    void decomposedTextIsServedComposedButTheBodyAsStored() {
        String nfd = Normalizer.normalize("Đẩy mạnh tuyên truyền", Normalizer.Form.NFD);
        Article article = fixtures.article(fixtures.section(nfd), a -> {
            a.title = nfd;
            a.summary = nfd;
            a.body = "<p>" + nfd + "</p>";
            a.author = Normalizer.normalize("Quốc Tuấn", Normalizer.Form.NFD);
            a.tags = List.of(nfd);
        });
        given().get("/api/v1/articles/" + article.id).then()
                .statusCode(200)
                .body("title", is("Đẩy mạnh tuyên truyền"))
                .body("summary", is("Đẩy mạnh tuyên truyền"))
                // Every write path stores the body sanitised and NFC; it is answered exactly as stored.
                .body("body", is("<p>" + nfd + "</p>"))
                .body("author", is("Quốc Tuấn"))
                .body("tags", contains("Đẩy mạnh tuyên truyền"))
                .body("section.name", is("Đẩy mạnh tuyên truyền"));
    }

    @Test
    void missingSummaryAuthorAndImageAreNull() {
        Article article = fixtures.article(fixtures.section("Thông báo"), a -> {
            a.summary = null;
            a.author = null;
        });
        given().get("/api/v1/articles/" + article.id).then()
                .statusCode(200)
                .body("summary", nullValue())
                .body("author", nullValue())
                .body("featuredImage", nullValue());
    }

    @Test
    void unknownArticleIdIsNotFoundProblem() {
        given().get("/api/v1/articles/987654321").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("about:blank"))
                .body("title", is("Not Found"))
                .body("status", is(404))
                .body("detail", is("No public article has the id 987654321"))
                .body("instance", is("/api/v1/articles/987654321"));
    }

    @Test
    void unknownArticleSlugIsNotFoundProblem() {
        given().get("/api/v1/articles/slug/khong-ton-tai").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("No public article has the slug 'khong-ton-tai'"));
    }

    @Test
    void nonPositiveArticleIdIsBadRequestNamingTheId() {
        given().get("/api/v1/articles/0").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:cms:problem:invalid-request"))
                .body("errors[0].field", is("id"))
                .body("errors[0].message", is("must be a positive whole number, got '0'"));
    }
}
