package vn.cms.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;
import vn.cms.article.Article;
import vn.cms.article.ArticleStatus;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

/** RSS, Atom and JSON Feed of the newest public articles, read back with real parsers. */
@QuarkusTest
class FeedResourceTest {

    private static final String SITE = "https://tinh.gov.vn";
    private static final String PUBLIC = "public, max-age=30, stale-while-revalidate=30";
    /** Later than anything other tests publish: the newest articles of the portal are this test's own. */
    private static final Instant NOW = Instant.parse("2100-01-01T03:00:00Z");

    @Inject
    ContentFixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    PublicResponseCache cache;

    private final ObjectMapper json = new ObjectMapper();

    /** A section with a subsection, and in them three public articles, a draft, a scheduled and a deleted one. */
    private record Content(Section parent, Section child, Article oldest, Article middle, Article newest) {
    }

    private Content content() {
        return content(NOW);
    }

    private Content content(Instant now) {
        clock.set(now);
        Section parent = fixtures.section("Cải cách hành chính");
        Section child = fixtures.section("Một cửa liên thông", parent.id, 1);
        Article oldest = fixtures.article(parent, a -> {
            a.title = "Hội nghị tổng kết";
            a.publishedAt = now.minus(Duration.ofHours(3));
        });
        Article middle = fixtures.article(child, a -> {
            a.title = "Triển khai một cửa";
            a.publishedAt = now.minus(Duration.ofHours(2));
            a.featuredImageUrl = "https://tinh.gov.vn/uploads/2017/03/mot-cua.png";
            a.featuredImageAlt = "Bộ phận một cửa";
        });
        Article newest = fixtures.article(parent, a -> {
            a.title = "Đẩy mạnh tuyên truyền";
            a.summary = "Kế hoạch số 09/KH-UBND";
            a.body = "<p>Năm 2017 là năm phát huy vai trò</p>";
            a.author = "Quốc Tuấn";
            a.publishedAt = now.minus(Duration.ofHours(1));
            a.updatedAt = now.minus(Duration.ofMinutes(30));
            a.createdAt = Instant.parse("2017-03-14T20:00:00Z");
            a.featuredImageUrl = "https://tinh.gov.vn/uploads/2017/03/cchc.jpg";
        });
        fixtures.article(parent, a -> {
            a.title = "Bản nháp";
            a.status = ArticleStatus.DRAFT;
            a.publishedAt = null;
        });
        fixtures.article(child, a -> {
            a.title = "Hẹn giờ";
            a.publishedAt = now.plus(Duration.ofMinutes(1));
        });
        fixtures.article(parent, a -> {
            a.title = "Đã xoá";
            a.publishedAt = now.minus(Duration.ofMinutes(10));
            a.deletedAt = now.minus(Duration.ofMinutes(5));
        });
        return new Content(parent, child, oldest, middle, newest);
    }

    private static Response feed(String format, Section section) {
        return given().queryParam("section", section.slug).get("/api/v1/feeds/" + format);
    }

    private static SyndFeed parse(Response response) throws Exception {
        return new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(response.asByteArray())));
    }

    private static String link(Article article, Section section) {
        return SITE + "/" + section.slug + "/" + article.slug;
    }

    private static String guid(Article article) {
        return "tag:tinh.gov.vn," + article.createdAt.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate()
                + ":article:" + article.id;
    }

    @Test
    void rssListsTheSubtreesPublicArticlesNewestFirstWithEverythingAReaderShows() throws Exception {
        Content c = content();
        Response response = feed("rss", c.parent());
        response.then().statusCode(200).header("Content-Type", "application/rss+xml;charset=UTF-8");

        SyndFeed feed = parse(response);
        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals("Cổng thông tin điện tử tỉnh – Cải cách hành chính", feed.getTitle());
        assertEquals(SITE + "/" + c.parent().slug, feed.getLink());
        assertEquals("vi", feed.getLanguage());
        assertEquals(List.of("Đẩy mạnh tuyên truyền", "Triển khai một cửa", "Hội nghị tổng kết"),
                feed.getEntries().stream().map(SyndEntry::getTitle).toList());

        SyndEntry newest = feed.getEntries().get(0);
        assertEquals(link(c.newest(), c.parent()), newest.getLink());
        assertEquals(guid(c.newest()), newest.getUri());
        assertEquals("tag:tinh.gov.vn,2017-03-15:article:" + c.newest().id, newest.getUri());
        assertEquals("Kế hoạch số 09/KH-UBND", newest.getDescription().getValue());
        assertEquals("<p>Năm 2017 là năm phát huy vai trò</p>", newest.getContents().get(0).getValue());
        assertEquals("Quốc Tuấn", newest.getAuthor());
        assertEquals("Cải cách hành chính", newest.getCategories().get(0).getName());
        assertEquals(SITE + "/" + c.parent().slug, newest.getCategories().get(0).getTaxonomyUri());
        assertEquals("https://tinh.gov.vn/uploads/2017/03/cchc.jpg", newest.getEnclosures().get(0).getUrl());
        assertEquals("image/jpeg", newest.getEnclosures().get(0).getType());
        assertEquals(c.newest().publishedAt, newest.getPublishedDate().toInstant());
        assertEquals("image/png", feed.getEntries().get(1).getEnclosures().get(0).getType());
        assertEquals(link(c.middle(), c.child()), feed.getEntries().get(1).getLink());
        assertEquals("Một cửa liên thông", feed.getEntries().get(1).getCategories().get(0).getName());

        // The raw elements: content:encoded, dc:creator, a guid that is no permalink, dates in the site zone.
        Channel channel = (Channel) new WireFeedInput().build(new InputStreamReader(
                new ByteArrayInputStream(response.asByteArray()), StandardCharsets.UTF_8));
        Item item = channel.getItems().get(0);
        assertEquals("<p>Năm 2017 là năm phát huy vai trò</p>", item.getContent().getValue());
        assertEquals(1, count(response.asString(), "<content:encoded>&lt;p&gt;Năm 2017 là năm phát huy vai trò&lt;/p&gt;"
                + "</content:encoded>"));
        assertEquals("Quốc Tuấn", ((DCModule) item.getModule(DCModule.URI)).getCreator());
        assertEquals(false, item.getGuid().isPermaLink());
        String xml = response.asString();
        assertEquals(1, count(xml, "<pubDate>Fri, 1 Jan 2100 09:00:00 +0700</pubDate>"));
        assertEquals(1, count(xml, "<lastBuildDate>Fri, 1 Jan 2100 09:30:00 +0700</lastBuildDate>"));
        assertEquals(1, count(xml, "<atom:link href=\"" + SITE + "/api/v1/feeds/rss?section=" + c.parent().slug
                + "\" rel=\"self\" type=\"application/rss+xml\""));
    }

    @Test
    void atomListsTheSameArticlesWithIdsSummariesAndContent() throws Exception {
        Content c = content();
        Response response = feed("atom", c.parent());
        response.then().statusCode(200).header("Content-Type", "application/atom+xml;charset=UTF-8");

        SyndFeed feed = parse(response);
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals(1, count(response.asString(), "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">"));
        assertEquals(List.of(guid(c.newest()), guid(c.middle()), guid(c.oldest())),
                feed.getEntries().stream().map(SyndEntry::getUri).toList());
        SyndEntry newest = feed.getEntries().get(0);
        assertEquals("Đẩy mạnh tuyên truyền", newest.getTitle());
        assertEquals(link(c.newest(), c.parent()), newest.getLink());
        assertEquals("Kế hoạch số 09/KH-UBND", newest.getDescription().getValue());
        assertEquals("html", newest.getContents().get(0).getType());
        assertEquals("<p>Năm 2017 là năm phát huy vai trò</p>", newest.getContents().get(0).getValue());
        assertEquals("Quốc Tuấn", newest.getAuthors().get(0).getName());
        assertEquals(c.parent().slug, newest.getCategories().get(0).getName());
        assertEquals(c.newest().publishedAt, newest.getPublishedDate().toInstant());
        assertEquals(c.newest().updatedAt, newest.getUpdatedDate().toInstant());
        assertEquals("https://tinh.gov.vn/uploads/2017/03/cchc.jpg", newest.getEnclosures().get(0).getUrl());
        String xml = response.asString();
        assertEquals(1, count(xml, "<published>2100-01-01T09:00:00+07:00</published>"));
        // The feed's and the newest entry's.
        assertEquals(2, count(xml, "<updated>2100-01-01T09:30:00+07:00</updated>"));
    }

    @Test
    void jsonFeedHasTheRequiredMembersOfVersion11AndTheSameItems() throws Exception {
        Content c = content();
        Response response = feed("json", c.parent());
        response.then().statusCode(200).header("Content-Type", "application/feed+json;charset=UTF-8");

        JsonNode feed = json.readTree(response.asByteArray());
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
        assertEquals("Cổng thông tin điện tử tỉnh – Cải cách hành chính", feed.get("title").asText());
        assertEquals(SITE + "/" + c.parent().slug, feed.get("home_page_url").asText());
        assertEquals(SITE + "/api/v1/feeds/json?section=" + c.parent().slug, feed.get("feed_url").asText());
        assertEquals("vi", feed.get("language").asText());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : feed.get("items")) {
            // JSON Feed 1.1: every item has a string id and content_html or content_text.
            assertEquals(true, item.get("id").isTextual());
            assertEquals(true, item.get("content_html").isTextual());
            ids.add(item.get("id").asText());
        }
        assertEquals(List.of(guid(c.newest()), guid(c.middle()), guid(c.oldest())), ids);
        assertEquals(json.readTree("""
                {"id": "%s", "url": "%s", "title": "Đẩy mạnh tuyên truyền",
                 "content_html": "<p>Năm 2017 là năm phát huy vai trò</p>", "summary": "Kế hoạch số 09/KH-UBND",
                 "image": "https://tinh.gov.vn/uploads/2017/03/cchc.jpg",
                 "date_published": "2100-01-01T09:00:00+07:00", "date_modified": "2100-01-01T09:30:00+07:00",
                 "authors": [{"name": "Quốc Tuấn"}], "tags": ["Cải cách hành chính"]}"""
                .formatted(guid(c.newest()), link(c.newest(), c.parent()))), feed.get("items").get(0));
        assertNull(feed.get("items").get(2).get("image"));
    }

    @Test
    void withoutASectionTheFeedIsThePortalsNewestTwenty() throws Exception {
        // A day after the other tests' articles, so that the portal's newest are these.
        Instant now = NOW.plus(Duration.ofDays(1));
        Content c = content(now);
        List<String> expected = new ArrayList<>(List.of(guid(c.newest()), guid(c.middle()), guid(c.oldest())));
        for (int i = 1; i <= 18; i++) {
            Duration age = Duration.ofHours(3).plusMinutes(i);
            expected.add(guid(fixtures.article(c.child(), a -> a.publishedAt = now.minus(age))));
        }
        SyndFeed feed = parse(given().get("/api/v1/feeds/rss").then().statusCode(200).extract().response());
        assertEquals("Cổng thông tin điện tử tỉnh", feed.getTitle());
        assertEquals(SITE + "/", feed.getLink());
        assertEquals(expected.subList(0, 20), feed.getEntries().stream().map(SyndEntry::getUri).toList());
    }

    /** Two of every three articles in the subsection: the feed takes the subtree's newest 20, whichever section. */
    @Test
    void aSubtreeFeedHoldsTheNewestArticlesOfAllItsSectionsUpToTheFeedSize() throws Exception {
        Instant now = Instant.parse("2150-06-01T02:00:00Z");
        clock.set(now);
        Section parent = fixtures.section("Tin tỉnh");
        Section child = fixtures.section("Tin huyện", parent.id, 1);
        for (int i = 24; i >= 0; i--) {
            int minutesAgo = i;
            fixtures.article(i % 3 == 0 ? parent : child, a -> {
                a.title = "Tin số " + minutesAgo;
                a.publishedAt = now.minus(Duration.ofMinutes(minutesAgo));
            });
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("Tin số " + i);
        }
        assertEquals(expected, parse(feed("rss", parent)).getEntries().stream().map(SyndEntry::getTitle).toList());
    }

    @Test
    void subsectionFeedHoldsOnlyItsOwnArticles() throws Exception {
        Content c = content();
        assertEquals(List.of(guid(c.middle())),
                parse(feed("atom", c.child())).getEntries().stream().map(SyndEntry::getUri).toList());
    }

    @Test
    void ampersandsAngleBracketsAndDecomposedVietnameseComeOutEscapedAndNfc() throws Exception {
        clock.set(NOW);
        Section section = fixtures.section("Kinh tế & <Xã hội>");
        String title = Normalizer.normalize("Giá xăng & dầu <tăng> – Hà Nội \"nóng\"", Normalizer.Form.NFD);
        fixtures.article(section, a -> {
            a.title = title;
            a.summary = "Lãi suất < 5% & ổn định";
            a.body = "<p>A &amp; B &lt; C</p>";
        });
        String nfc = "Giá xăng & dầu <tăng> – Hà Nội \"nóng\"";
        for (String format : List.of("rss", "atom")) {
            Response response = feed(format, section);
            SyndEntry entry = parse(response).getEntries().get(0);
            assertEquals(nfc, entry.getTitle());
            assertEquals("Lãi suất < 5% & ổn định", entry.getDescription().getValue());
            assertEquals("<p>A &amp; B &lt; C</p>", entry.getContents().get(0).getValue());
            assertEquals(1, count(response.asString(), "Giá xăng &amp; dầu &lt;tăng&gt; – Hà Nội"));
        }
        assertEquals("Kinh tế & <Xã hội>", parse(feed("rss", section)).getEntries().get(0).getCategories().get(0).getName());
        assertEquals(1, count(feed("atom", section).asString(), "label=\"Kinh tế &amp; &lt;Xã hội&gt;\""));
        JsonNode item = json.readTree(feed("json", section).asByteArray()).get("items").get(0);
        assertEquals(nfc, item.get("title").asText());
        assertEquals("Kinh tế & <Xã hội>", item.get("tags").get(0).asText());
        assertEquals("<p>A &amp; B &lt; C</p>", item.get("content_html").asText());
    }

    @Test
    void anItemKeepsItsGuidWhenItsTitleSlugAndSectionChange() throws Exception {
        Content c = content();
        String before = parse(feed("rss", c.parent())).getEntries().get(0).getUri();
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = Article.findById(c.newest().id);
            article.title = "Tiêu đề mới";
            article.slug = ContentFixtures.unique("slug-moi");
            article.sectionId = c.child().id;
        });
        cache.invalidateAll();
        SyndEntry after = parse(feed("rss", c.parent())).getEntries().get(0);
        assertEquals("Tiêu đề mới", after.getTitle());
        assertEquals(before, after.getUri());
        assertEquals(guid(c.newest()), after.getUri());
    }

    @Test
    void feedsCarryAnEtagAnswer304AndAreServedFromTheCacheWithTheirOwnType() {
        Content c = content();
        for (Map.Entry<String, String> format : Map.of("rss", "application/rss+xml;charset=UTF-8",
                "atom", "application/atom+xml;charset=UTF-8", "json", "application/feed+json;charset=UTF-8").entrySet()) {
            String path = "/api/v1/feeds/" + format.getKey() + "?section=" + c.parent().slug;
            Response first = given().get(path);
            first.then().statusCode(200).header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\""))
                    .header("Cache-Control", PUBLIC).header("Content-Type", format.getValue());
            // The second answer comes from the read cache, before any resource runs.
            Response cached = given().get(path);
            cached.then().statusCode(200).header("ETag", first.header("ETag")).header("Cache-Control", PUBLIC)
                    .header("Content-Type", format.getValue());
            assertEquals(first.asString(), cached.asString());
            given().header("If-None-Match", first.header("ETag")).get(path).then().statusCode(304)
                    .header("Cache-Control", PUBLIC).body(emptyString());
        }
    }

    @Test
    void anUnknownSectionIs404AndAnUnknownParameter400() {
        for (String format : List.of("rss", "atom", "json")) {
            given().queryParam("section", "khong-co").get("/api/v1/feeds/" + format).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.equalTo("No section has the slug 'khong-co'"));
            given().queryParam("limit", "5").get("/api/v1/feeds/" + format).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.equalTo(
                            "Invalid 'limit': is not a parameter of this endpoint; known: section"));
        }
    }

    @Test
    void aFeedReadersAcceptHeaderStillGetsTheFeed() {
        given().header("Accept", "application/rss+xml, application/xml;q=0.9").get("/api/v1/feeds/rss").then()
                .statusCode(200).header("Content-Type", "application/rss+xml;charset=UTF-8");
        given().header("Accept", "text/html").get("/api/v1/feeds/atom").then()
                .statusCode(200).header("Content-Type", "application/atom+xml;charset=UTF-8");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
