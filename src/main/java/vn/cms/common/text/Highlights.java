package vn.cms.common.text;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Marks the words of a text that a search matched: a word matches when its folded form (no
 * tones, đ as d, lower case: what the search index holds) is one of the query's. Everything
 * else is HTML-escaped, so the result is safe to insert as HTML.
 */
public final class Highlights {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    private Highlights() {
    }

    /** The folded words of a query, quotes and operators dropped. */
    public static Set<String> terms(String query) {
        return WORD.matcher(query).results().map(m -> SearchText.fold(m.group())).collect(Collectors.toSet());
    }

    public static String mark(String text, Set<String> terms) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        Matcher words = WORD.matcher(text);
        int last = 0;
        while (words.find()) {
            escape(text.substring(last, words.start()), out);
            if (terms.contains(SearchText.fold(words.group()))) {
                out.append("<mark>");
                escape(words.group(), out);
                out.append("</mark>");
            } else {
                escape(words.group(), out);
            }
            last = words.end();
        }
        escape(text.substring(last), out);
        return out.toString();
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

}
