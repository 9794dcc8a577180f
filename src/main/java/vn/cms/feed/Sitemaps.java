package vn.cms.feed;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import vn.cms.common.config.CmsConfig;
import vn.cms.feed.FeedQueries.PageSummary;
import vn.cms.feed.FeedQueries.SitemapPage;
import vn.cms.feed.FeedQueries.SitemapSection;

/**
 * The sitemaps of sitemaps.org and Google News. An articles page is written to the response
 * while it is read from the database, so a page of 50,000 URLs costs no more memory than one.
 */
@ApplicationScoped
public class Sitemaps {

    public static final String XML = "application/xml;charset=UTF-8";
    static final String INDEX_PATH = "/api/v1/sitemap.xml";
    static final String SECTIONS_PATH = "/api/v1/sitemaps/sections.xml";
    static final String NEWS_PATH = "/api/v1/sitemaps/news.xml";

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";

    private final FeedQueries queries;
    private final SiteLinks links;
    private final ZoneId zone;
    private final int pageSize;
    private final String publication;
    private final String language;

    Sitemaps(FeedQueries queries, SiteLinks links, CmsConfig config) {
        this.queries = queries;
        this.links = links;
        this.zone = config.site().timezone();
        this.pageSize = config.sitemaps().pageSize();
        this.publication = XmlText.clean(config.site().name());
        this.language = config.site().language();
    }

    static String articlesPath(int page) {
        return "/api/v1/sitemaps/articles-" + page + ".xml";
    }

    /** The sitemap index: the sections sitemap and every articles page, each with its last change. */
    public String index() {
        List<SitemapSection> sections = queries.sections();
        Instant sectionsModified = sections.stream().map(SitemapSection::updatedAt).max(Instant::compareTo).orElse(null);
        StringBuilder xml = new StringBuilder(HEADER).append("<sitemapindex xmlns=\"" + SITEMAP_NS + "\">");
        sitemap(xml, SECTIONS_PATH, sectionsModified);
        for (SitemapPage page : queries.sitemapPages(pageSize)) {
            sitemap(xml, articlesPath(page.number()), page.lastModified());
        }
        return xml.append("</sitemapindex>\n").toString();
    }

    public String sections() {
        StringBuilder xml = new StringBuilder(HEADER).append("<urlset xmlns=\"" + SITEMAP_NS + "\">");
        for (SitemapSection section : queries.sections()) {
            url(xml, links.section(section.slug()), section.updatedAt());
        }
        return xml.append("</urlset>\n").toString();
    }

    /**
     * The Google News sitemap: public articles published within the last 48 hours, newest first.
     * With none, the portal's home page without news metadata: the sitemaps.org schema requires
     * a {@code <url>} in every urlset, and Google takes a URL without {@code news:news} for no news.
     */
    public String news() {
        StringBuilder xml = new StringBuilder(HEADER)
                .append("<urlset xmlns=\"" + SITEMAP_NS + "\" xmlns:news=\"" + NEWS_NS + "\">");
        List<FeedQueries.NewsArticle> articles = queries.news();
        if (articles.isEmpty()) {
            xml.append("<url><loc>").append(escape(links.home())).append("</loc></url>");
        }
        for (FeedQueries.NewsArticle article : articles) {
            xml.append("<url><loc>").append(escape(links.article(article.id(), article.slug(), article.sectionSlug())))
                    .append("</loc><news:news><news:publication><news:name>").append(escape(publication))
                    .append("</news:name><news:language>").append(language)
                    .append("</news:language></news:publication><news:publication_date>")
                    .append(timestamp(article.publishedAt())).append("</news:publication_date><news:title>")
                    .append(escape(XmlText.clean(article.title()))).append("</news:title></news:news></url>");
        }
        return xml.append("</urlset>\n").toString();
    }

    /** What articles page {@code number} holds, or empty when it holds no public article. */
    public Optional<PageSummary> articlesPage(int number) {
        return queries.sitemapPage(number, pageSize);
    }

    /** Writes the articles page that {@code page} summarises to {@code out}, URL by URL as they are read. */
    public void writeArticlesPage(PageSummary page, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        writer.write(HEADER + "<urlset xmlns=\"" + SITEMAP_NS + "\">");
        StringBuilder url = new StringBuilder(256);
        try {
            queries.forEachSitemapEntry(page.number(), pageSize, (id, slug, sectionSlug, updatedAt) -> {
                url.setLength(0);
                url(url, links.article(id, slug, sectionSlug), updatedAt);
                try {
                    writer.append(url);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.write("</urlset>\n");
        writer.flush();
    }

    private void sitemap(StringBuilder xml, String path, Instant lastModified) {
        xml.append("<sitemap><loc>").append(escape(links.api(path))).append("</loc>");
        if (lastModified != null) {
            xml.append("<lastmod>").append(timestamp(lastModified)).append("</lastmod>");
        }
        xml.append("</sitemap>");
    }

    private void url(StringBuilder xml, String loc, Instant lastModified) {
        xml.append("<url><loc>").append(escape(loc)).append("</loc><lastmod>").append(timestamp(lastModified))
                .append("</lastmod></url>");
    }

    /** W3C Datetime in the site zone, as exact as the API's timestamps. */
    private String timestamp(Instant instant) {
        return instant.atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Entity-escapes the characters sitemaps.org requires escaped. */
    static String escape(String text) {
        StringWriter out = new StringWriter(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write("&quot;");
                case '\'' -> out.write("&apos;");
                default -> out.write(c);
            }
        }
        return out.toString();
    }
}
