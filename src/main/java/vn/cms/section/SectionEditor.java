package vn.cms.section;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.cms.article.Article;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Slugs;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.MergePatch;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;

/** Creating, changing and deleting sections, keeping the tree a tree. */
@ApplicationScoped
public class SectionEditor {

    /** What readers knew a deleted section by (its row is gone): the log keeps it with the deletion. */
    record LastKnown(String slug, Long parentId) {
    }

    private final SectionQueries queries;
    private final SectionWrites writes;
    private final MergePatch mergePatch;
    private final ChangeLog changeLog;
    private final Sql sql;
    private final Clock clock;

    SectionEditor(SectionQueries queries, SectionWrites writes, MergePatch mergePatch, ChangeLog changeLog, Sql sql,
                  Clock clock) {
        this.queries = queries;
        this.writes = writes;
        this.mergePatch = mergePatch;
        this.changeLog = changeLog;
        this.sql = sql;
        this.clock = clock;
    }

    public SectionView create(SectionInput input) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            String slug = input.slug() == null
                    ? Slugs.firstFree(Slugs.base(input.name(), "chuyen-muc"), taken -> Section.count("slug", taken) > 0)
                    : claimSlug(input.slug(), null);
            requireParent(input);
            return sql.withConnection(connection -> writes.insert(connection, slug, input, Instant.now(clock))).id();
        });
        return read(id);
    }

    public SectionView patch(long id, JsonNode patch) {
        QuarkusTransaction.requiringNew().run(() -> {
            Section section = find(id);
            SectionInput input = mergePatch.apply(new SectionInput(section.name, section.slug, section.description,
                    section.parentId, section.position), patch, SectionInput.class);
            if (!Objects.equals(input.parentId(), section.parentId)) {
                sql.withConnection(connection -> {
                    writes.checkMove(connection, section.slug, input.parentId(), "parentId");
                    return null;
                });
            }
            boolean seenDifferently = !Objects.equals(input.parentId(), section.parentId)
                    || !Objects.equals(input.slug(), section.slug) || !input.name().strip().equals(section.name);
            if (input.slug() != null && !input.slug().equals(section.slug)) {
                section.slug = claimSlug(input.slug(), id);
            }
            requireParent(input);
            section.name = SectionWrites.name(input);
            section.description = SectionWrites.description(input);
            section.parentId = input.parentId();
            section.position = input.position() != null ? input.position()
                    : ((Number) Section.getEntityManager().createNativeQuery("select " + SectionWrites.NEXT_POSITION)
                            .getSingleResult()).intValue();
            Instant now = Instant.now(clock);
            section.updatedAt = now;
            if (seenDifferently) {
                // Its subsections and articles now belong elsewhere or name it anew: sync sends them again.
                changeLog.appendSubtree(queries.subtreeIds(id), now);
            } else {
                changeLog.append(List.of(new Change(EntityType.SECTION, id, Kind.UPDATED, now)), now);
            }
        });
        return read(id);
    }

    /** Only an empty section goes: no subsections and no articles (deleted ones do not count). */
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Section section = find(id);
            long children = Section.count("parentId", id);
            if (children > 0) {
                throw ApiException.conflict("The section still has " + children + " subsection(s)");
            }
            long articles = Article.count("sectionId = ?1 and deletedAt is null", id);
            if (articles > 0) {
                throw ApiException.conflict("The section still holds " + articles + " article(s); move or delete them first");
            }
            section.delete();
            Instant now = Instant.now(clock);
            changeLog.append(List.of(new Change(EntityType.SECTION, id, Kind.DELETED, now,
                    new LastKnown(section.slug, section.parentId))), now);
        });
    }

    private static void requireParent(SectionInput input) {
        if (input.parentId() != null && Section.findByIdOptional(input.parentId()).isEmpty()) {
            throw ApiException.invalid("parentId", "no section has the id " + input.parentId());
        }
    }

    private static String claimSlug(String slug, Long id) {
        if (Section.count("slug = ?1 and id <> ?2", slug, id == null ? -1L : id) > 0) {
            throw ApiException.conflict("The slug '" + slug + "' is taken by another section");
        }
        return slug;
    }

    private static Section find(long id) {
        return Section.<Section>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("No section has the id " + id));
    }

    private SectionView read(long id) {
        return queries.byId(id).orElseThrow(() -> ApiException.notFound("No section has the id " + id));
    }
}
