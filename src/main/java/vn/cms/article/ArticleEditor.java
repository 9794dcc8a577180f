package vn.cms.article;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import vn.cms.article.ArticleContent.Publication;
import vn.cms.article.ArticleInput.ArticleImageInput;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.article.ArticleWrites.Row;
import vn.cms.article.ArticleWrites.Saved;
import vn.cms.auth.CurrentUser;
import vn.cms.common.db.Sql;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.MergePatch;
import vn.cms.common.web.Preconditions;
import vn.cms.section.Section;

/**
 * Writing articles: every save checks roles and preconditions, goes through {@link ArticleWrites}
 * (content rules, revision, change log) in its own transaction, and answers the article as it
 * was committed.
 */
@ApplicationScoped
public class ArticleEditor {

    private final CurrentUser user;
    private final ArticleQueries queries;
    private final ArticleSlugs slugs;
    private final ArticleWrites writes;
    private final ArticleSearchIndex searchIndex;
    private final MergePatch mergePatch;
    private final Sql sql;
    private final Clock clock;

    ArticleEditor(CurrentUser user, ArticleQueries queries, ArticleSlugs slugs, ArticleWrites writes,
                  ArticleSearchIndex searchIndex, MergePatch mergePatch, Sql sql, Clock clock) {
        this.user = user;
        this.queries = queries;
        this.slugs = slugs;
        this.writes = writes;
        this.searchIndex = searchIndex;
        this.mergePatch = mergePatch;
        this.sql = sql;
        this.clock = clock;
    }

    public EditorialArticle create(ArticleInput input) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            PublicStatus status = input.status() == null ? PublicStatus.DRAFT : input.status();
            if (status != PublicStatus.DRAFT && !user.editsAllContent()) {
                throw ApiException.forbidden("An AUTHOR can only create drafts; an EDITOR publishes them");
            }
            Instant now = Instant.now(clock);
            ArticleContent content = content(input);
            String slug = input.slug() == null ? slugs.generate(input.title(), null) : slugs.claim(input.slug(), null);
            Row row = new Row(slug, content, Publication.of(status, input.publishedAt(), now), user.id(), now, now, true);
            return sql.withConnection(connection -> writes.insert(connection, List.of(row), "CREATE", user.id(), now))
                    .get(0).id();
        });
        return read(id);
    }

    /** PUT: the input replaces every writable field; a missing slug keeps the current one. */
    public EditorialArticle replace(long id, String ifMatch, ArticleInput input) {
        return update(id, ifMatch, article -> input);
    }

    /** PATCH: an RFC 7396 merge patch applied to the article's writable fields. */
    public EditorialArticle patch(long id, String ifMatch, JsonNode patch) {
        return update(id, ifMatch, article -> mergePatch.apply(writable(article), patch, ArticleInput.class));
    }

    public void delete(long id, String ifMatch, Long bodyVersion) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = live(id);
            requireEditor("delete articles");
            Preconditions preconditions = Preconditions.of(ifMatch, bodyVersion);
            preconditions.check(article.version);
            Instant now = Instant.now(clock);
            boolean wasPublic = isPublic(article, now);
            article.deletedAt = now;
            article.updatedAt = now;
            slugs.forget(article);
            save(article, wasPublic, "DELETE", now, preconditions);
        });
    }

    /** Publishes now, or schedules for {@code publishAt}; an article already public stays as it is. */
    public EditorialArticle publish(long id, String ifMatch, OffsetDateTime publishAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = live(id);
            requireEditor("publish");
            Preconditions preconditions = optionalPreconditions(ifMatch, article);
            Instant now = Instant.now(clock);
            boolean alreadyPublic = article.status == ArticleStatus.PUBLISHED && !article.publishedAt.isAfter(now);
            if (publishAt == null && alreadyPublic) {
                return;
            }
            article.status = ArticleStatus.PUBLISHED;
            article.publishedAt = publishAt == null ? now : publishAt.toInstant();
            article.updatedAt = now;
            save(article, alreadyPublic, "PUBLISH", now, preconditions);
        });
        return read(id);
    }

    public EditorialArticle unpublish(long id, String ifMatch) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = live(id);
            requireEditor("unpublish");
            Preconditions preconditions = optionalPreconditions(ifMatch, article);
            if (article.status == ArticleStatus.DRAFT) {
                return;
            }
            Instant now = Instant.now(clock);
            boolean wasPublic = isPublic(article, now);
            article.status = ArticleStatus.DRAFT;
            article.updatedAt = now;
            save(article, wasPublic, "UNPUBLISH", now, preconditions);
        });
        return read(id);
    }

    private EditorialArticle update(long id, String ifMatch, Function<Article, ArticleInput> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = live(id);
            if (!user.editsAllContent()
                    && !(Long.valueOf(user.id()).equals(article.createdBy) && article.status == ArticleStatus.DRAFT)) {
                throw ApiException.forbidden("An AUTHOR can only edit their own drafts");
            }
            ArticleInput input = change.apply(article);
            Preconditions preconditions = Preconditions.of(ifMatch, input.version());
            preconditions.check(article.version);
            Instant now = Instant.now(clock);
            PublicStatus current = ArticleQueries.status(article.status.name(), article.publishedAt, now);
            if (input.status() != null && input.status() != current) {
                throw ApiException.invalid("status", "changes only through POST /publish and /unpublish");
            }
            if (article.status == ArticleStatus.PUBLISHED && input.publishedAt() == null) {
                throw ApiException.invalid("publishedAt", "a published article needs its publication time");
            }
            boolean wasPublic = current == PublicStatus.PUBLISHED;
            String oldSlug = article.slug;
            apply(article, input, now);
            if (input.slug() != null && !input.slug().equals(oldSlug)) {
                article.slug = slugs.claim(input.slug(), article.id);
                if (wasPublic) {
                    slugs.keepOldSlug(oldSlug, article.id);
                }
            }
            save(article, wasPublic, "UPDATE", now, preconditions);
        });
        return read(id);
    }

    /** Flushes the versioned update (where a concurrent writer loses), then records it as every write does. */
    private void save(Article article, boolean wasPublic, String action, Instant now, Preconditions preconditions) {
        try {
            article.flush();
        } catch (OptimisticLockException e) {
            throw preconditions.lostRace();
        }
        searchIndex.update(article);
        Saved saved = new Saved(article.id, wasPublic, article.deletedAt != null,
                article.deletedAt == null && article.status == ArticleStatus.PUBLISHED, article.publishedAt);
        sql.withConnection(connection -> {
            writes.saved(connection, List.of(saved), action, user.id(), now);
            return saved;
        });
    }

    private static boolean isPublic(Article article, Instant now) {
        return article.deletedAt == null && article.status == ArticleStatus.PUBLISHED && !article.publishedAt.isAfter(now);
    }

    private void apply(Article article, ArticleInput input, Instant now) {
        content(input).copyTo(article);
        if (article.status == ArticleStatus.DRAFT || input.publishedAt() != null) {
            article.publishedAt = input.publishedAt() == null ? null : input.publishedAt().toInstant();
        }
        article.updatedAt = now;
    }

    private ArticleContent content(ArticleInput input) {
        if (Section.findByIdOptional(input.sectionId()).isEmpty()) {
            throw ApiException.invalid("sectionId", "no section has the id " + input.sectionId());
        }
        return writes.content(input);
    }

    /** The writable fields as they are now: what a merge patch applies to. */
    private ArticleInput writable(Article article) {
        ArticleImageInput image = article.featuredImageUrl == null ? null
                : article.featuredMediaId != null ? new ArticleImageInput(null, article.featuredMediaId, article.featuredImageAlt)
                : new ArticleImageInput(article.featuredImageUrl, null, article.featuredImageAlt);
        return new ArticleInput(article.title, article.slug, article.summary, article.body, article.author,
                article.sectionId, article.tags, image,
                article.publishedAt == null ? null : article.publishedAt.atOffset(ZoneOffset.UTC),
                null, null);
    }

    /** Publishing needs no precondition, but one that is sent must hold. */
    private static Preconditions optionalPreconditions(String ifMatch, Article article) {
        Preconditions preconditions = Preconditions.of(ifMatch, null);
        if (ifMatch != null) {
            preconditions.check(article.version);
        }
        return preconditions;
    }

    private void requireEditor(String action) {
        if (!user.editsAllContent()) {
            throw ApiException.forbidden("An AUTHOR cannot " + action + "; an EDITOR or ADMIN can");
        }
    }

    private static Article live(long id) {
        return Article.<Article>findByIdOptional(id)
                .filter(a -> a.deletedAt == null)
                .orElseThrow(() -> ApiException.notFound("No article has the id " + id));
    }

    private EditorialArticle read(long id) {
        return queries.editorial(id, null).orElseThrow(() -> ApiException.notFound("No article has the id " + id));
    }
}
