package vn.cms.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class ArticleListTest {

    private static final Instant BASE = Instant.parse("2024-05-01T03:00:00Z");

    @Inject
    ContentFixtures fixtures;

    private Article publishedAt(Section section, Instant when) {
        return fixtures.article(section, a -> a.publishedAt = when);
    }

    private static List<Integer> ids(Map<String, ?> query) {
        return given().queryParams(query).get("/api/v1/articles").then()
                .statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class);
    }

    private static int id(Article article) {
        return article.id.intValue();
    }

    @Test
    void newestFirstByDefaultWithPageFields() {
        Section section = fixtures.section("Thời sự");
        Article oldest = publishedAt(section, BASE);
        Article newest = publishedAt(section, BASE.plus(2, ChronoUnit.HOURS));
        Article middle = publishedAt(section, BASE.plus(1, ChronoUnit.HOURS));
        Response response = given().queryParam("section", section.slug).get("/api/v1/articles");
        response.then()
                .statusCode(200)
                .contentType("application/json")
                .body("items.id", contains(id(newest), id(middle), id(oldest)))
                .body("page", is(1))
                .body("size", is(20))
                .body("totalItems", is(3))
                .body("totalPages", is(1))
                .body("nextCursor", nullValue());
        assertNull(response.header("Link"));
    }

    @Test
    void summariesCarryEveryFieldButBody() {
        Section section = fixtures.section("Giáo dục");
        Article article = fixtures.article(section, a -> {
            a.title = "Khai giảng năm học mới";
            a.tags = List.of("giáo dục");
            a.publishedAt = Instant.parse("2024-09-05T00:30:00Z");
        });
        given().queryParam("section", section.slug).get("/api/v1/articles").then()
                .statusCode(200)
                .body("items[0].keySet()", is(new HashSet<>(ArticleSummary.FIELDS)))
                .body("items[0].title", is("Khai giảng năm học mới"))
                .body("items[0].section.slug", is(section.slug))
                .body("items[0].tags", contains("giáo dục"))
                .body("items[0].publishedAt", is("2024-09-05T07:30:00+07:00"))
                .body("items[0].id", is(id(article)));
    }

    @Test
    void oldestFirstAndMostViewedSorts() {
        Section section = fixtures.section("Thể thao");
        Article a = fixtures.article(section, x -> { x.publishedAt = BASE; x.viewCount = 5; });
        Article b = fixtures.article(section, x -> { x.publishedAt = BASE.plusSeconds(60); x.viewCount = 50; });
        Article c = fixtures.article(section, x -> { x.publishedAt = BASE.plusSeconds(120); x.viewCount = 5; });
        assertEquals(List.of(id(a), id(b), id(c)), ids(Map.of("section", section.slug, "sort", "publishedAt")));
        assertEquals(List.of(id(c), id(b), id(a)), ids(Map.of("section", section.slug, "sort", "-publishedAt")));
        // Equal view counts fall back to the newer id first.
        assertEquals(List.of(id(b), id(c), id(a)), ids(Map.of("section", section.slug, "sort", "-viewCount")));
    }

    @Test
    void sectionFilterIncludesEverySubsection() {
        Section parent = fixtures.section("Kinh tế");
        Section child = fixtures.section("Doanh nghiệp", parent.id, 1);
        Section grandchild = fixtures.section("Khởi nghiệp", child.id, 2);
        Section sibling = fixtures.section("Xã hội");
        Article inParent = publishedAt(parent, BASE);
        Article inChild = publishedAt(child, BASE.plusSeconds(1));
        Article inGrandchild = publishedAt(grandchild, BASE.plusSeconds(2));
        publishedAt(sibling, BASE.plusSeconds(3));
        assertEquals(List.of(id(inGrandchild), id(inChild), id(inParent)), ids(Map.of("section", parent.slug)));
        assertEquals(List.of(id(inGrandchild), id(inChild)), ids(Map.of("section", child.slug)));
    }

    @Test
    void tagAndAuthorFilters() {
        Section section = fixtures.section("Môi trường");
        String tag = ContentFixtures.unique("rừng");
        String author = ContentFixtures.unique("Lê Văn");
        Article tagged = fixtures.article(section, a -> { a.tags = List.of("khác", tag); a.publishedAt = BASE; });
        Article byAuthor = fixtures.article(section, a -> { a.author = author; a.publishedAt = BASE.plusSeconds(1); });
        Article both = fixtures.article(section, a -> {
            a.tags = List.of(tag);
            a.author = author;
            a.publishedAt = BASE.plusSeconds(2);
        });
        assertEquals(List.of(id(both), id(tagged)), ids(Map.of("tag", tag)));
        assertEquals(List.of(id(both), id(byAuthor)), ids(Map.of("author", author)));
        assertEquals(List.of(id(both)), ids(Map.of("tag", tag, "author", author)));
    }

    @Test
    void datesAreWholeDaysInTheSiteTimeZone() {
        Section section = fixtures.section("Lịch");
        Article lastSecondOfJanuary31 = publishedAt(section, Instant.parse("2024-01-31T16:59:59Z"));
        Article firstSecondOfFebruary1 = publishedAt(section, Instant.parse("2024-01-31T17:00:00Z"));
        Article february2 = publishedAt(section, Instant.parse("2024-02-02T03:00:00Z"));
        assertEquals(List.of(id(february2), id(firstSecondOfFebruary1)),
                ids(Map.of("section", section.slug, "from", "2024-02-01")));
        assertEquals(List.of(id(lastSecondOfJanuary31)), ids(Map.of("section", section.slug, "to", "2024-01-31")));
        assertEquals(List.of(id(firstSecondOfFebruary1)),
                ids(Map.of("section", section.slug, "from", "2024-02-01", "to", "2024-02-01")));
    }

    @Test
    void dateTimesWithOffsetAreInclusiveInstants() {
        Section section = fixtures.section("Giờ");
        Article early = publishedAt(section, Instant.parse("2024-03-01T01:00:00Z"));
        Article late = publishedAt(section, Instant.parse("2024-03-01T02:00:00Z"));
        assertEquals(List.of(id(early)), ids(Map.of("section", section.slug, "to", "2024-03-01T08:00:00+07:00")));
        assertEquals(List.of(id(late)), ids(Map.of("section", section.slug, "from", "2024-03-01T02:00:00Z")));
        assertEquals(List.of(id(late), id(early)), ids(Map.of("section", section.slug,
                "from", "2024-03-01T08:00:00+07:00", "to", "2024-03-01T09:00:00+07:00")));
    }

    @Test
    void filtersCombine() {
        Section parent = fixtures.section("Y tế");
        Section child = fixtures.section("Bệnh viện", parent.id, 1);
        String tag = ContentFixtures.unique("tiêm chủng");
        Article match = fixtures.article(child, a -> {
            a.tags = List.of(tag);
            a.author = "Hà Vy";
            a.publishedAt = Instant.parse("2024-06-10T03:00:00Z");
        });
        fixtures.article(child, a -> { a.tags = List.of(tag); a.author = "Người khác"; a.publishedAt = match.publishedAt; });
        fixtures.article(child, a -> { a.tags = List.of(tag); a.author = "Hà Vy"; a.publishedAt = BASE; });
        fixtures.article(fixtures.section("Khác"), a -> { a.tags = List.of(tag); a.author = "Hà Vy"; a.publishedAt = match.publishedAt; });
        assertEquals(List.of(id(match)), ids(Map.of("section", parent.slug, "tag", tag, "author", "Hà Vy",
                "from", "2024-06-01", "to", "2024-06-30")));
    }

    @Test
    void draftsAndFutureArticlesAreNotListed() {
        Section section = fixtures.section("Ẩn");
        Article visible = publishedAt(section, BASE);
        fixtures.article(section, a -> a.status = ArticleStatus.DRAFT);
        fixtures.article(section, a -> a.publishedAt = Instant.now().plus(1, ChronoUnit.HOURS));
        given().queryParam("section", section.slug).get("/api/v1/articles").then()
                .statusCode(200)
                .body("items.id", contains(id(visible)))
                .body("totalItems", is(1));
    }

    @Test
    void pagesLinkToTheirNeighbours() {
        Section section = fixtures.section("Trang");
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            articles.add(publishedAt(section, BASE.plusSeconds(i)));
        }
        Response first = given().queryParam("section", section.slug).queryParam("size", 2).get("/api/v1/articles");
        first.then().statusCode(200)
                .body("items.id", contains(id(articles.get(4)), id(articles.get(3))))
                .body("page", is(1)).body("size", is(2)).body("totalItems", is(5)).body("totalPages", is(3));
        assertEquals(List.of("next page=2"), links(first));

        Response second = given().queryParam("section", section.slug).queryParam("size", 2).queryParam("page", 2)
                .get("/api/v1/articles");
        second.then().statusCode(200).body("items.id", contains(id(articles.get(2)), id(articles.get(1))));
        assertEquals(List.of("next page=3", "prev page=1"), links(second));

        Response last = given().queryParam("section", section.slug).queryParam("size", 2).queryParam("page", 3)
                .get("/api/v1/articles");
        last.then().statusCode(200).body("items.id", contains(id(articles.get(0)))).body("nextCursor", nullValue());
        assertEquals(List.of("prev page=2"), links(last));

        given().queryParam("section", section.slug).queryParam("size", 2).queryParam("page", 4).get("/api/v1/articles")
                .then().statusCode(200).body("items", empty()).body("totalItems", is(5)).body("page", is(4));
    }

    @Test
    void cursorPagesLinkToTheNextCursorAndHaveNoPageNumber() {
        Section section = fixtures.section("Con trỏ");
        for (int i = 0; i < 3; i++) {
            publishedAt(section, BASE.plusSeconds(i));
        }
        String cursor = given().queryParam("section", section.slug).queryParam("size", 1).get("/api/v1/articles")
                .then().extract().path("nextCursor");
        Response response = given().queryParam("section", section.slug).queryParam("size", 1)
                .queryParam("cursor", cursor).get("/api/v1/articles");
        response.then().statusCode(200).body("page", nullValue()).body("totalItems", is(3)).body("totalPages", is(3));
        String next = response.path("nextCursor");
        assertEquals(List.of("next cursor=" + next), links(response));
    }

    @Test
    void cursorWalkMatchesPageWalkForEverySort() {
        Section section = fixtures.section("Đi bộ");
        for (int i = 0; i < 23; i++) {
            int n = i;
            // Groups of three share a publication instant and a view count, so ties need the id.
            fixtures.article(section, a -> { a.publishedAt = BASE.plusSeconds(n / 3); a.viewCount = n % 4; });
        }
        for (String sort : List.of("-publishedAt", "publishedAt", "-viewCount")) {
            List<Integer> byPage = new ArrayList<>();
            for (int page = 1; page <= 5; page++) {
                byPage.addAll(ids(Map.of("section", section.slug, "sort", sort, "size", 5, "page", page)));
            }
            List<Integer> byCursor = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().queryParam("section", section.slug).queryParam("sort", sort).queryParam("size", 5);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response response = request.get("/api/v1/articles");
                response.then().statusCode(200);
                byCursor.addAll(response.jsonPath().getList("items.id", Integer.class));
                cursor = response.path("nextCursor");
            } while (cursor != null);
            assertEquals(23, new HashSet<>(byPage).size(), sort);
            assertEquals(byPage, byCursor, sort);
        }
    }

    @Test
    void sparseFieldsReturnOnlyTheChosenFields() {
        Section section = fixtures.section("Gọn");
        Article article = fixtures.article(section, a -> a.title = "Tiêu đề ngắn");
        given().queryParam("section", section.slug).queryParam("fields", "id,title,section")
                .get("/api/v1/articles").then()
                .statusCode(200)
                .body("items[0].keySet()", is(new HashSet<>(List.of("id", "title", "section"))))
                .body("items[0].id", is(id(article)))
                .body("items[0].title", is("Tiêu đề ngắn"))
                .body("items[0].section.slug", is(section.slug));
    }

    @Test
    void pageDepthUpToTenThousandIsServed() {
        given().queryParam("page", 100).queryParam("size", 100).get("/api/v1/articles").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "size=0|size", "size=101|size", "size=abc|size", "page=0|page", "page=abc|page", "page=-1|page",
            "sort=newest|sort", "sort=relevance|sort", "cursor=not-a-cursor|cursor", "cursor=|cursor",
            "section=khong-co-chuyen-muc|section", "from=2024-13-01|from", "from=hôm-qua|from",
            "to=2024-02-30|to", "from=2024-02-02&to=2024-02-01|to", "fields=id,body|fields", "fields=|fields",
            "page=501&size=20|page", "page=2&cursor=djF8MXwx|cursor", "status=DELETED|status", "q2=x|q2",
            "size=10&size=20|size"})
    void invalidParameterIsBadRequestNamingIt(String caseSpec) {
        String[] parts = caseSpec.split("\\|");
        given().urlEncodingEnabled(true).get("/api/v1/articles?" + parts[0]).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:cms:problem:invalid-request"))
                .body("title", is("Invalid request"))
                .body("status", is(400))
                .body("instance", is("/api/v1/articles"))
                .body("errors.field", contains(parts[1]));
    }

    @Test
    void deepPageProblemPointsToTheCursor() {
        given().get("/api/v1/articles?page=501&size=20").then()
                .statusCode(400)
                .body("detail", is("Invalid 'page': pages reach at most item 10000; to read further, "
                        + "follow 'nextCursor' with the 'cursor' parameter"));
    }

    @Test
    void cursorOfAnotherSortIsRefused() {
        Section section = fixtures.section("Lẫn");
        publishedAt(section, BASE);
        publishedAt(section, BASE.plusSeconds(1));
        String cursor = given().queryParam("section", section.slug).queryParam("size", 1).get("/api/v1/articles")
                .then().extract().path("nextCursor");
        given().queryParam("section", section.slug).queryParam("size", 1).queryParam("cursor", cursor)
                .queryParam("sort", "-viewCount").get("/api/v1/articles").then()
                .statusCode(400)
                .body("errors[0].field", is("cursor"))
                .body("errors[0].message", is("was issued for sort -publishedAt, not -viewCount"));
    }

    /** Each Link header entry as "rel changedParameter", e.g. "next page=2". */
    private static List<String> links(Response response) {
        List<String> result = new ArrayList<>();
        for (String header : response.headers().getValues("Link")) {
            for (String link : header.split(",\\s*(?=<)")) {
                String uri = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
                String rel = link.replaceAll(".*rel=\"([a-z]+)\".*", "$1");
                String query = uri.substring(uri.indexOf('?') + 1);
                String changed = java.util.Arrays.stream(query.split("&"))
                        .filter(p -> p.startsWith("page=") || p.startsWith("cursor="))
                        .findFirst().orElse("");
                result.add(rel + " " + changed);
            }
        }
        result.sort(null);
        return result;
    }
}
