package vn.cms.common.text;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import vn.cms.common.config.CmsConfig;

/**
 * Article body HTML as it is stored: ordinary article markup (paragraphs, headings, lists,
 * links, images, figures, tables, emphasis) survives; scripts, event handlers, styles that
 * could run code and javascript: URLs do not. {@code class} keeps only the names of
 * {@code cms.html.allowed-classes}, so a body cannot borrow the frontend's own classes
 * (a fake login overlay, a hidden block).
 */
@ApplicationScoped
public class Html {

    private static final String MEDIA_VARIANT = "/api/v1/media/\\d+/file(?:\\?[a-z]+=[a-z0-9]+(?:&[a-z]+=[a-z0-9]+)*)?";
    private static final Pattern MEDIA_SRCSET = Pattern.compile(
            MEDIA_VARIANT + "\\s+\\d+[wx](?:\\s*,\\s*" + MEDIA_VARIANT + "\\s+\\d+[wx])*");
    private static final Pattern SIZES = Pattern.compile("[a-z0-9 (),.:%-]{1,500}");

    private final PolicyFactory articleBody;

    Html(CmsConfig config) {
        Set<String> allowedClasses = Set.copyOf(config.html().allowedClasses());
        this.articleBody = Sanitizers.BLOCKS
                .and(Sanitizers.FORMATTING)
                .and(Sanitizers.LINKS)
                .and(Sanitizers.IMAGES)
                .and(Sanitizers.TABLES)
                .and(new HtmlPolicyBuilder()
                        // p, img and table again: a joined policy keeps an attribute only where the
                        // same policy allows the element too. A span that loses its class stays.
                        .allowElements("figure", "figcaption", "hr", "br", "pre", "code", "span", "div", "section",
                                "p", "img", "table")
                        .allowWithoutAttributes("span")
                        .allowAttributes("class")
                        .matching((element, attribute, value) -> onlyAllowed(value, allowedClasses))
                        .onElements("figure", "figcaption", "span", "div", "p", "img", "table")
                        .allowAttributes("title").globally()
                        // Responsive images only from the media library: every srcset candidate is one of
                        // its variants; sizes is media conditions and lengths, nothing that loads.
                        .allowAttributes("srcset").matching(MEDIA_SRCSET).onElements("img")
                        .allowAttributes("sizes").matching(SIZES).onElements("img")
                        .toFactory());
    }

    /**
     * NFC first, then sanitised: the result is exactly what is stored and read back. Normalising
     * after sanitising could fuse a combining mark with markup ({@code >} + U+0338 is {@code ≯}).
     */
    public String sanitize(String html) {
        return html == null ? null : articleBody.sanitize(Nfc.of(html));
    }

    /** The allowed class names of {@code value}, each once; null (no attribute) when none is. */
    private static String onlyAllowed(String value, Set<String> allowed) {
        String kept = Arrays.stream(value.strip().split("\\s+"))
                .filter(allowed::contains)
                .distinct()
                .collect(Collectors.joining(" "));
        return kept.isEmpty() ? null : kept;
    }
}
