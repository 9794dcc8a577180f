package vn.cms.webhook;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.util.Map;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestImages;

/** Content changes through the editorial API, as an administrator: what webhooks announce. */
final class Content {

    private String token;

    /** Logged in at first use: the test's HTTP port is known only once the test runs. */
    private String token() {
        if (token == null) {
            token = Accounts.adminToken();
        }
        return token;
    }

    record Section(long id, String slug) {
    }

    record Article(long id, String slug, long version) {
    }

    record Media(long id, String url) {
    }

    Section section() {
        ExtractableResponse<Response> created = Accounts.as(token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Chuyên mục " + ContentFixtures.unique("tin")))
                .post("/api/v1/sections").then().statusCode(201).extract();
        return new Section(((Number) created.path("id")).longValue(), created.path("slug"));
    }

    Section subsection(Section parent) {
        ExtractableResponse<Response> created = Accounts.as(token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Chuyên mục " + ContentFixtures.unique("con"), "parentId", parent.id()))
                .post("/api/v1/sections").then().statusCode(201).extract();
        return new Section(((Number) created.path("id")).longValue(), created.path("slug"));
    }

    Media upload() {
        ExtractableResponse<Response> created = TestImages.upload(token(), TestImages.jpeg(40, 30), "Ảnh hội nghị.jpg",
                "image/jpeg").then().statusCode(201).extract();
        return new Media(((Number) created.path("id")).longValue(), created.path("url"));
    }

    void delete(Media media) {
        Accounts.as(token()).delete("/api/v1/media/" + media.id()).then().statusCode(204);
    }

    void describe(Section section, String description) {
        Accounts.as(token()).contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("description", description))
                .patch("/api/v1/sections/" + section.id()).then().statusCode(200);
    }

    void delete(Section section) {
        Accounts.as(token()).delete("/api/v1/sections/" + section.id()).then().statusCode(204);
    }

    Article draft(Section section) {
        Map<String, Object> created = Articles.create(token(), Articles.input(section.id()));
        return new Article(Articles.id(created), (String) created.get("slug"), ((Number) created.get("version")).longValue());
    }

    Article publish(Article article) {
        return article(Accounts.as(token()).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/articles/" + article.id() + "/publish").then().statusCode(200).extract());
    }

    Article schedule(Article article, OffsetDateTime at) {
        return article(Accounts.as(token()).contentType(ContentType.JSON).body(Map.of("publishAt", at.toString()))
                .post("/api/v1/articles/" + article.id() + "/publish").then().statusCode(200).extract());
    }

    Article retitle(Article article, String title) {
        return article(Accounts.as(token()).contentType("application/merge-patch+json; charset=UTF-8")
                .header("If-Match", "\"v" + article.version() + "\"").body(Map.of("title", title))
                .patch("/api/v1/articles/" + article.id()).then().statusCode(200).extract());
    }

    Article unpublish(Article article) {
        return article(Accounts.as(token()).post("/api/v1/articles/" + article.id() + "/unpublish")
                .then().statusCode(200).extract());
    }

    void delete(Article article) {
        Accounts.as(token()).header("If-Match", "\"v" + article.version() + "\"")
                .delete("/api/v1/articles/" + article.id()).then().statusCode(204);
    }

    private static Article article(ExtractableResponse<Response> response) {
        return new Article(((Number) response.path("id")).longValue(), response.path("slug"),
                ((Number) response.path("version")).longValue());
    }
}
