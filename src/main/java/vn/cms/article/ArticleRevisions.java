package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** Copies an article's row, as just saved, into its revision history. */
@ApplicationScoped
public class ArticleRevisions {

    private final EntityManager em;

    ArticleRevisions(EntityManager em) {
        this.em = em;
    }

    public void record(Article article, String action, Long savedBy, Instant savedAt) {
        article.flush();
        em.createNativeQuery("""
                        insert into article_revision (article_id, version, action, saved_at, saved_by, slug, title, summary,
                            body, author, section_id, tags, featured_image_url, featured_image_alt, status, published_at)
                        select id, version, ?1, ?2, ?3, slug, title, summary, body, author, section_id, tags,
                            featured_image_url, featured_image_alt, status, published_at
                        from article where id = ?4""")
                .setParameter(1, action)
                .setParameter(2, savedAt)
                .setParameter(3, savedBy)
                .setParameter(4, article.id)
                .executeUpdate();
    }
}
