package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import vn.cms.common.text.SearchText;

/** Keeps an article's search columns in step with its text; called with every save. */
@ApplicationScoped
public class ArticleSearchIndex {

    private final EntityManager em;

    ArticleSearchIndex(EntityManager em) {
        this.em = em;
    }

    public void update(Article article) {
        article.flush();
        em.createNativeQuery("update article set search_vector = cast(?1 as tsvector), title_folded = ?2 where id = ?3")
                .setParameter(1, SearchText.vector(article.title, article.summary, article.author, article.tags, article.body))
                .setParameter(2, SearchText.fold(article.title))
                .setParameter(3, article.id)
                .executeUpdate();
    }
}
