package vn.cms.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import vn.cms.article.Article;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.article.ArticleStatus;
import vn.cms.common.cache.ContentChanged;
import vn.cms.section.Section;

/**
 * Stores sections and articles straight into the database for tests of the read API.
 * Every slug is unique, so tests never see each other's content through a filter. Like every
 * writer of content, they drop the read cache at commit (they write no change-log rows).
 */
@ApplicationScoped
public class ContentFixtures {

    @Inject
    ArticleSearchIndex searchIndex;

    @Inject
    Event<ContentChanged> contentChanged;

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(SEQUENCE.incrementAndGet(), 36);
    }

    @Transactional
    public Section section(String name, Long parentId, int position) {
        Section section = new Section();
        section.slug = unique("section");
        section.name = name;
        section.parentId = parentId;
        section.position = position;
        section.createdAt = Instant.now();
        section.updatedAt = section.createdAt;
        section.persist();
        contentChanged.fire(new ContentChanged());
        return section;
    }

    public Section section(String name) {
        return section(name, null, 100);
    }

    /** A published article in the section, published a day ago unless the customiser says otherwise. */
    @Transactional
    public Article article(Section section, Consumer<Article> customiser) {
        Article article = new Article();
        article.slug = unique("article");
        article.title = "Tin cải cách hành chính";
        article.summary = "Tóm tắt";
        article.body = "<p>Nội dung</p>";
        article.author = "Quốc Tuấn";
        article.sectionId = section.id;
        article.status = ArticleStatus.PUBLISHED;
        article.publishedAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        article.createdAt = Instant.now();
        article.updatedAt = article.publishedAt;
        customiser.accept(article);
        article.persist();
        if (article.viewCount != 0) {
            // The entity never writes view counts (the statistics own them): set it as they would.
            Article.getEntityManager().createNativeQuery("update article set view_count = ?1 where id = ?2")
                    .setParameter(1, article.viewCount).setParameter(2, article.id).executeUpdate();
        }
        searchIndex.update(article);
        contentChanged.fire(new ContentChanged());
        return article;
    }

    public Article article(Section section) {
        return article(section, a -> { });
    }
}
