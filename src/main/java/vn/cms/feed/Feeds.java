package vn.cms.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;
import vn.cms.common.config.CmsConfig;
import vn.cms.feed.FeedQueries.FeedArticle;

/**
 * Writes the newest articles as RSS 2.0 and Atom 1.0 (with Rome) and as JSON Feed 1.1 (with
 * Jackson). Every item has a GUID that outlives changes of title, slug and section: a tag: URI
 * (RFC 4151) of the portal's host, the day the article was created and its id.
 */
@ApplicationScoped
public class Feeds {

    public static final String RSS = "application/rss+xml;charset=UTF-8";
    public static final String ATOM = "application/atom+xml;charset=UTF-8";
    public static final String JSON_FEED = "application/feed+json;charset=UTF-8";

    private static final Namespace ATOM_NS = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    private static final Map<String, String> IMAGE_TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "gif", "image/gif", "webp", "image/webp", "avif", "image/avif", "svg", "image/svg+xml");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US);

    /** What a feed is about: all the portal, or one section's subtree. */
    public record Channel(String title, String link, String selfLink) {
    }

    private final SiteLinks links;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final String language;

    Feeds(SiteLinks links, ObjectMapper json, CmsConfig config) {
        this.links = links;
        this.json = json;
        this.zone = config.site().timezone();
        this.language = config.site().language();
    }

    public byte[] rss(Channel channel, List<FeedArticle> articles) {
        com.rometools.rome.feed.rss.Channel rss = new com.rometools.rome.feed.rss.Channel("rss_2.0");
        rss.setTitle(XmlText.clean(channel.title()));
        rss.setLink(channel.link());
        rss.setDescription(XmlText.clean(channel.title()));
        rss.setLanguage(language);
        rss.setLastBuildDate(date(lastUpdate(articles)));
        rss.setItems(articles.stream().map(this::item).toList());
        Document document = document(rss);
        Element root = document.getRootElement().getChild("channel");
        root.addNamespaceDeclaration(ATOM_NS);
        root.addContent(0, new Element("link", ATOM_NS).setAttribute("href", channel.selfLink())
                .setAttribute("rel", "self").setAttribute("type", "application/rss+xml"));
        // Rome writes dates in GMT; the contract wants the site zone.
        siteZone(root, List.of("lastBuildDate", "pubDate"), text -> ZonedDateTime.parse(text, RFC_822).toInstant(),
                RFC_822);
        return bytes(document);
    }

    public byte[] atom(Channel channel, List<FeedArticle> articles) {
        Feed atom = new Feed("atom_1.0");
        atom.setId(channel.selfLink());
        atom.setTitle(XmlText.clean(channel.title()));
        atom.setUpdated(date(lastUpdate(articles)));
        atom.setAlternateLinks(List.of(link("alternate", channel.link(), "text/html")));
        atom.setOtherLinks(List.of(link("self", channel.selfLink(), "application/atom+xml")));
        atom.setEntries(articles.stream().map(this::entry).toList());
        Document document = document(atom);
        // Rome keeps the language of an Atom feed but does not write it.
        document.getRootElement().setAttribute("lang", language, Namespace.XML_NAMESPACE);
        siteZone(document.getRootElement(), List.of("updated", "published"), Instant::parse,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return bytes(document);
    }

    public byte[] json(Channel channel, List<FeedArticle> articles) {
        JsonFeed feed = new JsonFeed("https://jsonfeed.org/version/1.1", channel.title(), channel.link(),
                channel.selfLink(), language, articles.stream().map(this::jsonItem).toList());
        try {
            return json.writeValueAsBytes(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The JSON feed could not be written", e);
        }
    }

    private Item item(FeedArticle article) {
        Item item = new Item();
        String link = link(article);
        item.setTitle(XmlText.clean(article.title()));
        item.setLink(link);
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(guid(article));
        item.setGuid(guid);
        if (article.summary() != null) {
            Description description = new Description();
            description.setType("text/plain");
            description.setValue(XmlText.clean(article.summary()));
            item.setDescription(description);
        }
        Content body = new Content();
        body.setType(Content.HTML);
        body.setValue(XmlText.clean(article.body()));
        item.setContent(body);
        if (article.author() != null) {
            // RSS's own <author> is an e-mail address; a byline is dc:creator.
            DCModuleImpl dc = new DCModuleImpl();
            dc.setCreator(XmlText.clean(article.author()));
            item.getModules().add(dc);
        }
        Category category = new Category();
        category.setDomain(links.section(article.sectionSlug()));
        category.setValue(XmlText.clean(article.sectionName()));
        item.setCategories(List.of(category));
        if (article.imageUrl() != null) {
            Enclosure enclosure = new Enclosure();
            enclosure.setUrl(article.imageUrl());
            enclosure.setType(imageType(article.imageUrl()));
            // Unknown without fetching the image; RSS readers take 0 as "not given".
            enclosure.setLength(0);
            item.setEnclosures(List.of(enclosure));
        }
        item.setPubDate(date(article.publishedAt()));
        return item;
    }

    private Entry entry(FeedArticle article) {
        Entry entry = new Entry();
        entry.setId(guid(article));
        entry.setTitle(XmlText.clean(article.title()));
        entry.setAlternateLinks(List.of(link("alternate", link(article), "text/html")));
        if (article.imageUrl() != null) {
            entry.setOtherLinks(List.of(link("enclosure", article.imageUrl(), imageType(article.imageUrl()))));
        }
        if (article.author() != null) {
            Person author = new Person();
            author.setName(XmlText.clean(article.author()));
            entry.setAuthors(List.<SyndPerson>of(author));
        }
        com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
        category.setTerm(article.sectionSlug());
        category.setLabel(XmlText.clean(article.sectionName()));
        category.setScheme(links.section(article.sectionSlug()));
        entry.setCategories(List.of(category));
        if (article.summary() != null) {
            entry.setSummary(atomContent("text", article.summary()));
        }
        entry.setContents(List.of(atomContent("html", article.body())));
        entry.setPublished(date(article.publishedAt()));
        entry.setUpdated(date(article.updatedAt()));
        return entry;
    }

    private JsonFeed.Item jsonItem(FeedArticle article) {
        return new JsonFeed.Item(guid(article), link(article), article.title(), article.body(), article.summary(),
                article.imageUrl(), article.publishedAt().atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                article.updatedAt().atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                article.author() == null ? null : List.of(new JsonFeed.Author(article.author())),
                List.of(article.sectionName()));
    }

    /** JSON Feed 1.1 (https://jsonfeed.org/version/1.1): optional members are left out when empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
                    @JsonProperty("feed_url") String feedUrl, String language, List<Item> items) {

        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Item(String id, String url, String title, @JsonProperty("content_html") String contentHtml,
                    String summary, String image, @JsonProperty("date_published") String datePublished,
                    @JsonProperty("date_modified") String dateModified, List<Author> authors, List<String> tags) {
        }

        record Author(String name) {
        }
    }

    private String link(FeedArticle article) {
        return links.article(article.id(), article.slug(), article.sectionSlug());
    }

    private String guid(FeedArticle article) {
        return "tag:" + links.host() + "," + article.createdAt().atZone(zone).toLocalDate() + ":article:" + article.id();
    }

    private static com.rometools.rome.feed.atom.Link link(String rel, String href, String type) {
        com.rometools.rome.feed.atom.Link link = new com.rometools.rome.feed.atom.Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static com.rometools.rome.feed.atom.Content atomContent(String type, String value) {
        com.rometools.rome.feed.atom.Content content = new com.rometools.rome.feed.atom.Content();
        content.setType(type);
        content.setValue(XmlText.clean(value));
        return content;
    }

    /** From the file name's extension; the enclosure's type is required, so unknown ones are said to be bytes. */
    private static String imageType(String url) {
        String path = url.replaceFirst("[?#].*", "");
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return IMAGE_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    /** The feed's last change: the newest updatedAt of its items (the epoch for an empty feed, which never changed). */
    private static Instant lastUpdate(List<FeedArticle> articles) {
        return articles.stream().map(FeedArticle::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    private void siteZone(Element root, List<String> names, Function<String, Instant> parse,
                          DateTimeFormatter format) {
        List<Element> dates = new java.util.ArrayList<>();
        root.getDescendants(Filters.element()).forEach(dates::add);
        for (Element element : dates) {
            if (names.contains(element.getName())) {
                element.setText(parse.apply(element.getTextTrim()).atZone(zone).format(format));
            }
        }
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static Document document(WireFeed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("The feed could not be written", e);
        }
    }

    private static byte[] bytes(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            new XMLOutputter(Format.getRawFormat().setEncoding("UTF-8")).output(document, out);
        } catch (IOException e) {
            throw new IllegalStateException("The feed could not be written", e);
        }
        return out.toByteArray();
    }
}
