package vn.cms.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checks that stop the service at start on a wrong cms.site.* setting (SiteLinks is created
 * at startup; PublicUrls checks cms.api.url), and the links they let through.
 */
class SiteLinksTest {

    private static final String SITE = "https://tinh.gov.vn";

    @Test
    void defaultTemplatesMakeTheSectionAndSlugPath() {
        SiteLinks links = new SiteLinks(SITE + "/", Optional.empty(), "/{section}/{slug}", "/{section}");
        assertEquals("https://tinh.gov.vn/cai-cach/hoi-nghi", links.article(7, "hoi-nghi", "cai-cach"));
        assertEquals("https://tinh.gov.vn/cai-cach", links.section("cai-cach"));
        assertEquals("https://tinh.gov.vn/", links.home());
        assertEquals("https://tinh.gov.vn/api/v1/sitemap.xml", links.api("/api/v1/sitemap.xml"));
    }

    @Test
    void everyPlaceholderIsFilledAndSlugsAreEncodedAsOneSegment() {
        SiteLinks links = new SiteLinks("https://tinh.gov.vn/cong", Optional.of("https://api.tinh.gov.vn"),
                "/tin/{section}/{id}-{slug}.html", "/chuyen-muc/{section}/");
        assertEquals("https://tinh.gov.vn/cong/tin/x%2Fy/42-h%E1%BB%99i%20ngh%E1%BB%8B.html",
                links.article(42, "hội nghị", "x/y"));
        assertEquals("https://tinh.gov.vn/cong/chuyen-muc/cai-cach/", links.section("cai-cach"));
        assertEquals("https://api.tinh.gov.vn/api/v1/feeds/rss", links.api("/api/v1/feeds/rss"));
    }

    @Test
    void siteUrlMustBeHttpWithAHostAndNoQuery() {
        assertRefused("cms.site.url must be an http or https URL with a host and without user, query or fragment:"
                + " 'ftp://tinh.gov.vn'", "ftp://tinh.gov.vn", SITE, "/{section}/{slug}", "/{section}");
        assertRefused("cms.site.url must be an http or https URL with a host and without user, query or fragment:"
                + " 'tinh.gov.vn'", "tinh.gov.vn", SITE, "/{section}/{slug}", "/{section}");
        assertRefused("cms.site.url must be an http or https URL with a host and without user, query or fragment:"
                + " 'https://tinh.gov.vn/?a=1'", "https://tinh.gov.vn/?a=1", SITE, "/{section}/{slug}", "/{section}");
        assertRefused("cms.site.url is not a URL: 'https://tinh gov'", "https://tinh gov", SITE, "/{section}/{slug}",
                "/{section}");
        assertRefused("cms.site.url must be an http or https URL with a host and without user, query or fragment:"
                + " 'https://admin@tinh.gov.vn'", "https://admin@tinh.gov.vn", SITE, "/{section}/{slug}", "/{section}");
    }

    @Test
    void articlePathMustStartWithASlashKnowItsPlaceholdersAndTellArticlesApart() {
        assertRefused("cms.site.article-path must start with '/': '{section}/{slug}'",
                SITE, SITE, "{section}/{slug}", "/{section}");
        assertRefused("cms.site.article-path has an unknown placeholder {title}; known: {id}, {section}, {slug}",
                SITE, SITE, "/{section}/{title}", "/{section}");
        assertRefused("cms.site.article-path has an unbalanced brace: '/{section}/{slug'",
                SITE, SITE, "/{section}/{slug", "/{section}");
        assertRefused("cms.site.article-path must contain {slug} or {id}, or every article would have the same"
                + " address: '/{section}'", SITE, SITE, "/{section}", "/{section}");
        assertRefused("cms.site.article-path does not make a valid URL without a fragment:"
                + " 'https://tinh.gov.vn/section/slug#top'", SITE, SITE, "/{section}/{slug}#top", "/{section}");
        assertRefused("cms.site.article-path does not make a valid URL without a fragment:"
                + " 'https://tinh.gov.vn/section/slug page'", SITE, SITE, "/{section}/{slug} page", "/{section}");
    }

    @Test
    void sectionPathMustHoldTheSectionAndNothingElse() {
        assertRefused("cms.site.section-path has an unknown placeholder {slug}; known: {section}",
                SITE, SITE, "/{section}/{slug}", "/{slug}");
        assertRefused("cms.site.section-path must contain {section}: '/chuyen-muc'",
                SITE, SITE, "/{section}/{slug}", "/chuyen-muc");
    }

    private static void assertRefused(String message, String site, String api, String articlePath, String sectionPath) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new SiteLinks(site, Optional.of(api), articlePath, sectionPath));
        assertEquals(message, refused.getMessage());
    }
}
