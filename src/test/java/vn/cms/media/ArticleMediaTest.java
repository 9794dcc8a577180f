package vn.cms.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestImages;

/** Articles that show library images: the featured image with its srcset and placeholder, and images in the body. */
@QuarkusTest
class ArticleMediaTest {

    @Inject
    ContentFixtures fixtures;

    @Test
    void aFeaturedImageFromTheLibraryReadsWithItsSizesSrcsetAndPlaceholder() {
        String token = Accounts.adminToken();
        long mediaId = TestImages.upload(token, TestImages.jpeg(1000, 500), "cau.jpg", "image/jpeg").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        Section section = fixtures.section("Giao thông");
        Map<String, Object> input = new HashMap<>(Articles.input(section.id));
        input.put("featuredImage", Map.of("mediaId", mediaId, "alt", "Cầu mới bắc qua sông"));
        input.put("status", "PUBLISHED");
        input.put("publishedAt", "2017-03-15T14:00:00+07:00");
        long id = Articles.id(Articles.create(token, input));

        String file = "/api/v1/media/" + mediaId + "/file";
        JsonPath image = given().get("/api/v1/articles/" + id).then().statusCode(200)
                .body("featuredImage.url", is(file))
                .body("featuredImage.alt", is("Cầu mới bắc qua sông"))
                .body("featuredImage.mediaId", is((int) mediaId))
                .body("featuredImage.width", is(1000))
                .body("featuredImage.height", is(500))
                .body("featuredImage.srcset.width", contains(160, 320, 640, 960))
                .body("featuredImage.srcset[2].url", is(file + "?w=640&fm=webp"))
                .body("featuredImage.placeholder", startsWith("data:image/jpeg;base64,"))
                .extract().jsonPath().setRootPath("featuredImage");
        byte[] placeholder = Base64.getDecoder().decode(image.getString("placeholder").substring("data:image/jpeg;base64,".length()));
        assertEquals(16, TestImages.decode(placeholder).getWidth());
        assertEquals(8, TestImages.decode(placeholder).getHeight());
        // Every srcset URL serves its width.
        for (Map<String, Object> source : image.<Map<String, Object>>getList("srcset")) {
            assertEquals(source.get("width"), TestImages.decode(given().get((String) source.get("url")).then()
                    .statusCode(200).contentType("image/webp").extract().asByteArray()).getWidth());
        }
        // Listed the same way, and the image cannot go while the article shows it.
        given().queryParam("section", section.slug).get("/api/v1/articles").then().statusCode(200)
                .body("items[0].featuredImage.mediaId", is((int) mediaId));
        given().auth().oauth2(token).delete("/api/v1/media/" + mediaId).then().statusCode(409);
    }

    @Test
    void anUnknownMediaIdOrBothUrlAndMediaIdIs400AndAnImageByUrlReadsAsBefore() {
        String token = Accounts.adminToken();
        Section section = fixtures.section("Thời sự");
        Map<String, Object> input = new HashMap<>(Articles.input(section.id));
        input.put("featuredImage", Map.of("mediaId", 999999999, "alt", "Không có"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(input).post("/api/v1/articles")
                .then().statusCode(400).body("errors[0].field", is("featuredImage.mediaId"));
        input.put("featuredImage", Map.of("mediaId", 1, "url", "https://example.gov.vn/a.jpg"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(input).post("/api/v1/articles")
                .then().statusCode(400).body("errors[0].field", is("featuredImage.urlOrMediaId"));
        input.put("featuredImage", Map.of("url", "https://example.gov.vn/a.jpg", "alt", "Ảnh"));
        long id = Articles.id(Articles.create(token, input));
        given().auth().oauth2(token).get("/api/v1/articles/" + id + "/revisions").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8")
                .header("If-Match", "\"v1\"").body(Map.of("title", "Tiêu đề mới"))
                .patch("/api/v1/articles/" + id).then().statusCode(200)
                .body("featuredImage.url", is("https://example.gov.vn/a.jpg"))
                .body("featuredImage.mediaId", nullValue())
                .body("featuredImage.srcset", nullValue());
    }

    @Test
    void theBodyKeepsLibraryImagesWithSrcsetAndSizesAndDropsSrcsetsPointingElsewhere() {
        String token = Accounts.adminToken();
        Section section = fixtures.section("Văn hoá");
        Map<String, Object> input = new HashMap<>(Articles.input(section.id));
        // Ids no upload of the test run reaches: the article stays, and deleting media it names is 409.
        String img = "<img src=\"/api/v1/media/900000005/file?w=640&amp;fm=webp\" alt=\"Lễ hội\""
                + " srcset=\"/api/v1/media/900000005/file?w=320&amp;fm=webp 320w, /api/v1/media/900000005/file?w=640&amp;fm=webp 640w\""
                + " sizes=\"(max-width: 600px) 100vw, 640px\" />";
        input.put("body", "<p>" + img + "</p><p><img src=\"/api/v1/media/900000006/file\" srcset=\"https://evil.example/x.jpg 2x\" /></p>");
        Map<String, Object> article = Articles.create(token, input);
        // As the sanitiser writes it: "=" escaped, candidates separated by " , ".
        String kept = "<img src=\"/api/v1/media/900000005/file?w&#61;640&amp;fm&#61;webp\" alt=\"Lễ hội\""
                + " srcset=\"/api/v1/media/900000005/file?w&#61;320&amp;fm&#61;webp 320w , /api/v1/media/900000005/file?w&#61;640&amp;fm&#61;webp 640w\""
                + " sizes=\"(max-width: 600px) 100vw, 640px\" />";
        assertEquals("<p>" + kept + "</p><p><img src=\"/api/v1/media/900000006/file\" /></p>", article.get("body"));
    }
}
