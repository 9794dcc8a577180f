package vn.cms.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.cms.common.text.Slugs;
import vn.cms.common.web.ApiException;

/**
 * Slugs of live articles are unique. A generated slug takes the first free of base, base-2,
 * base-3…; a slug the client chose must be free (409 otherwise). Slugs a published article
 * was renamed from keep leading to it until another article takes them.
 */
@ApplicationScoped
public class ArticleSlugs {

    private final EntityManager em;

    ArticleSlugs(EntityManager em) {
        this.em = em;
    }

    /** A free slug made from the title (never empty: "bai-viet" when the title has no Latin form). */
    public String generate(String title, Long articleId) {
        String base = Slugs.of(title);
        if (base.isEmpty()) {
            base = "bai-viet";
        }
        base = base.substring(0, Math.min(base.length(), Slugs.MAX_LENGTH - 8));
        Set<String> taken = new HashSet<>(takenLike(base, articleId));
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The client's own slug, if no other live article has it; it stops redirecting anywhere else. */
    public String claim(String slug, Long articleId) {
        boolean taken = Article.count("slug = ?1 and deletedAt is null and id <> ?2", slug,
                articleId == null ? -1L : articleId) > 0;
        if (taken) {
            throw ApiException.conflict("The slug '" + slug + "' is taken by another article");
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
