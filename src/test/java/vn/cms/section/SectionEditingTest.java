package vn.cms.section;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.article.ArticleStatus;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class SectionEditingTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    ContentFixtures fixtures;

    String editor;

    @BeforeEach
    void setUp() {
        editor = tokenFor("EDITOR");
    }

    private int create(Map<String, Object> input) {
        return as(editor).contentType(ContentType.JSON).body(input).post("/api/v1/sections").then()
                .statusCode(201).extract().path("id");
    }

    @Test
    void editorCreatesASectionWithASlugFromItsName() {
        String token = ContentFixtures.unique("cm");
        Section parent = fixtures.section("Cha");
        as(editor).contentType(ContentType.JSON)
                .body(Map.of("name", "Thông tin cải cách " + token, "parentId", parent.id, "position", 4,
                        "description", "Mô tả"))
                .post("/api/v1/sections").then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/sections/\\d+"))
                .header("Cache-Control", is("private, no-store"))
                .body("slug", is("thong-tin-cai-cach-" + token))
                .body("name", is("Thông tin cải cách " + token))
                .body("description", is("Mô tả"))
                .body("parentId", is(parent.id.intValue()))
                .body("position", is(4))
                .body("articleCount", is(0));
    }

    @Test
    void takenSlugsAreNumberedOrRefused() {
        String name = "Chuyên mục " + ContentFixtures.unique("trung");
        int first = create(Map.of("name", name));
        String slug = given().get("/api/v1/sections/" + first).path("slug");
        int second = create(Map.of("name", name));
        given().get("/api/v1/sections/" + second).then().body("slug", is(slug + "-2"));
        as(editor).contentType(ContentType.JSON).body(Map.of("name", "Khác", "slug", slug)).post("/api/v1/sections")
                .then().statusCode(409).body("detail", is("The slug '" + slug + "' is taken by another section"));
    }

    @Test
    void invalidSectionFieldsAreNamed() {
        as(editor).contentType(ContentType.JSON).body(Map.of("name", " ", "slug", "Sai Slug", "position", -1))
                .post("/api/v1/sections").then()
                .statusCode(400)
                .body("errors.field", contains("name", "position", "slug"));
        as(editor).contentType(ContentType.JSON).body(Map.of("name", "Mồ côi", "parentId", 99_999_999))
                .post("/api/v1/sections").then()
                .statusCode(400)
                .body("errors[0].field", is("parentId"));
    }

    @Test
    void patchRenamesAndMovesButNeverIntoItsOwnSubtree() {
        Section root = fixtures.section("Gốc");
        Section child = fixtures.section("Con", root.id, 1);
        Section other = fixtures.section("Khác");
        as(editor).contentType(MERGE_PATCH).body(Map.of("parentId", child.id)).patch("/api/v1/sections/" + root.id)
                .then().statusCode(400).body("errors[0].field", is("parentId"));
        as(editor).contentType(MERGE_PATCH).body(Map.of("parentId", root.id)).patch("/api/v1/sections/" + root.id)
                .then().statusCode(400);
        as(editor).contentType(MERGE_PATCH).body("{\"name\": \"Con đổi tên\", \"parentId\": " + other.id + "}")
                .patch("/api/v1/sections/" + child.id).then()
                .statusCode(200)
                .body("name", is("Con đổi tên"))
                .body("parentId", is(other.id.intValue()))
                .body("slug", is(child.slug));
        as(editor).contentType(MERGE_PATCH).body("{\"parentId\": null}").patch("/api/v1/sections/" + child.id).then()
                .statusCode(200)
                .body("parentId", nullValue());
    }

    @Test
    void onlyEmptySectionsCanBeDeleted() {
        Section parent = fixtures.section("Có con");
        Section child = fixtures.section("Con", parent.id, 1);
        as(editor).delete("/api/v1/sections/" + parent.id).then()
                .statusCode(409)
                .body("detail", is("The section still has 1 subsection(s)"));
        fixtures.article(child, a -> a.status = ArticleStatus.DRAFT);
        as(editor).delete("/api/v1/sections/" + child.id).then()
                .statusCode(409)
                .body("detail", is("The section still holds 1 article(s); move or delete them first"));
        Section empty = fixtures.section("Trống");
        as(editor).delete("/api/v1/sections/" + empty.id).then().statusCode(204);
        given().get("/api/v1/sections/" + empty.id).then().statusCode(404);
    }

    @Test
    void sectionWhoseArticlesWereDeletedCanGo() {
        Section section = fixtures.section("Đã xóa bài");
        fixtures.article(section, a -> a.deletedAt = Instant.now());
        as(editor).delete("/api/v1/sections/" + section.id).then().statusCode(204);
    }

    @Test
    void authorsAndAnonymousCannotChangeSections() {
        Section section = fixtures.section("Cấm");
        String author = tokenFor("AUTHOR");
        as(author).contentType(ContentType.JSON).body(Map.of("name", "X")).post("/api/v1/sections").then().statusCode(403);
        as(author).contentType(MERGE_PATCH).body(Map.of("name", "X")).patch("/api/v1/sections/" + section.id).then()
                .statusCode(403);
        as(author).delete("/api/v1/sections/" + section.id).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "X")).post("/api/v1/sections").then().statusCode(401);
        given().delete("/api/v1/sections/" + section.id).then().statusCode(401);
    }

    @Test
    void administratorsMayChangeSections() {
        as(tokenFor("ADMIN")).contentType(ContentType.JSON).body(Map.of("name", "Của quản trị")).post("/api/v1/sections")
                .then().statusCode(201);
    }
}
