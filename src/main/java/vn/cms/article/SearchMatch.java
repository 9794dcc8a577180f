package vn.cms.article;

import java.util.List;

/**
 * How a search query {@code q} selects and ranks articles. Full text: every word (or quoted
 * phrase) must occur, tones, đ/d and case ignored; rank weighs title over summary, author and
 * tags over body, with closeness of the words (cover density), and among equal scores the
 * articles that contain the query with its exact tones first. Typo tolerance: when a short
 * query finds nothing, titles whose words are similar (trigrams) are found instead.
 */
record SearchMatch(String condition, List<Object> conditionParams, String rank, List<Object> rankParams) {

    /** websearch_to_tsquery reads quotes as phrases and never fails on operators or stray symbols. */
    private static final String QUERY = "websearch_to_tsquery('simple', fold(?))";
    private static final int TYPO_MAX_WORDS = 3;

    static SearchMatch fullText(String q) {
        String exact = q.replace("\"", "").strip();
        return new SearchMatch("a.search_vector @@ " + QUERY, List.of(q),
                "ts_rank_cd(a.search_vector, " + QUERY + ") desc,"
                        + " (strpos(lower(a.title || ' ' || coalesce(a.summary, '')), lower(?)) > 0)",
                List.of(q, exact));
    }

    static SearchMatch similarTitle(String q) {
        return new SearchMatch("fold(?) operator(public.<%) a.title_folded", List.of(q),
                "public.word_similarity(fold(?), a.title_folded)", List.of(q));
    }

    /** Short queries without phrases, where a misspelt word is the likely reason for no result. */
    static boolean mayHaveTypos(String q) {
        return !q.contains("\"") && q.strip().split("\\s+").length <= TYPO_MAX_WORDS;
    }
}
