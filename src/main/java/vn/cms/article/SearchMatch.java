package vn.cms.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.cms.common.text.SearchText;

/**
 * How a search query {@code q} selects and ranks articles. Full text: every word, and every
 * "quoted phrase" as a phrase, must occur, tones, đ/d and case ignored; rank weighs title over
 * summary, author and tags over body, with closeness of the words (cover density), and among
 * equal scores the articles that contain the query with its exact tones first. Typo
 * tolerance: when a short query finds nothing, titles with similar words (trigrams) are found.
 * The query is folded and tokenised here, exactly as the articles were, and reaches the
 * database as a tsquery of plain words: nothing a reader types can act as an operator.
 */
record SearchMatch(String condition, List<Object> conditionParams, String rank, List<Object> rankParams) {

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");
    private static final int TYPO_MAX_WORDS = 3;

    static SearchMatch fullText(String q) {
        String tsquery = tsquery(q);
        if (tsquery.isEmpty()) {
            return new SearchMatch("false", List.of(), "cast(0 as real)", List.of());
        }
        String exact = q.replace("\"", "").strip().toLowerCase(Locale.ROOT);
        return new SearchMatch("a.search_vector @@ ?::tsquery", List.of(tsquery),
                "ts_rank_cd(a.search_vector, ?::tsquery) desc,"
                        + " (strpos(lower(a.title || ' ' || coalesce(a.summary, '')), ?) > 0)",
                List.of(tsquery, exact));
    }

    static SearchMatch similarTitle(String q) {
        String folded = String.join(" ", SearchText.words(q));
        return new SearchMatch("? operator(public.<%) a.title_folded", List.of(folded),
                "public.word_similarity(?, a.title_folded)", List.of(folded));
    }

    /** Short queries without phrases, where a misspelt word is the likely reason for no result. */
    static boolean mayHaveTypos(String q) {
        List<String> words = SearchText.words(q);
        return !q.contains("\"") && !words.isEmpty() && words.size() <= TYPO_MAX_WORDS;
    }

    /** 'a' & 'b' & ('c' <-> 'd'): words must all occur, quoted words in sequence. */
    static String tsquery(String q) {
        List<String> parts = new ArrayList<>();
        Matcher phrases = PHRASE.matcher(q);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (phrases.find()) {
            rest.append(q, last, phrases.start()).append(' ');
            List<String> words = SearchText.words(phrases.group(1));
            if (!words.isEmpty()) {
                parts.add("(" + String.join(" <-> ", words.stream().map(w -> "'" + w + "'").toList()) + ")");
            }
            last = phrases.end();
        }
        rest.append(q.substring(last));
        SearchText.words(rest.toString()).stream().distinct().forEach(w -> parts.add("'" + w + "'"));
        return String.join(" & ", parts);
    }
}
