package vn.cms.feed;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.PublicUrls;

/**
 * The absolute addresses that feeds and sitemaps write: pages of the portal (from
 * {@code cms.site.url} and the path templates) and documents of this API (from
 * {@code cms.api.url}, as {@link PublicUrls} has it, or else the portal's address: a frontend
 * that proxies the feeds serves them on its own domain). Checked when the service starts, so
 * that a mistyped setting stops it instead of publishing broken links to every feed reader and
 * search engine.
 */
@Startup
@Singleton
public class SiteLinks {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> ARTICLE_PLACEHOLDERS = Set.of("section", "slug", "id");
    private static final Set<String> SECTION_PLACEHOLDERS = Set.of("section");

    private final String siteUrl;
    private final String apiUrl;
    private final String articlePath;
    private final String sectionPath;

    @Inject
    SiteLinks(CmsConfig config, PublicUrls urls) {
        this(config.site().url(), urls.origin(), config.site().articlePath(), config.site().sectionPath());
    }

    /**
     * @param apiOrigin checked already, by {@link PublicUrls}
     * @throws IllegalArgumentException naming the setting that is wrong, and why
     */
    SiteLinks(String siteUrl, Optional<String> apiOrigin, String articlePath, String sectionPath) {
        this.siteUrl = PublicUrls.base("cms.site.url", siteUrl);
        this.apiUrl = apiOrigin.orElse(this.siteUrl);
        this.articlePath = template("cms.site.article-path", articlePath, ARTICLE_PLACEHOLDERS);
        this.sectionPath = template("cms.site.section-path", sectionPath, SECTION_PLACEHOLDERS);
        if (!articlePath.contains("{slug}") && !articlePath.contains("{id}")) {
            throw new IllegalArgumentException("cms.site.article-path must contain {slug} or {id}, or every article"
                    + " would have the same address: '" + articlePath + "'");
        }
        if (!sectionPath.contains("{section}")) {
            throw new IllegalArgumentException("cms.site.section-path must contain {section}: '" + sectionPath + "'");
        }
        check("cms.site.article-path", article(1, "slug", "section"));
        check("cms.site.section-path", section("section"));
    }

    /** The portal's home page. */
    public String home() {
        return siteUrl + "/";
    }

    /** The article's page on the portal. */
    public String article(long id, String slug, String sectionSlug) {
        return siteUrl + articlePath.replace("{section}", segment(sectionSlug)).replace("{slug}", segment(slug))
                .replace("{id}", Long.toString(id));
    }

    /** The section's page on the portal. */
    public String section(String slug) {
        return siteUrl + sectionPath.replace("{section}", segment(slug));
    }

    /** A document of this API, such as {@code /api/v1/sitemaps/news.xml}. */
    public String api(String path) {
        return apiUrl + path;
    }

    /** The host of the portal, the authority of the feeds' tag: URIs. */
    public String host() {
        return URI.create(siteUrl).getHost();
    }

    private static String template(String setting, String value, Set<String> placeholders) {
        if (!value.startsWith("/")) {
            throw new IllegalArgumentException(setting + " must start with '/': '" + value + "'");
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            if (!placeholders.contains(matcher.group(1))) {
                throw new IllegalArgumentException(setting + " has an unknown placeholder {" + matcher.group(1)
                        + "}; known: " + String.join(", ", placeholders.stream().sorted().map(p -> "{" + p + "}").toList()));
            }
        }
        if (matcher.replaceAll("").matches(".*[{}].*")) {
            throw new IllegalArgumentException(setting + " has an unbalanced brace: '" + value + "'");
        }
        return value;
    }

    /** A filled-in template must be a URL without a fragment (the portal would never see it). */
    private static void check(String setting, String url) {
        try {
            if (new URI(url).getRawFragment() == null) {
                return;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw new IllegalArgumentException(setting + " does not make a valid URL without a fragment: '" + url + "'");
    }

    /** A slug as one path segment: anything but unreserved characters percent-encoded (UTF-8). */
    private static String segment(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
