package vn.cms.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.cms.article.Article;
import vn.cms.article.ArticleStatus;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

/**
 * The sitemap index, the sections and articles sitemaps (pages of 5 URLs in tests) and the Google
 * News sitemap, each validated against the schemas of sitemaps.org and Google (src/test/resources/xsd).
 * Other tests add articles too: expectations are relative to what this test adds, on the pages
 * its articles' ids put them.
 */
@QuarkusTest
class SitemapResourceTest {

    private static final String SITE = "https://tinh.gov.vn";
    private static final String PUBLIC = "public, max-age=30, stale-while-revalidate=30";
    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
    private static final int PAGE_SIZE = 5;

    @Inject
    ContentFixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    PublicResponseCache cache;

    private static Schema schema(String... files) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Source[] sources = new Source[files.length];
        for (int i = 0; i < files.length; i++) {
            sources[i] = new StreamSource(SitemapResourceTest.class.getResource("/xsd/" + files[i]).toExternalForm());
        }
        return factory.newSchema(sources);
    }

    /** The document, after checking it against the schemas. */
    private static Document valid(Response response, String... schemas) throws Exception {
        response.then().statusCode(200).header("Content-Type", "application/xml;charset=UTF-8")
                .header("Cache-Control", PUBLIC);
        byte[] body = response.asByteArray();
        schema(schemas).newValidator().validate(new StreamSource(new ByteArrayInputStream(body)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static List<String> texts(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static String articleUrl(Article article, Section section) {
        return SITE + "/" + section.slug + "/" + article.slug;
    }

    private Document index() throws Exception {
        return valid(given().get("/api/v1/sitemap.xml"), "siteindex.xsd");
    }

    private static List<String> articlePages(Document index) {
        return texts(index, SITEMAP_NS, "loc").stream().filter(loc -> loc.contains("/articles-")).toList();
    }

    private Document articlesPage(int page) throws Exception {
        return valid(given().get("/api/v1/sitemaps/articles-" + page + ".xml"), "sitemap.xsd");
    }

    /** The URLs of a page; none when it holds no public article (404). */
    private List<String> urlsOnPage(int page) throws Exception {
        Response response = given().get("/api/v1/sitemaps/articles-" + page + ".xml");
        if (response.statusCode() == 404) {
            return List.of();
        }
        return texts(valid(response, "sitemap.xsd"), SITEMAP_NS, "loc");
    }

    /** The page that holds the article with this id: ids 1–5 are page 1, 6–10 page 2, and so on. */
    private static int pageOf(long id) {
        return (int) ((id - 1) / PAGE_SIZE + 1);
    }

    /** Articles until one has the last id of a page (ids of failed inserts are skipped). */
    private Article articleEndingAPage(Section section) {
        for (int i = 0; i < 2 * PAGE_SIZE; i++) {
            Article article = fixtures.article(section);
            if (article.id % PAGE_SIZE == 0) {
                return article;
            }
        }
        throw new AssertionError("no article id ended a page");
    }

    private void withdraw(Article article) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article withdrawn = Article.findById(article.id);
            withdrawn.deletedAt = Instant.now();
        });
        cache.invalidateAll();
    }

    @Test
    void theArticleWithTheLastIdOfAPageFillsItAndTheNextArticleOpensANewPage() throws Exception {
        Section section = fixtures.section("Thời sự");
        Article last = articleEndingAPage(section);
        int pages = pageOf(last.id);

        Document index = index();
        assertEquals(SITE + "/api/v1/sitemaps/sections.xml", texts(index, SITEMAP_NS, "loc").get(0));
        List<String> pagesListed = articlePages(index);
        assertEquals(SITE + "/api/v1/sitemaps/articles-" + pages + ".xml", pagesListed.get(pagesListed.size() - 1));
        List<String> lastPage = texts(articlesPage(pages), SITEMAP_NS, "loc");
        assertEquals(true, lastPage.size() <= PAGE_SIZE);
        // Articles go in the order they were created: this test's is the last one.
        assertEquals(articleUrl(last, section), lastPage.get(lastPage.size() - 1));
        given().get("/api/v1/sitemaps/articles-" + (pages + 1) + ".xml").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("The articles sitemap has no page " + (pages + 1)
                        + "; its pages are listed in /api/v1/sitemap.xml"));

        Article oneMore = fixtures.article(section);
        cache.invalidateAll();
        assertEquals(pages + 1, pageOf(oneMore.id));
        List<String> expectedPages = new ArrayList<>(pagesListed);
        expectedPages.add(SITE + "/api/v1/sitemaps/articles-" + (pages + 1) + ".xml");
        assertEquals(expectedPages, articlePages(index()));
        assertEquals(lastPage, texts(articlesPage(pages), SITEMAP_NS, "loc"));
        assertEquals(List.of(articleUrl(oneMore, section)), texts(articlesPage(pages + 1), SITEMAP_NS, "loc"));
    }

    @Test
    void aWithdrawnArticleLeavesOnlyItsOwnPageAndAPageWithNoArticleLeftIsNotListed() throws Exception {
        Section section = fixtures.section("Nông nghiệp");
        Article endOfPage = articleEndingAPage(section);
        int page = pageOf(endOfPage.id);
        List<Article> next = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE; i++) {
            next.add(fixtures.article(section));
        }
        // The last page holds only this test's articles, whatever ids other inserts used.
        int nextPage = pageOf(next.get(next.size() - 1).id);
        List<Article> onNextPage = next.stream().filter(a -> pageOf(a.id) == nextPage).toList();
        String nextPath = "/api/v1/sitemaps/articles-" + nextPage + ".xml";
        List<String> nextLocs = texts(articlesPage(nextPage), SITEMAP_NS, "loc");
        assertEquals(onNextPage.stream().map(a -> articleUrl(a, section)).toList(), nextLocs);
        String nextEtag = given().get(nextPath).then().statusCode(200).extract().header("ETag");
        List<String> pageLocs = texts(articlesPage(page), SITEMAP_NS, "loc");

        withdraw(endOfPage);
        List<String> pageWithout = new ArrayList<>(pageLocs);
        pageWithout.remove(articleUrl(endOfPage, section));
        assertEquals(pageWithout, texts(articlesPage(page), SITEMAP_NS, "loc"));
        assertEquals(nextLocs, texts(articlesPage(nextPage), SITEMAP_NS, "loc"));
        given().header("If-None-Match", nextEtag).get(nextPath).then().statusCode(304);

        onNextPage.forEach(this::withdraw);
        given().get(nextPath).then().statusCode(404).contentType("application/problem+json");
        assertEquals(false, articlePages(index()).contains(SITE + nextPath));
    }

    @Test
    void lastmodIsTheArticlesUpdatedAtAndOnlyPublicArticlesAreListed() throws Exception {
        Section section = fixtures.section("Kinh tế");
        Article article = fixtures.article(section, a -> a.updatedAt = Instant.parse("2017-03-15T07:00:00Z"));
        Article draft = fixtures.article(section, a -> {
            a.status = ArticleStatus.DRAFT;
            a.publishedAt = null;
        });
        Article scheduled = fixtures.article(section, a -> a.publishedAt = Instant.now().plus(Duration.ofDays(1)));
        Article deleted = fixtures.article(section, a -> a.deletedAt = Instant.now());

        Document page = articlesPage(pageOf(article.id));
        List<String> locs = texts(page, SITEMAP_NS, "loc");
        int at = locs.indexOf(articleUrl(article, section));
        String updatedAt = given().get("/api/v1/articles/" + article.id).then().statusCode(200)
                .extract().jsonPath().getString("updatedAt");
        assertEquals("2017-03-15T14:00:00+07:00", updatedAt);
        assertEquals(updatedAt, texts(page, SITEMAP_NS, "lastmod").get(at));
        for (Article hidden : List.of(draft, scheduled, deleted)) {
            assertEquals(false, urlsOnPage(pageOf(hidden.id)).contains(articleUrl(hidden, section)), hidden.title);
        }
    }

    @Test
    void anArticlesPageHasAWeakEtagThatChangesWithItsArticles() throws Exception {
        Section section = fixtures.section("Giáo dục");
        Article article = fixtures.article(section);
        String path = "/api/v1/sitemaps/articles-" + pageOf(article.id) + ".xml";
        String etag = given().get(path).then().statusCode(200).header("ETag", matchesPattern("W/\"[A-Za-z0-9_-]{22}\""))
                .header("Cache-Control", PUBLIC).extract().header("ETag");
        given().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag)
                .header("Cache-Control", PUBLIC).body(emptyString());

        QuarkusTransaction.requiringNew().run(() -> {
            Article changed = Article.findById(article.id);
            changed.slug = ContentFixtures.unique("doi-ten");
            changed.updatedAt = Instant.now();
        });
        cache.invalidateAll();
        given().header("If-None-Match", etag).get(path).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));
    }

    @Test
    void aPageNumberIsAPositiveWholeNumberAndNoSitemapTakesParameters() {
        for (String page : List.of("0", "abc", "-1", "1.5")) {
            given().get("/api/v1/sitemaps/articles-" + page + ".xml").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Invalid 'page': must be a positive whole number, got '" + page + "'"));
        }
        given().get("/api/v1/sitemaps/articles-99999999999.xml").then().statusCode(404);
        for (String path : List.of("/api/v1/sitemap.xml", "/api/v1/sitemaps/sections.xml", "/api/v1/sitemaps/news.xml",
                "/api/v1/sitemaps/articles-1.xml")) {
            given().queryParam("page", "2").get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", equalTo("Invalid 'page': is not a parameter of this endpoint, which takes none"));
        }
    }

    @Test
    void theSectionsSitemapListsEverySectionPage() throws Exception {
        Section section = fixtures.section("Văn hóa & Thể thao");
        Document sitemap = valid(given().get("/api/v1/sitemaps/sections.xml"), "sitemap.xsd");
        List<String> locs = texts(sitemap, SITEMAP_NS, "loc");
        int at = locs.indexOf(SITE + "/" + section.slug);
        OffsetDateTime lastmod = OffsetDateTime.parse(texts(sitemap, SITEMAP_NS, "lastmod").get(at));
        assertEquals("+07:00", lastmod.getOffset().getId());
        // The database keeps microseconds.
        assertEquals(true, Duration.between(section.updatedAt, lastmod.toInstant()).abs().toNanos() < 1_000);
    }

    /**
     * Now is 00:30 on 2 January 2200 in Hanoi (later than the articles of other tests). The window is the 48 hours before now, not calendar
     * days: 00:40 on 31 December is in (47 h 50 min ago), 00:20 on 31 December is not (48 h 10 min).
     */
    @Test
    void theNewsSitemapHoldsTheLast48HoursNewestFirstAcrossMidnight() throws Exception {
        Instant now = OffsetDateTime.parse("2200-01-02T00:30:00+07:00").toInstant();
        clock.set(now);
        Section section = fixtures.section("Tin nóng");
        Article lastNight = fixtures.article(section, a -> {
            a.title = "Giá xăng & dầu <tăng>";
            a.publishedAt = OffsetDateTime.parse("2200-01-01T23:50:00+07:00").toInstant();
        });
        Article justInside = fixtures.article(section, a -> {
            a.title = "Hội nghị tổng kết";
            a.publishedAt = OffsetDateTime.parse("2199-12-31T00:40:00+07:00").toInstant();
        });
        fixtures.article(section, a -> a.publishedAt = OffsetDateTime.parse("2199-12-31T00:20:00+07:00").toInstant());
        Article scheduled = fixtures.article(section, a -> a.publishedAt = now.plus(Duration.ofMinutes(1)));
        fixtures.article(section, a -> {
            a.status = ArticleStatus.DRAFT;
            a.publishedAt = null;
        });

        Document news = valid(given().get("/api/v1/sitemaps/news.xml"), "sitemap.xsd", "sitemap-news.xsd");
        assertEquals(List.of(articleUrl(lastNight, section), articleUrl(justInside, section)),
                texts(news, SITEMAP_NS, "loc"));
        assertEquals(List.of("2200-01-01T23:50:00+07:00", "2199-12-31T00:40:00+07:00"),
                texts(news, NEWS_NS, "publication_date"));
        assertEquals(List.of("Giá xăng & dầu <tăng>", "Hội nghị tổng kết"), texts(news, NEWS_NS, "title"));
        assertEquals(List.of("Cổng thông tin điện tử tỉnh", "Cổng thông tin điện tử tỉnh"), texts(news, NEWS_NS, "name"));
        assertEquals(List.of("vi", "vi"), texts(news, NEWS_NS, "language"));

        // Ten minutes later the 00:40 article has left the window and the scheduled one has come.
        clock.set(now.plus(Duration.ofMinutes(10)));
        Document later = valid(given().get("/api/v1/sitemaps/news.xml"), "sitemap.xsd", "sitemap-news.xsd");
        assertEquals(List.of(articleUrl(scheduled, section), articleUrl(lastNight, section)),
                texts(later, SITEMAP_NS, "loc"));
        Element url = (Element) later.getElementsByTagNameNS(SITEMAP_NS, "url").item(0);
        assertEquals(1, url.getElementsByTagNameNS(NEWS_NS, "publication").getLength());
    }

    /** Far later than any other test's article: the 48 hours before now hold none. */
    @Test
    void withNoArticleInTheWindowTheNewsSitemapListsTheHomePageWithoutNewsAndStaysValid() throws Exception {
        clock.set(OffsetDateTime.parse("2400-01-01T00:30:00+07:00").toInstant());
        Document news = valid(given().get("/api/v1/sitemaps/news.xml"), "sitemap.xsd", "sitemap-news.xsd");
        assertEquals(List.of(SITE + "/"), texts(news, SITEMAP_NS, "loc"));
        assertEquals(0, news.getElementsByTagNameNS(NEWS_NS, "news").getLength());
    }
}
