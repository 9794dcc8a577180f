package vn.cms.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.tokenFor;
import static vn.cms.testing.Articles.create;
import static vn.cms.testing.Articles.id;
import static vn.cms.testing.Articles.input;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class ArticleWorkflowTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    ContentFixtures fixtures;

    String editor;
    Section section;

    @BeforeEach
    void setUp() {
        editor = tokenFor("EDITOR");
        section = fixtures.section("Quy trình");
    }

    private String etag(long id) {
        return as(editor).get("/api/v1/articles/" + id).then().statusCode(200).extract().header("ETag");
    }

    private long draft() {
        return id(create(editor, input(section.id)));
    }

    @Test
    void writesWithoutAPreconditionAreRefused() {
        long id = draft();
        as(editor).contentType(ContentType.JSON).body(input(section.id)).put("/api/v1/articles/" + id).then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("title", is("Precondition Required"));
        as(editor).contentType(MERGE_PATCH).body("{\"title\": \"Mới\"}").patch("/api/v1/articles/" + id).then()
                .statusCode(428);
        as(editor).delete("/api/v1/articles/" + id).then().statusCode(428);
        as(editor).header("If-Match", "*").delete("/api/v1/articles/" + id).then().statusCode(428);
    }

    @Test
    void staleIfMatchIsPreconditionFailedAndStaleVersionIsConflict() {
        long id = draft();
        as(editor).header("If-Match", "\"v7\"").contentType(MERGE_PATCH).body("{\"title\": \"Cũ\"}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("detail", is("Someone else saved this first; it is now at version 1. Read it again and reapply your change"));
        as(editor).contentType(MERGE_PATCH).body("{\"title\": \"Cũ\", \"version\": 7}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(409)
                .body("type", is("urn:cms:problem:conflict"));
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"title\": \"Mới\"}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(200)
                .header("ETag", is("\"v2\""))
                .body("version", is(2));
    }

    @Test
    void mergePatchChangesOnlyWhatItNames() {
        Map<String, Object> input = input(section.id);
        input.put("featuredImage", Map.of("url", "https://tinh.gov.vn/a.jpg", "alt", "Ảnh"));
        long id = id(create(editor, input));
        as(editor).contentType(MERGE_PATCH).body("{\"version\": 1, \"title\": \"Tiêu đề mới\", \"summary\": null,"
                        + " \"featuredImage\": {\"alt\": \"Ảnh mới\"}}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(200)
                .body("title", is("Tiêu đề mới"))
                .body("summary", nullValue())
                .body("body", is("<p>Nội dung hội nghị</p>"))
                .body("author", is("Quốc Tuấn"))
                .body("tags", contains("CCHC"))
                .body("featuredImage.url", is("https://tinh.gov.vn/a.jpg"))
                .body("featuredImage.alt", is("Ảnh mới"))
                .body("version", is(2));
    }

    @Test
    void patchThatBreaksARuleIsRefusedAndChangesNothing() {
        long id = draft();
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"title\": null, \"tags\": [\"\"]}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(400)
                .body("errors.field", contains("tags[0]", "title"));
        as(editor).get("/api/v1/articles/" + id).then().body("version", is(1));
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("[1, 2]")
                .patch("/api/v1/articles/" + id).then().statusCode(400);
    }

    @Test
    void replaceSetsEveryFieldAndKeepsTheSlugWhenNoneIsGiven() {
        Map<String, Object> created = create(editor, input(section.id));
        long id = id(created);
        Map<String, Object> replacement = input(section.id);
        replacement.put("title", "Thay thế");
        replacement.remove("summary");
        replacement.remove("tags");
        as(editor).header("If-Match", "\"v1\"").contentType(ContentType.JSON).body(replacement)
                .put("/api/v1/articles/" + id).then()
                .statusCode(200)
                .body("title", is("Thay thế"))
                .body("summary", nullValue())
                .body("tags", empty())
                .body("slug", is(created.get("slug")))
                .body("version", is(2));
    }

    @Test
    void ofTwoConcurrentWritersWithTheSamePreconditionExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                long id = draft();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    String title = "Người viết " + w;
                    writers.add(pool.submit(() -> {
                        start.await();
                        return as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH)
                                .body(Map.of("title", title)).patch("/api/v1/articles/" + id).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> writer : writers) {
                    statuses.add(writer.get());
                }
                statuses.sort(null);
                assertEquals(List.of(200, 412), statuses);
                as(editor).get("/api/v1/articles/" + id).then().body("version", is(2));
                as(editor).get("/api/v1/articles/" + id + "/revisions").then().body("items.version", contains(2, 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishingMakesItPublicAndUnpublishingTakesItBack() {
        long id = draft();
        as(editor).post("/api/v1/articles/" + id + "/publish").then()
                .statusCode(200)
                .body("status", is("PUBLISHED"))
                .body("version", is(2));
        given().get("/api/v1/articles/" + id).then().statusCode(200);
        as(editor).post("/api/v1/articles/" + id + "/unpublish").then()
                .statusCode(200)
                .body("status", is("DRAFT"));
        given().get("/api/v1/articles/" + id).then().statusCode(404);
    }

    @Test
    void scheduledArticleAppearsByItselfAtItsTime() throws InterruptedException {
        long id = draft();
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        // As the API writes it: seconds always present (toString drops ":00").
        String atText = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").format(at);
        as(editor).contentType(ContentType.JSON).body(Map.of("publishAt", atText))
                .post("/api/v1/articles/" + id + "/publish").then()
                .statusCode(200)
                .body("status", is("SCHEDULED"))
                .body("publishedAt", is(atText));
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        as(editor).queryParam("status", "SCHEDULED").queryParam("section", section.slug).get("/api/v1/articles")
                .then().body("items.id", contains((int) id));
        Thread.sleep(Duration.between(OffsetDateTime.now(), at).toMillis() + 300);
        given().get("/api/v1/articles/" + id).then().statusCode(200).body("publishedAt", is(atText));
        as(editor).get("/api/v1/articles/" + id).then().body("status", is("PUBLISHED"));
    }

    @Test
    void publishWithABadTimeIsBadRequest() {
        long id = draft();
        as(editor).contentType(ContentType.JSON).body("{\"publishAt\": \"ngày mai\"}")
                .post("/api/v1/articles/" + id + "/publish").then()
                .statusCode(400)
                .body("errors[0].field", is("publishAt"));
    }

    @Test
    void deletedArticleIsGoneEverywhereAndFreesItsSlug() {
        Map<String, Object> input = input(section.id);
        input.put("slug", ContentFixtures.unique("se-xoa"));
        input.put("status", "PUBLISHED");
        long id = id(create(editor, input));
        as(editor).contentType(ContentType.JSON).body("{\"version\": 1}").delete("/api/v1/articles/" + id).then()
                .statusCode(204);
        given().get("/api/v1/articles/" + id).then().statusCode(404);
        given().get("/api/v1/articles/slug/" + input.get("slug")).then().statusCode(404);
        as(editor).get("/api/v1/articles/" + id).then().statusCode(404);
        as(editor).get("/api/v1/articles/" + id + "/revisions").then().statusCode(404);
        as(editor).header("If-Match", "\"v2\"").delete("/api/v1/articles/" + id).then().statusCode(404);
        given().queryParam("section", section.slug).get("/api/v1/articles").then().body("totalItems", is(0));
        create(editor, input);
    }

    @Test
    void everySaveIsARevision() {
        Map<String, Object> input = input(section.id);
        input.put("title", "Bản đầu");
        long id = id(create(editor, input));
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"title\": \"Bản hai\"}")
                .patch("/api/v1/articles/" + id).then().statusCode(200);
        as(editor).post("/api/v1/articles/" + id + "/publish").then().statusCode(200);
        as(editor).get("/api/v1/articles/" + id + "/revisions").then()
                .statusCode(200)
                .body("items.version", contains(3, 2, 1))
                .body("items.action", contains("PUBLISH", "UPDATE", "CREATE"))
                .body("items.title", contains("Bản hai", "Bản hai", "Bản đầu"))
                .body("items.status", contains("PUBLISHED", "DRAFT", "DRAFT"))
                .body("items[0].body", nullValue());
        as(editor).get("/api/v1/articles/" + id + "/revisions/1").then()
                .statusCode(200)
                .body("title", is("Bản đầu"))
                .body("body", is("<p>Nội dung hội nghị</p>"))
                .body("action", is("CREATE"));
        as(editor).get("/api/v1/articles/" + id + "/revisions/9").then()
                .statusCode(404)
                .body("detail", is("Article " + id + " has no version 9"));
    }

    @Test
    void renamingAPublishedArticleKeepsItsOldSlugResolving() {
        Map<String, Object> input = input(section.id);
        String oldSlug = ContentFixtures.unique("ten-cu");
        String newSlug = ContentFixtures.unique("ten-moi");
        input.put("slug", oldSlug);
        input.put("status", "PUBLISHED");
        long id = id(create(editor, input));
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body(Map.of("slug", newSlug))
                .patch("/api/v1/articles/" + id).then().statusCode(200).body("slug", is(newSlug));
        given().redirects().follow(false).get("/api/v1/articles/slug/" + oldSlug).then()
                .statusCode(301)
                .header("Location", endsWith("/api/v1/articles/slug/" + newSlug));
        given().get("/api/v1/articles/slug/" + oldSlug).then().statusCode(200).body("id", is((int) id));
    }

    @Test
    void anotherArticleCannotTakeOverAFormerSlugThatStillRedirects() {
        Map<String, Object> input = input(section.id);
        String oldSlug = ContentFixtures.unique("ten-cu");
        String newSlug = ContentFixtures.unique("ten-moi");
        input.put("slug", oldSlug);
        input.put("status", "PUBLISHED");
        long renamed = id(create(editor, input));
        as(editor).header("If-Match", etag(renamed)).contentType(MERGE_PATCH).body(Map.of("slug", newSlug))
                .patch("/api/v1/articles/" + renamed).then().statusCode(200);
        String conflict = "The slug '" + oldSlug + "' is the former slug of another article and still leads its readers there";

        Map<String, Object> draft = input(section.id);
        draft.put("slug", oldSlug);
        as(editor).contentType(ContentType.JSON).body(draft).post("/api/v1/articles").then()
                .statusCode(409).body("detail", is(conflict));
        long other = draft();
        as(editor).header("If-Match", etag(other)).contentType(MERGE_PATCH).body(Map.of("slug", oldSlug))
                .patch("/api/v1/articles/" + other).then()
                .statusCode(409).body("detail", is(conflict));
        given().redirects().follow(false).get("/api/v1/articles/slug/" + oldSlug).then()
                .statusCode(301)
                .header("Location", endsWith("/api/v1/articles/slug/" + newSlug));

        // The article itself may take its former slug back; once it is deleted, the slug is free.
        as(editor).header("If-Match", etag(renamed)).contentType(MERGE_PATCH).body(Map.of("slug", oldSlug))
                .patch("/api/v1/articles/" + renamed).then().statusCode(200).body("slug", is(oldSlug));
        given().redirects().follow(false).get("/api/v1/articles/slug/" + newSlug).then().statusCode(301);
        as(editor).header("If-Match", etag(renamed)).delete("/api/v1/articles/" + renamed).then().statusCode(204);
        as(editor).header("If-Match", etag(other)).contentType(MERGE_PATCH).body(Map.of("slug", newSlug))
                .patch("/api/v1/articles/" + other).then().statusCode(200).body("slug", is(newSlug));
    }

    @Test
    void authorsWriteOnlyTheirOwnDrafts() {
        String author = tokenFor("AUTHOR");
        long own = id(create(author, input(section.id)));
        long editors = draft();

        as(author).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"title\": \"Của tôi\"}")
                .patch("/api/v1/articles/" + own).then().statusCode(200);
        as(author).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"title\": \"Không phải của tôi\"}")
                .patch("/api/v1/articles/" + editors).then()
                .statusCode(403)
                .body("detail", is("An AUTHOR can only edit their own drafts"));
        as(author).post("/api/v1/articles/" + own + "/publish").then().statusCode(403);
        as(author).post("/api/v1/articles/" + own + "/unpublish").then().statusCode(403);
        as(author).header("If-Match", "\"v2\"").delete("/api/v1/articles/" + own).then().statusCode(403);

        Map<String, Object> published = input(section.id);
        published.put("status", "PUBLISHED");
        as(author).contentType(ContentType.JSON).body(published).post("/api/v1/articles").then()
                .statusCode(403)
                .body("detail", is("An AUTHOR can only create drafts; an EDITOR publishes them"));

        as(editor).post("/api/v1/articles/" + own + "/publish").then().statusCode(200);
        as(author).header("If-Match", "\"v3\"").contentType(MERGE_PATCH).body("{\"title\": \"Sửa bài đã đăng\"}")
                .patch("/api/v1/articles/" + own).then().statusCode(403);
        as(author).get("/api/v1/articles/" + editors).then().statusCode(404);
        as(author).get("/api/v1/articles/" + own + "/revisions").then().statusCode(200);
        as(author).get("/api/v1/articles/" + editors + "/revisions").then().statusCode(404);
    }

    @Test
    void statusListsAreEditorialAndAnAuthorSeesOnlyTheirOwn() {
        String author = tokenFor("AUTHOR");
        long own = id(create(author, input(section.id)));
        long editors = draft();
        given().queryParam("status", "DRAFT").get("/api/v1/articles").then()
                .statusCode(401)
                .contentType("application/problem+json");
        as(editor).queryParam("status", "DRAFT").queryParam("section", section.slug).get("/api/v1/articles").then()
                .statusCode(200)
                .header("Cache-Control", is("private, no-store"))
                .body("items.id", contains((int) editors, (int) own));
        as(author).queryParam("status", "DRAFT").queryParam("section", section.slug).get("/api/v1/articles").then()
                .statusCode(200)
                .body("items.id", contains((int) own));
    }

    @Test
    void statusCannotChangeThroughAWrite() {
        long id = draft();
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{\"status\": \"PUBLISHED\"}")
                .patch("/api/v1/articles/" + id).then()
                .statusCode(400)
                .body("errors[0].field", is("status"));
    }

    @Test
    void unknownArticleIsNotFoundForEveryWrite() {
        as(editor).header("If-Match", "\"v1\"").contentType(MERGE_PATCH).body("{}").patch("/api/v1/articles/99999999")
                .then().statusCode(404);
        as(editor).post("/api/v1/articles/99999999/publish").then().statusCode(404);
        as(editor).header("If-Match", "\"v1\"").delete("/api/v1/articles/99999999").then().statusCode(404);
    }
}
