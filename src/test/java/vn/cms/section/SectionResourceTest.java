package vn.cms.section;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.cms.article.ArticleStatus;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class SectionResourceTest {

    @Inject
    ContentFixtures fixtures;

    @Test
    void listIsOrderedByPositionThenId() {
        Section third = fixtures.section("Thứ ba", null, 30_003);
        Section first = fixtures.section("Thứ nhất", null, 30_001);
        Section second = fixtures.section("Thứ hai", first.id, 30_002);
        List<String> ours = List.of(first.slug, second.slug, third.slug);
        List<String> listed = given().get("/api/v1/sections").then()
                .statusCode(200)
                .extract().jsonPath().getList("items.slug", String.class);
        assertEquals(ours, listed.stream().filter(ours::contains).toList());
    }

    @Test
    void sectionByIdAndBySlugShowEveryField() {
        Section parent = fixtures.section("Tin tức");
        Section child = fixtures.section("Thời sự", parent.id, 7);
        for (String path : List.of("/api/v1/sections/" + child.id, "/api/v1/sections/slug/" + child.slug)) {
            given().get(path).then()
                    .statusCode(200)
                    .contentType("application/json")
                    .body("id", is(child.id.intValue()))
                    .body("slug", is(child.slug))
                    .body("name", is("Thời sự"))
                    .body("description", nullValue())
                    .body("parentId", is(parent.id.intValue()))
                    .body("position", is(7))
                    .body("articleCount", is(0));
        }
    }

    @Test
    void articleCountIncludesSubsectionsButNotDraftsOrFutureArticles() {
        Section parent = fixtures.section("Kinh tế");
        Section child = fixtures.section("Nông nghiệp", parent.id, 1);
        Section grandchild = fixtures.section("Thủy sản", child.id, 2);
        fixtures.article(parent);
        fixtures.article(child);
        fixtures.article(grandchild);
        fixtures.article(grandchild, a -> a.status = ArticleStatus.DRAFT);
        fixtures.article(grandchild, a -> a.publishedAt = Instant.now().plus(1, ChronoUnit.HOURS));
        given().get("/api/v1/sections/" + parent.id).then().statusCode(200).body("articleCount", is(3));
        given().get("/api/v1/sections/" + child.id).then().statusCode(200).body("articleCount", is(2));
        given().get("/api/v1/sections/" + grandchild.id).then().statusCode(200).body("articleCount", is(1));
        given().get("/api/v1/sections").then().statusCode(200)
                .body("items.findAll { it.id == " + parent.id + " }.articleCount", contains(3));
    }

    @Test
    void nfdSectionNameIsServedAsNfc() {
        String nfd = Normalizer.normalize("Cải cách hành chính", Normalizer.Form.NFD);
        Section section = fixtures.section(nfd);
        given().get("/api/v1/sections/" + section.id).then().statusCode(200).body("name", is("Cải cách hành chính"));
    }

    @Test
    void unknownSectionIdIsNotFoundProblem() {
        given().get("/api/v1/sections/999999999").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("about:blank"))
                .body("title", is("Not Found"))
                .body("status", is(404))
                .body("detail", is("No section has the id 999999999"))
                .body("instance", is("/api/v1/sections/999999999"));
    }

    @Test
    void unknownSectionSlugIsNotFoundProblem() {
        given().get("/api/v1/sections/slug/khong-co").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", is("No section has the slug 'khong-co'"))
                .body("instance", is("/api/v1/sections/slug/khong-co"));
    }

    @Test
    void nonNumericSectionIdIsBadRequestNamingTheId() {
        given().get("/api/v1/sections/abc").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("id"))
                .body("errors[0].message", is("must be a positive whole number, got 'abc'"));
    }
}
