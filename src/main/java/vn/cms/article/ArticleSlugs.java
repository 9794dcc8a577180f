package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Slugs;
import vn.cms.common.web.ApiException;

/**
 * Slugs of live articles are unique. A generated slug takes the first free of base, base-2,
 * base-3…; a slug the client chose must be free (409 otherwise). Slugs a published article
 * was renamed from keep leading to it until it is deleted, and count as taken meanwhile.
 */
@ApplicationScoped
public class ArticleSlugs {

    private final EntityManager em;
    private final Sql sql;

    ArticleSlugs(EntityManager em, Sql sql) {
        this.em = em;
        this.sql = sql;
    }

    /** A free slug made from the title (never empty: "bai-viet" when the title has no Latin form). */
    public String generate(String title, Long articleId) {
        String base = Slugs.base(title, "bai-viet");
        Set<String> taken = new HashSet<>(takenLike(base, articleId));
        return Slugs.firstFree(base, taken::contains);
    }

    /**
     * The client's own slug, if no other live article has it and it is not a former slug that
     * still leads readers to another article (that one keeps it until it is deleted: a news site's
     * old links must not start showing a different story). An article may take back its own.
     */
    public String claim(String slug, Long articleId) {
        long self = articleId == null ? -1L : articleId;
        if (Article.count("slug = ?1 and deletedAt is null and id <> ?2", slug, self) > 0) {
            throw ApiException.conflict("The slug '" + slug + "' is taken by another article");
        }
        boolean redirectsElsewhere = !em.createNativeQuery(
                        "select 1 from article_slug_redirect where slug = ?1 and article_id <> ?2")
                .setParameter(1, slug).setParameter(2, self).getResultList().isEmpty();
        if (redirectsElsewhere) {
            throw ApiException.conflict("The slug '" + slug
                    + "' is the former slug of another article and still leads its readers there");
        }
        em.createNativeQuery("delete from article_slug_redirect where slug = ?1").setParameter(1, slug).executeUpdate();
        return slug;
    }

    public void keepOldSlug(String oldSlug, long articleId) {
        em.createNativeQuery("""
                        insert into article_slug_redirect (slug, article_id) values (?1, ?2)
                        on conflict (slug) do update set article_id = excluded.article_id""")
                .setParameter(1, oldSlug).setParameter(2, articleId).executeUpdate();
    }

    /** A deleted article leaves no redirects behind. */
    public void forget(Article article) {
        em.createNativeQuery("delete from article_slug_redirect where article_id = ?1")
                .setParameter(1, article.id).executeUpdate();
    }

    /** Those of these slugs that are former slugs still leading to an article. */
    public Set<String> former(String[] slugs) {
        return new HashSet<>(sql.list("select slug from article_slug_redirect where slug = any(?)", List.of((Object) slugs),
                row -> row.getString(1)));
    }

    @SuppressWarnings("unchecked")
    private List<String> takenLike(String base, Long articleId) {
        return em.createNativeQuery("""
                        select slug from article where deleted_at is null and id <> ?3 and (slug = ?1 or slug like ?2)
                        union
                        select slug from article_slug_redirect where slug = ?1 or slug like ?2""")
                .setParameter(1, base)
                .setParameter(2, base + "-%")
                .setParameter(3, articleId == null ? -1L : articleId)
                .getResultList();
    }
}
