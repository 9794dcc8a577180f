package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import vn.cms.article.ArticleQueries.Filter;
import vn.cms.article.ArticleQueries.Page;
import vn.cms.common.db.Sql;

/**
 * Lists with {@code q}: the articles of the list's filters whose text matches, or, when none does
 * and the words may hold a typo, those whose title is similar.
 */
@ApplicationScoped
public class ArticleSearch {

    /** The most results a search ranks and reports: its newest matches. */
    private static final int MAX_SEARCH_RESULTS = 1_000;

    private final ArticleQueries queries;
    private final Sql sql;

    ArticleSearch(ArticleQueries queries, Sql sql) {
        this.queries = queries;
        this.sql = sql;
    }

    public Page list(ArticleListQuery query, Long owner) {
        Filter filter = queries.filter(query, owner);
        Page page = page(query, filter, SearchMatch.fullText(query.q()));
        return page.totalItems() == 0 && SearchMatch.mayHaveTypos(query.q())
                ? page(query, filter, SearchMatch.similarTitle(query.q()))
                : page;
    }

    /**
     * A search considers its newest matches only, so that a query most articles match costs what a
     * narrow one does: ranking reads the vector of every candidate.
     */
    private Page page(ArticleListQuery query, Filter filter, SearchMatch match) {
        List<Object> params = new ArrayList<>(filter.params());
        params.addAll(match.conditionParams());
        Long[] candidates = sql.list("select a.id from article a where " + filter.where() + " and " + match.condition()
                + " order by a.published_at desc, a.id desc limit " + MAX_SEARCH_RESULTS, params,
                row -> row.getLong(1)).toArray(Long[]::new);
        return queries.page(query, "a.id = any(?)", List.of((Object) candidates), candidates.length, match);
    }
}
