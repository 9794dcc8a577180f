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
import vn.cms.article.ArticleContent.Publication;
import vn.cms.article.ArticleInput;
import vn.cms.article.ArticleInput.PublicStatus;
import vn.cms.article.ArticleWrites;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.section.Section;
import vn.cms.section.SectionInput;
import vn.cms.section.SectionWrites;

/**
 * Loads the seed page of the first portal (its sections and article) when
 * {@code cms.sample-content} is on, through the write paths every writer uses (so it has its
 * revisions and is in the change log that delta sync reads). Whatever already exists under a
 * sample slug is left alone, so loading twice changes nothing.
 */
@ApplicationScoped
public class SampleContentLoader {

    private static final Logger LOG = Logger.getLogger(SampleContentLoader.class);
    private static final String RESOURCE = "/sample-content.json";

    private final CmsConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final SectionWrites sections;
    private final ArticleWrites articles;
    private final Sql sql;

    SampleContentLoader(CmsConfig config, ObjectMapper json, Clock clock, SectionWrites sections, ArticleWrites articles,
                        Sql sql) {
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.sections = sections;
        this.articles = articles;
        this.sql = sql;
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
        int created = sql.withConnection(connection -> {
            int written = 0;
            for (SampleSection s : content.sections()) {
                if (Section.findBySlug(s.slug()).isEmpty()) {
                    Long parentId = s.parent() == null ? null : Section.findBySlug(s.parent()).orElseThrow().id;
                    sections.insert(connection, s.slug(),
                            new SectionInput(s.name(), s.slug(), s.description(), parentId, s.position()), now);
                    written++;
                }
            }
            for (SampleArticle a : content.articles()) {
                if (Article.count("slug", a.slug()) == 0) {
                    ArticleInput input = new ArticleInput(a.title(), a.slug(), a.summary(), a.body(), a.author(),
                            Section.findBySlug(a.section()).orElseThrow().id, a.tags(), null, a.publishedAt(),
                            PublicStatus.PUBLISHED, null);
                    Instant publishedAt = a.publishedAt().toInstant();
                    // Last changed when the portal published it, as the seed page shows it.
                    articles.insert(connection, List.of(new ArticleWrites.Row(a.slug(), articles.content(input),
                            Publication.of(input.status(), input.publishedAt(), now), null, now, publishedAt, true)),
                            "CREATE", null, now);
                    written++;
                }
            }
            return written;
        });
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
