package vn.cms.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.ContentFixtures;

/** Searching a fixed set of articles, as hurried Vietnamese readers type. */
@QuarkusTest
class ArticleSearchTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
    /** Article names to ids, and the section slugs, made once for the whole class. */
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static String section;
    private static String tones;

    @Inject
    ContentFixtures fixtures;
    @Inject
    ArticleSearchIndex searchIndex;

    @BeforeEach
    synchronized void fixedArticles() {
        if (section != null) {
            return;
        }
        Section s = fixtures.section("Tìm kiếm");
        put("A1", s, "Đẩy mạnh cải cách hành chính năm 2017", "Tuyên truyền về cải cách", "<p>Kế hoạch số 09</p>",
                "Quốc Tuấn", List.of(), 1);
        put("A2", s, "Cai cach thu tuc hanh chinh", "Ban tin khong dau", "<p>Noi dung</p>", "Minh Anh", List.of(), 2);
        put("A3", s, "Đổi mới giáo dục", "Đổi mới căn bản", "<p>Cải cách hành chính trong <b>trường học</b></p>",
                "Thu Hà", List.of(), 3);
        put("A4", s, "Tin thể thao", "Bóng đá", "<p>Trận đấu</p>", "Đặng Văn Lâm", List.of(), 4);
        put("A5", s, "Kinh tế - xã hội <tăng trưởng>", "Tăng trưởng & phát triển", "<p>Số liệu</p>", "Văn Nam",
                List.of("đầu tư"), 5);
        Section t = fixtures.section("Dấu");
        put("TONES", t, "Cải cách", null, "<p>x</p>", null, List.of(), 1);
        put("PLAIN", t, "Cai cach", null, "<p>x</p>", null, List.of(), 2);
        section = s.slug;
        tones = t.slug;
    }

    private void put(String name, Section s, String title, String summary, String body, String author,
                     List<String> tags, int hour) {
        IDS.put(name, fixtures.article(s, a -> {
            a.title = title;
            a.summary = summary;
            a.body = body;
            a.author = author;
            a.tags = tags;
            a.publishedAt = T.plusSeconds(3600L * hour);
        }).id.intValue());
    }

    private static List<Integer> search(String sectionSlug, String q) {
        return given().queryParam("section", sectionSlug).queryParam("q", q).get("/api/v1/articles").then()
                .statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class);
    }

    private static List<Integer> ids(String... names) {
        return Stream.of(names).map(IDS::get).toList();
    }

    static Stream<Arguments> queries() {
        String nfd = Normalizer.normalize("đổi mới", Normalizer.Form.NFD);
        return Stream.of(
                Arguments.of("cai cach hanh chinh", List.of("A1", "A2", "A3")),
                Arguments.of("cải cách hành chính", List.of("A1", "A2", "A3")),
                Arguments.of("CẢI CÁCH", List.of("A1", "A2", "A3")),
                Arguments.of("DAY MANH TUYEN TRUYEN", List.of("A1")),
                Arguments.of("đổi mới", List.of("A3")),
                Arguments.of(nfd, List.of("A3")),
                Arguments.of("doi moi", List.of("A3")),
                Arguments.of("dang van lam", List.of("A4")),
                Arguments.of("ĐẶNG", List.of("A4")),
                Arguments.of("dau tu", List.of("A5")),
                Arguments.of("truong hoc", List.of("A3")),
                Arguments.of("\"hanh chinh nam\"", List.of("A1")),
                Arguments.of("\"cach hanh\"", List.of("A1", "A3")),
                Arguments.of("\"thu tuc cai cach\"", List.of()),
                Arguments.of("hanh chinh bong da", List.of()),
                Arguments.of("không có gì như thế này", List.of()),
                Arguments.of("cải & cách | ! :* ( ) <-> ' ; drop table article; --", List.of()),
                Arguments.of("\"cải cách", List.of("A1", "A2", "A3")),
                Arguments.of("'", List.of()),
                Arguments.of("%_\\", List.of()),
                Arguments.of("a".repeat(200), List.of()));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void findsTheRightArticlesInTheRightOrder(String q, List<String> expected) {
        assertEquals(ids(expected.toArray(String[]::new)), search(section, q), q);
    }

    @Test
    void exactTonesRankFirstAmongEqualMatches() {
        assertEquals(ids("TONES", "PLAIN"), search(tones, "cải cách"));
        assertEquals(ids("PLAIN", "TONES"), search(tones, "cai cach"));
    }

    @Test
    void matchedWordsAreMarkedAndTheRestEscaped() {
        given().queryParam("section", section).queryParam("q", "cai cach").get("/api/v1/articles").then()
                .statusCode(200)
                .body("items[0].highlight.title", is("Đẩy mạnh <mark>cải</mark> <mark>cách</mark> hành chính năm 2017"))
                .body("items[0].highlight.summary", is("Tuyên truyền về <mark>cải</mark> <mark>cách</mark>"));
        given().queryParam("section", section).queryParam("q", "tang truong").get("/api/v1/articles").then()
                .statusCode(200)
                .body("items[0].highlight.title", is("Kinh tế - xã hội &lt;<mark>tăng</mark> <mark>trưởng</mark>&gt;"))
                .body("items[0].highlight.summary", is("<mark>Tăng</mark> <mark>trưởng</mark> &amp; phát triển"));
    }

    @Test
    void aShortQueryWithATypoFindsSimilarTitles() {
        assertEquals(ids("A3"), search(section, "giao ducc"));
    }

    @Test
    void searchCombinesWithOtherFiltersAndSorts() {
        assertEquals(ids("A3", "A2", "A1"), given().queryParam("section", section).queryParam("q", "cai cach")
                .queryParam("sort", "-publishedAt").get("/api/v1/articles").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class));
        assertEquals(ids("A2"), given().queryParam("section", section).queryParam("q", "cai cach")
                .queryParam("author", "Minh Anh").get("/api/v1/articles").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class));
    }

    @Test
    void relevancePagesFollowTheirCursor() {
        String cursor = given().queryParam("section", section).queryParam("q", "cai cach").queryParam("size", 2)
                .get("/api/v1/articles").then().statusCode(200)
                .body("totalItems", is(3))
                .extract().path("nextCursor");
        assertEquals(ids("A3"), given().queryParam("section", section).queryParam("q", "cai cach").queryParam("size", 2)
                .queryParam("cursor", cursor).get("/api/v1/articles").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class));
    }

    @Test
    void queryOverTwoHundredCharactersIsRefused() {
        given().queryParam("q", "a".repeat(201)).get("/api/v1/articles").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("q"))
                .body("errors[0].message", is("must be at most 200 characters"));
    }

    @Test
    void relevanceWithoutAQueryIsRefused() {
        given().queryParam("sort", "relevance").get("/api/v1/articles").then()
                .statusCode(400)
                .body("errors[0].field", is("sort"));
    }

    @Test
    void importedArticlesAreFoundOnceIndexedAndReindexedWhenReimported() {
        String slug = ContentFixtures.unique("nhap-khau");
        String sectionSlug = section;
        importArticle(slug, "Hội nghị chuyển đổi số", sectionSlug);
        int id = given().get("/api/v1/articles/slug/" + slug).then().statusCode(200).extract().path("id");
        searchIndex.indexPending();
        assertEquals(List.of(id), search(sectionSlug, "chuyen doi so"));

        importArticle(slug, "Hội thảo kinh tế biển", sectionSlug);
        searchIndex.indexPending();
        assertEquals(List.of(), search(sectionSlug, "chuyen doi so"));
        assertEquals(List.of(id), search(sectionSlug, "kinh te bien"));
    }

    private static void importArticle(String slug, String title, String sectionSlug) {
        Accounts.as(Accounts.adminToken()).contentType("application/x-ndjson")
                .body(("{\"kind\": \"article\", \"slug\": \"" + slug + "\", \"title\": \"" + title + "\","
                        + " \"body\": \"<p>Nội dung</p>\", \"section\": \"" + sectionSlug + "\", \"status\": \"PUBLISHED\","
                        + " \"publishedAt\": \"2017-03-15T14:00:00+07:00\"}\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/import").then().statusCode(200);
    }

    @Test
    void aQueryMostArticlesMatchRanksItsThousandNewestMatches() {
        Section s = fixtures.section("Rộng");
        String word = "tuyenbo" + ContentFixtures.unique("x").replace("-", "");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1_005; i++) {
            lines.append("{\"kind\": \"article\", \"slug\": \"").append(s.slug).append("-").append(i)
                    .append("\", \"title\": \"Bài ").append(i).append(" ").append(word)
                    .append("\", \"body\": \"<p>Nội dung</p>\", \"section\": \"").append(s.slug)
                    .append("\", \"status\": \"PUBLISHED\", \"publishedAt\": \"")
                    .append(java.time.OffsetDateTime.parse("2016-01-01T08:00:00+07:00").plusMinutes(i)).append("\"}\n");
        }
        Accounts.as(Accounts.adminToken()).contentType("application/x-ndjson")
                .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/admin/import").then().statusCode(200).body("created", is(1_005));
        searchIndex.indexPending();
        var response = given().queryParam("q", word).queryParam("size", 100).queryParam("page", 10)
                .get("/api/v1/articles").then().statusCode(200)
                .body("totalItems", is(1_000))
                .body("totalPages", is(10))
                .body("nextCursor", is((Object) null))
                .extract().jsonPath();
        // The five oldest are beyond the thousand newest; every result is among the newest.
        List<String> titles = response.getList("items.title", String.class);
        assertEquals(100, titles.size());
        assertEquals(false, titles.stream().anyMatch(t -> t.matches("Bài [0-4] .*")));
    }
}
