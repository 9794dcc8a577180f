package vn.cms.common.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folding search relies on, for what is indexed and what is asked alike: marks removed
 * (every Vietnamese tone and vowel mark), đ to d, lower case. And the weighted lexemes of an
 * article as a PostgreSQL {@code tsvector} literal, built here rather than by to_tsvector.
 */
public final class SearchText {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern TAG = Pattern.compile("<[^>]*>|&[#a-zA-Z0-9]+;");
    /** PostgreSQL's limits: positions up to 16383, 256 positions per lexeme, lexemes under 2 KB. */
    private static final int MAX_POSITION = 16_383;
    private static final int MAX_POSITIONS_PER_LEXEME = 256;
    private static final int MAX_LEXEME_LENGTH = 2_046;

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char f = FOLDED[c];
            if (f == UNKNOWN) {
                f = foldOne(c);
                FOLDED[c] = f;
            }
            if (f == COMPLEX) {
                return slowFold(text);
            }
            if (f != MARK) {
                folded.append(f);
            }
        }
        return folded.toString();
    }

    /**
     * Each character's folding, worked out once: search folds every word of every article and of
     * every highlighted text, and Normalizer with a regular expression per word was most of the cost.
     */
    private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];
    private static final char UNKNOWN = '\0';
    /** A combining mark: dropped. */
    private static final char MARK = '\uFFFF';
    /** Folds into more than one character (or is half of a surrogate pair): the whole text goes the slow way. */
    private static final char COMPLEX = '\uFFFE';
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static char foldOne(char c) {
        if (Character.isSurrogate(c) || c == MARK || c == COMPLEX) {
            return COMPLEX;
        }
        String folded = slowFold(String.valueOf(c));
        if (folded.isEmpty()) {
            return MARK;
        }
        return folded.length() == 1 && folded.charAt(0) != UNKNOWN ? folded.charAt(0) : COMPLEX;
    }

    private static String slowFold(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The folded words of a text, in order. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(fold(text));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /**
     * {@code 'word':1A,7A 'other':2B …}: title words weigh A; summary, author and tags B; the
     * body's text (markup removed) C. Positions run on across the parts, as PostgreSQL's
     * {@code ||} of vectors would number them.
     */
    public static String vector(String title, String summary, String author, List<String> tags, String bodyHtml) {
        Map<String, StringBuilder> lexemes = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] position = {0};
        add(lexemes, counts, position, words(title), 'A');
        add(lexemes, counts, position, words((summary == null ? "" : summary) + " " + (author == null ? "" : author)
                + " " + String.join(" ", tags == null ? List.of() : tags)), 'B');
        add(lexemes, counts, position, words(bodyHtml == null ? "" : TAG.matcher(bodyHtml).replaceAll(" ")), 'C');
        StringBuilder vector = new StringBuilder();
        lexemes.forEach((word, positions) -> vector.append('\'').append(word).append("':").append(positions).append(' '));
        return vector.toString().strip();
    }

    private static void add(Map<String, StringBuilder> lexemes, Map<String, Integer> counts, int[] position,
                            List<String> words, char weight) {
        for (String word : words) {
            position[0] = Math.min(position[0] + 1, MAX_POSITION);
            if (word.length() > MAX_LEXEME_LENGTH) {
                continue;
            }
            int count = counts.merge(word, 1, Integer::sum);
            if (count > MAX_POSITIONS_PER_LEXEME) {
                continue;
            }
            StringBuilder positions = lexemes.computeIfAbsent(word, w -> new StringBuilder());
            if (!positions.isEmpty()) {
                positions.append(',');
            }
            positions.append(position[0]).append(weight);
        }
    }
}
