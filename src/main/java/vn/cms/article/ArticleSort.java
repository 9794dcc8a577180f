package vn.cms.article;

import java.util.Arrays;
import java.util.Optional;

/** The orders a public list can be read in; each is a keyset on (sort column, id). */
public enum ArticleSort {
    /** Best match first (only with q); its cursor is a position, since scores are not stored. */
    RELEVANCE("relevance", null, true),
    NEWEST("-publishedAt", "a.published_at", true),
    OLDEST("publishedAt", "a.published_at", false),
    MOST_VIEWED("-viewCount", "a.view_count", true);

    private final String parameter;
    private final String column;
    private final boolean descending;

    ArticleSort(String parameter, String column, boolean descending) {
        this.parameter = parameter;
        this.column = column;
        this.descending = descending;
    }

    public String parameter() {
        return parameter;
    }

    public static Optional<ArticleSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
    }

    /** The column public lists sort on, which their indexes serve. */
    String column() {
        return column;
    }

    /** Ties are broken by id in the same direction, so that every row has one place. */
    String orderBy(String key) {
        String direction = descending ? " desc" : " asc";
        return key + direction + ", a.id" + direction;
    }

    /** Rows strictly after (key, id) in this order. */
    String after(String key) {
        return "(" + key + ", a.id) " + (descending ? "<" : ">") + " (?, ?)";
    }

    boolean byPublishedAt() {
        return "a.published_at".equals(column);
    }
}
