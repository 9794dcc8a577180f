package vn.cms.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;

/** The editor and the import write articles and sections by the same rules. */
@QuarkusTest
class OneWritePathTest {

    private static final String NDJSON = "application/x-ndjson";

    private static JsonPath importLines(String... lines) {
        return as(adminToken()).contentType(NDJSON).body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/import").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath createSection(Map<String, Object> input) {
        return as(adminToken()).contentType(ContentType.JSON).body(input)
                .post("/api/v1/sections").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void anImportLineNamesItsInvalidFieldsAsTheEditorDoesWithTheSameMessages() {
        JsonPath section = createSection(Map.of("name", ContentFixtures.unique("Mục thử")));
        Map<String, Object> input = Articles.input(section.getLong("id"));
        input.put("title", " ");
        input.put("tags", List.of(" "));
        input.put("featuredImage", Map.of("url", "ftp://anh.tinh.gov.vn/a.jpg"));
        List<Map<String, String>> editorErrors = as(adminToken()).contentType(ContentType.JSON).body(input)
                .post("/api/v1/articles").then().statusCode(400).extract().jsonPath().getList("errors");
        String asTheEditorSaysIt = editorErrors.stream().map(e -> e.get("field") + ": " + e.get("message"))
                .collect(Collectors.joining("; "));

        JsonPath report = importLines("{\"kind\": \"article\", \"slug\": \"" + ContentFixtures.unique("sai")
                + "\", \"title\": \" \", \"body\": \"<p>Nội dung</p>\", \"section\": \"" + section.getString("slug")
                + "\", \"tags\": [\" \"], \"featuredImage\": {\"url\": \"ftp://anh.tinh.gov.vn/a.jpg\"}}");

        assertEquals("featuredImage.url: must be an http or https URL; tags[0]: must not be blank; title: must not be blank",
                asTheEditorSaysIt);
        assertEquals(asTheEditorSaysIt, report.getString("errors[0].message"));
    }

    @Test
    void anImportedArticleIsStoredByTheEditorsContentRules() {
        JsonPath section = createSection(Map.of("name", ContentFixtures.unique("Mục nội dung")));
        String title = "  " + ContentFixtures.unique("Tin có khoảng trắng") + "  ";
        Map<String, Object> input = Articles.input(section.getLong("id"));
        input.put("title", title);
        input.put("summary", "   ");
        input.put("body", "<p>Nội dung</p><script>x()</script>");
        input.put("author", " ");
        input.put("tags", List.of(" CCHC ", "CCHC", "tuyên truyền"));
        long edited = Articles.id(Articles.create(adminToken(), input));
        String slug = ContentFixtures.unique("nhap-noi-dung");
        importLines("{\"kind\": \"article\", \"slug\": \"" + slug + "\", \"title\": \"" + title + "\","
                + " \"summary\": \"   \", \"body\": \"<p>Nội dung</p><script>x()</script>\", \"author\": \" \","
                + " \"section\": \"" + section.getString("slug") + "\", \"tags\": [\" CCHC \", \"CCHC\", \"tuyên truyền\"]}");
        long imported = as(adminToken()).queryParam("status", "DRAFT").queryParam("section", section.getString("slug"))
                .get("/api/v1/articles").then().statusCode(200).extract().jsonPath()
                .getLong("items.find { it.slug == '" + slug + "' }.id");

        Map<String, Object> editorView = as(adminToken()).get("/api/v1/articles/" + edited + "/revisions/1").then()
                .statusCode(200).extract().as(Map.class);
        Map<String, Object> importView = as(adminToken()).get("/api/v1/articles/" + imported + "/revisions/1").then()
                .statusCode(200)
                .body("title", is(title.strip()))
                .body("summary", nullValue())
                .body("body", is("<p>Nội dung</p>"))
                .body("author", nullValue())
                .body("tags", contains("CCHC", "tuyên truyền"))
                .extract().as(Map.class);
        assertEquals(content(editorView), content(importView));
    }

    private static Map<String, Object> content(Map<String, Object> revision) {
        Map<String, Object> content = new HashMap<>(revision);
        content.keySet().retainAll(List.of("title", "summary", "body", "author", "sectionId", "tags", "featuredImage", "status"));
        return content;
    }

    @Test
    void aSectionWithoutAPositionGoesAfterTheLastWhetherEditedOrImportedAndAReimportKeepsItsPlace() {
        int first = createSection(Map.of("name", ContentFixtures.unique("Mục đầu"))).getInt("position");
        String imported = ContentFixtures.unique("muc-nhap");
        String line = "{\"kind\": \"section\", \"slug\": \"" + imported + "\", \"name\": \"Mục nhập\"}";
        importLines(line);
        int last = createSection(Map.of("name", ContentFixtures.unique("Mục cuối"))).getInt("position");
        importLines(line);

        given().get("/api/v1/sections/slug/" + imported).then().statusCode(200).body("position", is(first + 1));
        assertEquals(first + 2, last);
    }

    @Test
    void aGeneratedSlugIsTheSameForASectionAsForAnArticleAndNumberedAlikeOnCollision() {
        String words = ContentFixtures.unique("Cải cách") + " " + "hành chính công khai minh bạch ".repeat(8);
        String name = words.substring(0, 199).strip();
        JsonPath section = createSection(Map.of("name", name));
        Map<String, Object> input = Articles.input(section.getLong("id"));
        input.put("title", name);
        String articleSlug = (String) Articles.create(adminToken(), input).get("slug");
        String secondArticleSlug = (String) Articles.create(adminToken(), input).get("slug");
        String secondSectionSlug = createSection(Map.of("name", name)).getString("slug");

        assertEquals(articleSlug, section.getString("slug"));
        assertEquals(articleSlug + "-2", secondArticleSlug);
        assertEquals(articleSlug + "-2", secondSectionSlug);
        assertEquals(List.of(true, false), List.of(articleSlug.length() <= 192, articleSlug.endsWith("-")));
    }
}
