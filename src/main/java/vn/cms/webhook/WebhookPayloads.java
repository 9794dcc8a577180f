package vn.cms.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.cms.article.ArticleQueries;
import vn.cms.article.ArticleReference;
import vn.cms.common.config.CmsConfig;
import vn.cms.media.MediaLibrary;
import vn.cms.media.MediaView;
import vn.cms.section.SectionQueries;
import vn.cms.section.SectionView;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.EntityType;

/**
 * The bodies of deliveries: thin, naming what changed (ids, slugs, section, times) so that a
 * receiver revalidates its pages or reads the API; never the content itself. Written once, when
 * the delivery is made, and sent the same on every attempt.
 */
@ApplicationScoped
class WebhookPayloads {

    record Body(String type, OffsetDateTime timestamp, Object data) {
    }

    record SectionRef(long id, String slug) {
    }

    record ArticleData(long id, String slug, SectionRef section, OffsetDateTime publishedAt, OffsetDateTime updatedAt) {
    }

    record SectionData(long id, String slug, Long parentId) {
    }

    record MediaData(long id, String url, String mimeType, String filename) {
    }

    /** An entity that is gone and left nothing to tell (media created and deleted before the delivery). */
    record IdData(long id) {
    }

    record PingData(long webhookId) {
    }

    private final ArticleQueries articles;
    private final SectionQueries sections;
    private final MediaLibrary media;
    private final ObjectMapper json;
    private final ZoneId zone;

    WebhookPayloads(ArticleQueries articles, SectionQueries sections, MediaLibrary media, ObjectMapper json,
                    CmsConfig config) {
        this.articles = articles;
        this.sections = sections;
        this.media = media;
        this.json = json;
        this.zone = config.site().timezone();
    }

    /** The body announcing each change, by log id. */
    Map<Long, String> of(List<ChangeLog.Entry> changes) {
        Map<Long, ArticleReference> articleRefs = articles.references(changes.stream()
                        .filter(c -> c.type() == EntityType.ARTICLE).map(ChangeLog.Entry::entityId).distinct()
                        .toArray(Long[]::new))
                .stream().collect(Collectors.toMap(ArticleReference::id, Function.identity()));
        return changes.stream().collect(Collectors.toMap(ChangeLog.Entry::id,
                change -> write(new Body(WebhookEvents.of(change), at(change.visibleAt()), data(change, articleRefs)))));
    }

    String ping(long webhookId, Instant now) {
        return write(new Body(WebhookEvents.PING, at(now), new PingData(webhookId)));
    }

    private Object data(ChangeLog.Entry change, Map<Long, ArticleReference> articleRefs) {
        if (change.type() == EntityType.ARTICLE && articleRefs.containsKey(change.entityId())) {
            ArticleReference a = articleRefs.get(change.entityId());
            return new ArticleData(a.id(), a.slug(), new SectionRef(a.sectionId(), a.sectionSlug()), a.publishedAt(),
                    a.updatedAt());
        }
        if (change.lastKnown() != null) {
            return lastKnown(change);
        }
        if (change.type() == EntityType.SECTION) {
            Optional<SectionView> section = sections.byId(change.entityId());
            if (section.isPresent()) {
                return new SectionData(section.get().id(), section.get().slug(), section.get().parentId());
            }
        }
        if (change.type() == EntityType.MEDIA) {
            Optional<MediaView> item = media.byId(change.entityId());
            if (item.isPresent()) {
                return new MediaData(item.get().id(), item.get().url(), item.get().mimeType(), item.get().filename());
            }
        }
        return new IdData(change.entityId());
    }

    /**
     * A deleted section or media item as its owner described it when it went, read into the record
     * it had while it was there (jsonb keeps no key order).
     */
    private Object lastKnown(ChangeLog.Entry change) {
        try {
            ObjectNode data = json.createObjectNode().put("id", change.entityId());
            data.setAll((ObjectNode) json.readTree(change.lastKnown()));
            Class<?> shape = change.type() == EntityType.SECTION ? SectionData.class : MediaData.class;
            return json.treeToValue(data, shape);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The change log holds JSON it wrote", e);
        }
    }

    private OffsetDateTime at(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    private String write(Body body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook body is always writable", e);
        }
    }
}
