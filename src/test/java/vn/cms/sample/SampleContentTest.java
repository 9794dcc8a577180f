package vn.cms.sample;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SampleContentTest {

    static final String ARTICLE_SLUG = "day-manh-tuyen-truyen-cong-tac-cai-cach-hanh-chinh-tren-dia-ban-tinh-nam-2017";
    /** The portal page the sample content was taken from, kept as a test resource. */
    private static final String SEED = "/seed/000_a63aec3afe74f021.txt";

    @Inject
    SampleContentLoader loader;

    /** The seed page's non-blank lines: section, title, date, lead, two body paragraphs, byline, … */
    private static List<String> seedParagraphs() throws IOException {
        try (InputStream page = SampleContentTest.class.getResourceAsStream(SEED)) {
            return new String(page.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        }
    }

    @Test
    void sampleArticleCarriesTheSeedPageWordsExactly() throws IOException {
        List<String> seed = seedParagraphs();
        given().get("/api/v1/articles/slug/" + ARTICLE_SLUG).then()
                .statusCode(200)
                .body("slug", is(ARTICLE_SLUG))
                .body("title", is(seed.get(1)))
                .body("title", is("Đẩy mạnh tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2017"))
                .body("summary", is(seed.get(3)))
                .body("body", is("<p>" + seed.get(4) + "</p><p>" + seed.get(5) + "</p>"))
                .body("author", is("Quốc Tuấn"))
                .body("section.slug", is("cai-cach-hanh-chinh"))
                .body("section.name", is("Cải cách hành chính"))
                .body("tags", empty())
                .body("featuredImage", nullValue())
                .body("publishedAt", is("2017-03-15T14:00:00+07:00"))
                .body("updatedAt", is("2017-03-15T14:00:00+07:00"))
                .body("viewCount", is(0))
                .body("version", is(1));
    }

    @Test
    void sampleArticleKeepsTheSeedTypo() {
        given().get("/api/v1/articles/slug/" + ARTICLE_SLUG).then()
                .statusCode(200)
                .body("body", containsString("mô hình một của liên thông hiện đại"));
    }

    @Test
    void sampleSectionsFormTheSeedTree() {
        int parentId = given().get("/api/v1/sections/slug/cai-cach-hanh-chinh").then()
                .statusCode(200)
                .body("name", is("Cải cách hành chính"))
                .body("parentId", nullValue())
                .body("description", nullValue())
                .body("position", is(1))
                .body("articleCount", is(1))
                .extract().path("id");
        given().get("/api/v1/sections/slug/thong-tin-cai-cach").then()
                .statusCode(200)
                .body("name", is("Thông tin cải cách"))
                .body("parentId", is(parentId))
                .body("position", is(2))
                .body("articleCount", is(0));
    }

    /**
     * The sample content is written as any content is, change row included: a section of it that was
     * deleted and is loaded again reaches a client of delta sync.
     */
    @Test
    void sampleContentLoadedAgainReachesADeltaSync() {
        int deleted = given().get("/api/v1/sections/slug/thong-tin-cai-cach").then().statusCode(200).extract().path("id");
        as(adminToken()).delete("/api/v1/sections/" + deleted).then().statusCode(204);
        String token = null;
        boolean more = true;
        while (more) {
            JsonPath page = (token == null ? given().queryParam("types", "section") : given().queryParam("token", token))
                    .get("/api/v1/sync").then().statusCode(200).extract().jsonPath();
            token = page.getString("nextToken");
            more = page.getBoolean("hasMore");
        }

        loader.load();

        int loaded = given().get("/api/v1/sections/slug/thong-tin-cai-cach").then().statusCode(200).extract().path("id");
        given().queryParam("token", token).get("/api/v1/sync").then().statusCode(200)
                .body("items.findAll { it.type == 'section' }.id", contains(loaded))
                .body("items.find { it.id == " + loaded + " }.action", is("upsert"))
                .body("items.find { it.id == " + loaded + " }.data.name", is("Thông tin cải cách"))
                .body("items.find { it.id == " + loaded + " }.data.position", is(2));
    }

    @Test
    void loadingTwiceChangesNothing() {
        loader.load();
        loader.load();
        given().get("/api/v1/sections").then()
                .statusCode(200)
                .body("items.findAll { it.slug == 'cai-cach-hanh-chinh' }", hasSize(1))
                .body("items.findAll { it.slug == 'thong-tin-cai-cach' }", hasSize(1));
        given().queryParam("section", "cai-cach-hanh-chinh").get("/api/v1/articles").then()
                .statusCode(200)
                .body("totalItems", is(1))
                .body("items.slug", contains(ARTICLE_SLUG));
    }
}
