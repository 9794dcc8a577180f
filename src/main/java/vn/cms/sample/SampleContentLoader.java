package vn.cms.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;
import vn.cms.article.Article;
import vn.cms.article.ArticleRevisions;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.article.ArticleStatus;
import vn.cms.common.config.CmsConfig;
import vn.cms.section.Section;

/**
 * Loads the seed page of the first portal (its sections and article) when
 * {@code cms.sample-content} is on. Whatever already exists under a sample slug is left
 * alone, so loading twice changes nothing.
 */
@ApplicationScoped
public class SampleContentLoader {

    private static final Logger LOG = Logger.getLogger(SampleContentLoader.class);
    private static final String RESOURCE = "/sample-content.json";

    private final CmsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final ArticleRevisions revisions;
    private final ArticleSearchIndex searchIndex;

    SampleContentLoader(CmsConfig config, ObjectMapper json, Clock clock, ArticleRevisions revisions,
                        ArticleSearchIndex searchIndex) {
        this.searchIndex = searchIndex;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.revisions = revisions;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.sampleContent()) {
            load();
        }
    }

    @Transactional
    void load() {
        SampleContent content = read();
        Instant now = Instant.now(clock);
        int created = 0;
        for (SampleSection s : content.sections()) {
            if (Section.findBySlug(s.slug()).isEmpty()) {
                Section section = new Section();
                section.slug = s.slug();
                section.name = s.name();
                section.description = s.description();
                section.parentId = s.parent() == null ? null : Section.findBySlug(s.parent()).orElseThrow().id;
                section.position = s.position();
                section.createdAt = now;
                section.updatedAt = now;
                section.persist();
                created++;
            }
        }
        for (SampleArticle a : content.articles()) {
            if (Article.count("slug", a.slug()) == 0) {
                Article article = new Article();
                article.slug = a.slug();
                article.title = a.title();
                article.summary = a.summary();
                article.body = a.body();
                article.author = a.author();
                article.sectionId = Section.findBySlug(a.section()).orElseThrow().id;
                article.tags = a.tags();
                article.status = ArticleStatus.PUBLISHED;
                article.publishedAt = a.publishedAt().toInstant();
                article.createdAt = now;
                article.updatedAt = a.publishedAt().toInstant();
                article.persist();
                searchIndex.update(article);
                revisions.record(article, "CREATE", null, now);
                created++;
            }
        }
        if (created > 0) {
            LOG.infof("Loaded %d sample sections and articles", created);
        }
    }

    private SampleContent read() {
        try (InputStream in = SampleContentLoader.class.getResourceAsStream(RESOURCE)) {
            return json.readValue(in, SampleContent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    record SampleContent(List<SampleSection> sections, List<SampleArticle> articles) {
    }

    record SampleSection(String slug, String name, String description, String parent, int position) {
    }

    record SampleArticle(String slug, String title, String summary, String body, String author, String section,
                         List<String> tags, OffsetDateTime publishedAt) {
    }
}
