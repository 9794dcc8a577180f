package vn.cms.common.text;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Article body HTML as it is stored: ordinary article markup (paragraphs, headings, lists,
 * links, images, figures, tables, emphasis) survives; scripts, event handlers, styles that
 * could run code and javascript: URLs do not.
 */
public final class Html {

    private static final PolicyFactory ARTICLE_BODY = Sanitizers.BLOCKS
            .and(Sanitizers.FORMATTING)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.IMAGES)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("figure", "figcaption", "hr", "br", "pre", "code", "span", "div", "section")
                    .allowAttributes("class").onElements("figure", "figcaption", "span", "div", "p", "img", "table")
                    .allowAttributes("title").globally()
                    .toFactory());

    private Html() {
    }

    public static String sanitize(String html) {
        return html == null ? null : ARTICLE_BODY.sanitize(html);
    }
}
