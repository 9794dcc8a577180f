package vn.cms.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.auth.Role;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.web.ApiException;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestImages;

/** The library's metadata endpoints: listing, reading, editing and deleting, by role. */
@QuarkusTest
class MediaLibraryTest {

    @Inject
    ContentFixtures fixtures;

    @Inject
    Sql sql;

    @Inject
    CmsConfig config;

    @Inject
    MediaLibrary library;

    @Inject
    MediaImages images;

    private String admin;

    @BeforeEach
    void login() {
        admin = Accounts.adminToken();
    }

    @Test
    void theListIsNewestFirstFilteredByTextAndWalkedByCursor() {
        String word = ContentFixtures.unique("dieuhanh");
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(TestImages.multipart(admin).multiPart("file", "a.jpg", TestImages.jpeg(20, 20), "image/jpeg")
                    .multiPart(TestImages.text("caption", "Ảnh " + word + " số " + i))
                    .post("/api/v1/media").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        JsonPath first = given().auth().oauth2(admin).queryParam("q", word.toUpperCase()).queryParam("size", 2)
                .get("/api/v1/media").then().statusCode(200)
                .header("Cache-Control", "private, no-store")
                .body("totalItems", is(3)).body("totalPages", is(2)).body("page", is(1))
                .extract().jsonPath();
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getList("items.id", Long.class));
        given().auth().oauth2(admin).queryParam("q", word).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/media").then().statusCode(200)
                .body("items.id", contains(ids.get(0).intValue())).body("page", nullValue()).body("nextCursor", nullValue());
        given().auth().oauth2(admin).queryParam("q", word).queryParam("page", 2).queryParam("size", 2)
                .get("/api/v1/media").then().statusCode(200).body("items", hasSize(1))
                .header("Link", containsString("rel=\"prev\""));
    }

    @Test
    void theListNeedsCredentialsAndRefusesBadParameters() {
        given().get("/api/v1/media").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("cursor", "không-phải").get("/api/v1/media").then().statusCode(400)
                .body("errors[0].field", is("cursor"));
        given().auth().oauth2(admin).queryParam("size", 0).get("/api/v1/media").then().statusCode(400);
        given().auth().oauth2(admin).queryParam("sort", "name").get("/api/v1/media").then().statusCode(400);
    }

    @Test
    void anItemIsPublicAndUnknownIs404() {
        long id = TestImages.uploaded(admin);
        given().get("/api/v1/media/" + id).then().statusCode(200).body("id", is((int) id))
                .body("url", is("/api/v1/media/" + id + "/file"));
        given().get("/api/v1/media/999999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aPatchSetsAltCaptionAndFocalPointAndNullRemovesThem() {
        long id = TestImages.uploaded(admin);
        patch(admin, id, Map.of("alt", "Lễ khánh thành cầu", "caption", "Ảnh: Quốc Tuấn", "focalPoint", Map.of("x", 0.25, "y", 0.75)))
                .then().statusCode(200).body("alt", is("Lễ khánh thành cầu")).body("caption", is("Ảnh: Quốc Tuấn"))
                .body("focalPoint.x", is(0.25f)).body("focalPoint.y", is(0.75f));
        given().auth().oauth2(admin).contentType("application/merge-patch+json; charset=UTF-8").body("{\"caption\": null, \"focalPoint\": null}")
                .patch("/api/v1/media/" + id).then().statusCode(200)
                .body("alt", is("Lễ khánh thành cầu")).body("caption", nullValue()).body("focalPoint", nullValue());
    }

    @Test
    void aFocalPointOutsideTheImageOrAnUnknownFieldIs400() {
        long id = TestImages.uploaded(admin);
        patch(admin, id, Map.of("focalPoint", Map.of("x", 1.5, "y", 0.5))).then().statusCode(400)
                .body("errors[0].field", is("focalPoint.x"));
        patch(admin, id, Map.of("focalPoint", Map.of("x", 0.5))).then().statusCode(400);
        patch(admin, id, Map.of("width", 10)).then().statusCode(400);
        patch(admin, id, Map.of("alt", "ả".repeat(501))).then().statusCode(400).body("errors[0].field", is("alt"));
    }

    @Test
    void anAuthorEditsAndDeletesOnlyTheirOwnUploadsAndAnEditorAny() {
        String author = Accounts.tokenFor(Role.AUTHOR.name());
        String otherAuthor = Accounts.tokenFor(Role.AUTHOR.name());
        String editor = Accounts.tokenFor(Role.EDITOR.name());
        long own = TestImages.uploaded(author);
        patch(author, own, Map.of("alt", "Ảnh của tôi")).then().statusCode(200);
        patch(otherAuthor, own, Map.of("alt", "Không phải của tôi")).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(otherAuthor).delete("/api/v1/media/" + own).then().statusCode(403);
        patch(editor, own, Map.of("alt", "Biên tập viên sửa")).then().statusCode(200);
        given().auth().oauth2(author).delete("/api/v1/media/" + own).then().statusCode(204);
        given().auth().oauth2(editor).delete("/api/v1/media/" + TestImages.uploaded(admin)).then().statusCode(204);
        given().delete("/api/v1/media/" + TestImages.uploaded(admin)).then().statusCode(401);
    }

    @Test
    void deleteIs409WhileALiveArticleShowsItAndThenRemovesEveryFile() {
        long id = TestImages.uploaded(admin);
        long other = TestImages.uploaded(admin);
        given().get("/api/v1/media/" + id + "/file?w=160&fm=webp").then().statusCode(200);
        Section section = fixtures.section("Tin ảnh");
        Article article = fixtures.article(section, a -> {
            a.status = vn.cms.article.ArticleStatus.DRAFT;
            a.body = "<p><img src=\"/api/v1/media/" + id + "/file?w=640\" alt=\"Ảnh\"></p>"
                    + "<p><img src=\"/api/v1/media/" + other + "0/file\"></p>";
        });
        given().auth().oauth2(admin).delete("/api/v1/media/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(String.valueOf(article.id)));
        // Media 12 is not media 120.
        given().auth().oauth2(admin).delete("/api/v1/media/" + other).then().statusCode(204);

        QuarkusTransaction.requiringNew().run(() -> sql.update("update article set deleted_at = now() where id = ?",
                List.of(article.id)));
        Path files = config.media().dir().resolve(Long.toString(id));
        assertTrue(Files.isDirectory(files), files + " before the delete");
        given().auth().oauth2(admin).delete("/api/v1/media/" + id).then().statusCode(204);
        given().get("/api/v1/media/" + id).then().statusCode(404);
        given().get("/api/v1/media/" + id + "/file?w=160&fm=webp").then().statusCode(404);
        assertFalse(Files.exists(files), files + " after the delete");
    }

    @Test
    void aVariantFinishedAfterItsItemWasDeletedIs404AndLeavesNoFileBehind() {
        long id = TestImages.uploaded(admin);
        MediaRow readBeforeTheDelete = library.require(id);
        Path files = config.media().dir().resolve(Long.toString(id));
        // The deletion has committed and removed the item's files, the original still being read.
        QuarkusTransaction.requiringNew().run(() -> sql.update("delete from media where id = ?", List.of(id)));
        assertTrue(Files.isDirectory(files));

        ApiException variant = assertThrows(ApiException.class,
                () -> library.variantFile(readBeforeTheDelete, new Variant(160, null, ImageFormat.WEBP, 80)));
        assertEquals(404, variant.status());
        assertFalse(Files.exists(files), files + " after the variant was made");
        ApiException original = assertThrows(ApiException.class, () -> library.originalFile(readBeforeTheDelete));
        assertEquals(404, original.status());
        given().get("/api/v1/media/" + id + "/file?w=160&fm=webp").then().statusCode(404);
    }

    @Test
    void anArticleWriteNamingAnImageHoldsItAgainstADeletionUntilTheWriteEnds() throws Exception {
        long id = TestImages.uploaded(admin);
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals("/api/v1/media/" + id + "/file", images.requirePath("featuredImage.mediaId", id));
            // What the deletion takes first, the row for update, is not to be had while the write is open.
            assertEquals("55P03", sqlStateOf(() -> CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                    .call(() -> sql.one("select id from media where id = ? for update nowait", List.of(id), row -> row.getLong(1))))
                    .get(10, TimeUnit.SECONDS)));
        });
        given().auth().oauth2(admin).delete("/api/v1/media/" + id).then().statusCode(204);
    }

    private static String sqlStateOf(java.util.concurrent.Callable<?> work) {
        try {
            work.call();
            return "no failure";
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sqlFailure) {
                    return sqlFailure.getSQLState();
                }
            }
            return e.toString();
        }
    }

    @Test
    void uploadsEditsAndDeletionsAreInTheChangeLog() {
        long id = TestImages.uploaded(admin);
        patch(admin, id, Map.of("alt", "Ảnh mới")).then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/media/" + id).then().statusCode(204);
        assertEquals(List.of("upsert", "upsert", "delete"), sql.list(
                "select action from change_log where entity_type = 'media' and entity_id = ? order by id",
                List.of(id), row -> row.getString(1)));
    }

    private static io.restassured.response.Response patch(String token, long id, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType("application/merge-patch+json; charset=UTF-8").body(body)
                .patch("/api/v1/media/" + id);
    }
}
