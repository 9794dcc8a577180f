package vn.cms.importing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class ImportResourceTest {

    private static final String NDJSON = "application/x-ndjson";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String article(String prefix, int n, String section) {
        return "{\"kind\": \"article\", \"slug\": \"" + prefix + "-" + n + "\", \"title\": \"Tin số " + n
                + "\", \"summary\": \"Tóm tắt " + n + "\", \"body\": \"<p>Nội dung " + n + "</p><script>x()</script>\","
                + " \"author\": \"Phóng viên\", \"section\": \"" + section + "\", \"tags\": [\"lưu trữ\"],"
                + " \"status\": \"PUBLISHED\", \"publishedAt\": \"2016-01-01T08:00:00+07:00\"}";
    }

    @Test
    void tenThousandLinesLandWhileEachBadLineIsReportedByNumber() {
        String prefix = ContentFixtures.unique("nhap");
        String section = prefix + "-muc";
        List<String> lines = new ArrayList<>();
        lines.add("{\"kind\": \"section\", \"slug\": \"" + section + "\", \"name\": \"Lưu trữ\"}");
        lines.add("{\"kind\": \"section\", \"slug\": \"" + section + "-con\", \"name\": \"Con\", \"parent\": \"" + section + "\"}");
        List<Integer> badLines = new ArrayList<>();
        for (int n = 1; lines.size() < 10_000; n++) {
            int lineNumber = lines.size() + 1;
            switch (n % 1000) {
                case 100 -> { lines.add("{\"kind\": \"article\", \"slug\": \"thieu-" + n + "\"}"); badLines.add(lineNumber); }
                case 300 -> { lines.add("{không phải json"); badLines.add(lineNumber); }
                case 500 -> { lines.add(article(prefix, n, "khong-co-muc")); badLines.add(lineNumber); }
                case 700 -> { lines.add("{\"kind\": \"tag\", \"slug\": \"x\"}"); badLines.add(lineNumber); }
                case 900 -> { lines.add(article(prefix, n, section).replace("\"PUBLISHED\"", "\"LATER\"")); badLines.add(lineNumber); }
                default -> lines.add(article(prefix, n, n % 2 == 0 ? section : section + "-con"));
            }
        }
        as(adminToken()).contentType(NDJSON).body(bytes(String.join("\n", lines) + "\n"))
                .post("/api/v1/admin/import").then()
                .statusCode(200)
                .body("created", is(10_000 - badLines.size()))
                .body("updated", is(0))
                .body("failed", is(badLines.size()))
                .body("errors.line", contains(badLines.toArray()))
                .body("errors[0].message", is("body: must not be null; section: must not be blank; title: must not be blank"))
                .body("errors[1].message", startsWith("body: is not valid JSON"))
                .body("errors[2].message", is("section: no section has the slug 'khong-co-muc'"))
                .body("errors[3].message", is("kind: must be \"section\" or \"article\""))
                .body("errors[4].message", is("status: has an invalid value 'LATER'"));

        given().get("/api/v1/articles/slug/" + prefix + "-1").then()
                .statusCode(200)
                .body("title", is("Tin số 1"))
                .body("body", is("<p>Nội dung 1</p>"))
                .body("publishedAt", is("2016-01-01T08:00:00+07:00"))
                .body("tags", contains("lưu trữ"));
        given().queryParam("section", section).get("/api/v1/articles").then()
                .body("totalItems", is(10_000 - 2 - badLines.size()));
    }

    @Test
    void importingAgainUpdatesBySlugAndKeepsARevision() {
        String prefix = ContentFixtures.unique("lai");
        String section = prefix + "-muc";
        String first = "{\"kind\": \"section\", \"slug\": \"" + section + "\", \"name\": \"Mục\"}\n" + article(prefix, 1, section);
        as(adminToken()).contentType(NDJSON).body(bytes(first)).post("/api/v1/admin/import").then()
                .statusCode(200).body("created", is(2)).body("updated", is(0)).body("errors", empty());
        String nfdTitle = Normalizer.normalize("Tin đã sửa", Normalizer.Form.NFD);
        String second = "{\"kind\": \"section\", \"slug\": \"" + section + "\", \"name\": \"Mục mới\"}\n"
                + article(prefix, 1, section).replace("\"Tin số 1\"", "\"" + nfdTitle + "\"");
        as(adminToken()).contentType(NDJSON).body(bytes(second)).post("/api/v1/admin/import").then()
                .statusCode(200).body("created", is(0)).body("updated", is(2));
        int id = given().get("/api/v1/articles/slug/" + prefix + "-1").then()
                .body("title", is("Tin đã sửa"))
                .body("version", is(2))
                .extract().path("id");
        as(adminToken()).get("/api/v1/articles/" + id + "/revisions").then()
                .body("items.action", contains("IMPORT", "IMPORT"));
        given().get("/api/v1/sections/slug/" + section).then().body("name", is("Mục mới"));
    }

    @Test
    void hostileLinesAreReportedByNumberAndTheRestLands() {
        String prefix = ContentFixtures.unique("doc-hai");
        String section = prefix + "-muc";
        String lines = String.join("\n",
                "{\"kind\": \"section\", \"slug\": \"" + section + "\", \"name\": \"Mục\"}",
                article(prefix, 1, section).replace("\"Tin số 1\"", "\"Tin\\u0000số 1\""),
                article(prefix, 2, section).replace("<p>Nội dung 2</p>", "<p>" + "a".repeat(4 * 1024 * 1024) + "</p>"),
                article(prefix, 3, section).replace("2016-01-01T08:00:00+07:00", "+10000-01-01T08:00:00+07:00"),
                "[1, 2]",
                article(prefix, 5, section));
        as(adminToken()).contentType(NDJSON).body(bytes(lines)).post("/api/v1/admin/import").then()
                .statusCode(200)
                .body("created", is(2))
                .body("failed", is(4))
                .body("errors.line", contains(2, 3, 4, 5))
                .body("errors[0].message", is("title: must not contain the NUL character (U+0000)"))
                .body("errors[1].message", is("is longer than 4194304 bytes, the most one line may hold"))
                .body("errors[2].message", is("publishedAt: must be a date-time with offset between the years 0001 and 9999"))
                .body("errors[3].message", is("kind: must be \"section\" or \"article\""));
        given().get("/api/v1/articles/slug/" + prefix + "-5").then().statusCode(200).body("title", is("Tin số 5"));
    }

    @Test
    void aFormerSlugThatStillRedirectsIsNotTakenByAnImportedArticle() {
        String prefix = ContentFixtures.unique("cu");
        String section = prefix + "-muc";
        String articles = "{\"kind\": \"section\", \"slug\": \"" + section + "\", \"name\": \"Mục\"}\n"
                + article(prefix, 1, section);
        as(adminToken()).contentType(NDJSON).body(bytes(articles)).post("/api/v1/admin/import").then()
                .statusCode(200).body("created", is(2));
        int id = given().get("/api/v1/articles/slug/" + prefix + "-1").then().statusCode(200).extract().path("id");
        as(adminToken()).header("If-Match", "\"v1\"").contentType("application/merge-patch+json")
                .body("{\"slug\": \"" + prefix + "-moi\"}").patch("/api/v1/articles/" + id).then().statusCode(200);

        as(adminToken()).contentType(NDJSON).body(bytes(article(prefix, 1, section) + "\n" + article(prefix, 2, section)))
                .post("/api/v1/admin/import").then()
                .statusCode(200)
                .body("created", is(1))
                .body("failed", is(1))
                .body("errors.line", contains(1))
                .body("errors[0].message", is("slug: is the former slug of another article and still leads its readers there"));
        given().redirects().follow(false).get("/api/v1/articles/slug/" + prefix + "-1").then().statusCode(301);
    }

    @Test
    void onlyAdministratorsImport() {
        as(tokenFor("EDITOR")).contentType(NDJSON).body(new byte[0]).post("/api/v1/admin/import").then().statusCode(403);
        given().contentType(NDJSON).body(new byte[0]).post("/api/v1/admin/import").then().statusCode(401);
    }

    @Test
    void importNeedsNdjson() {
        as(adminToken()).contentType("application/json").body("[]").post("/api/v1/admin/import").then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
