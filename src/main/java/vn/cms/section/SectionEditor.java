package vn.cms.section;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.cms.article.Article;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;
import vn.cms.common.text.Slugs;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.MergePatch;

/** Creating, changing and deleting sections, keeping the tree a tree. */
@ApplicationScoped
public class SectionEditor {

    private final SectionQueries queries;
    private final MergePatch mergePatch;
    private final ChangeLog changeLog;
    private final Clock clock;

    SectionEditor(SectionQueries queries, MergePatch mergePatch, ChangeLog changeLog, Clock clock) {
        this.queries = queries;
        this.changeLog = changeLog;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    public SectionView create(SectionInput input) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Section section = new Section();
            section.createdAt = Instant.now(clock);
            section.slug = input.slug() == null ? generateSlug(input.name()) : claimSlug(input.slug(), null);
            apply(section, input);
            section.persist();
            logChange(section.id, Kind.CREATED);
            return section.id;
        });
        return read(id);
    }

    public SectionView patch(long id, JsonNode patch) {
        QuarkusTransaction.requiringNew().run(() -> {
            Section section = find(id);
            SectionInput input = mergePatch.apply(new SectionInput(section.name, section.slug, section.description,
                    section.parentId, section.position), patch, SectionInput.class);
            if (!Objects.equals(input.parentId(), section.parentId)) {
                queries.lockTree();
            }
            if (input.parentId() != null && queries.subtreeIds(section.slug).contains(input.parentId())) {
                throw ApiException.invalid("parentId", "cannot be the section itself or one of its subsections");
            }
            boolean seenDifferently = !Objects.equals(input.parentId(), section.parentId)
                    || !Objects.equals(input.slug(), section.slug) || !input.name().strip().equals(section.name);
            if (input.slug() != null && !input.slug().equals(section.slug)) {
                section.slug = claimSlug(input.slug(), id);
            }
            apply(section, input);
            Instant now = Instant.now(clock);
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
            logChange(id, Kind.DELETED);
        });
    }

    /** Sections are public as soon as they exist. */
    private void logChange(long id, Kind kind) {
        Instant now = Instant.now(clock);
        changeLog.append(List.of(new Change(EntityType.SECTION, id, kind, now)), now);
    }

    private void apply(Section section, SectionInput input) {
        if (input.parentId() != null && Section.findByIdOptional(input.parentId()).isEmpty()) {
            throw ApiException.invalid("parentId", "no section has the id " + input.parentId());
        }
        section.name = input.name().strip();
        section.description = input.description() == null || input.description().isBlank() ? null
                : input.description().strip();
        section.parentId = input.parentId();
        section.position = input.position() != null ? input.position()
                : Section.getEntityManager()
                        .createQuery("select coalesce(max(s.position), 0) + 1 from Section s", Integer.class)
                        .getSingleResult();
        section.updatedAt = Instant.now(clock);
    }

    private static String generateSlug(String name) {
        String base = Slugs.of(name).isEmpty() ? "chuyen-muc" : Slugs.of(name);
        String slug = base;
        for (int n = 2; Section.count("slug", slug) > 0; n++) {
            slug = base + "-" + n;
        }
        return slug;
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
