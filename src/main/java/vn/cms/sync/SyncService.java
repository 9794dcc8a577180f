package vn.cms.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.cms.article.ArticleDetail;
import vn.cms.article.ArticleQueries;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.section.SectionQueries;
import vn.cms.section.SectionView;
import vn.cms.sync.ChangeLog.EntityType;

/**
 * Delta sync: a first walk over everything public (sections, then articles, by id), then only
 * what the change log says changed, each entity once per answer in its state at the time of the
 * answer. Writes during a walk are caught by the first delta after it, which starts from where
 * the log stood when the walk began: so the client ends with exactly the current public state.
 */
@ApplicationScoped
public class SyncService {

    private final ChangeLog log;
    private final SyncTokens tokens;
    private final ArticleQueries articles;
    private final SectionQueries sections;
    private final Clock clock;
    private final ZoneId zone;

    SyncService(ChangeLog log, SyncTokens tokens, ArticleQueries articles, SectionQueries sections, Clock clock,
                CmsConfig config) {
        this.log = log;
        this.tokens = tokens;
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
        this.zone = config.site().timezone();
    }

    public SyncPage start(Set<EntityType> types, String section, int limit) {
        long sectionId = section == null ? 0 : sections.bySlug(section).map(SectionView::id)
                .orElseThrow(() -> ApiException.invalid("section", "no section has the slug '" + section + "'"));
        return page(SyncToken.start(types, sectionId, limit, log.end(), clock.instant()));
    }

    public SyncPage resume(String token) {
        SyncToken position = tokens.read(token)
                .orElseThrow(() -> ApiException.invalid("token", "is not a token this service issued"));
        if (position.logTime().isBefore(clock.instant().minus(log.retention()))) {
            throw gone("This sync token is older than the change log is kept (" + log.retention()
                    + "); start again without a token");
        }
        return page(position);
    }

    private SyncPage page(SyncToken token) {
        return token.initial() ? initialPage(token) : deltaPage(token);
    }

    private SyncPage initialPage(SyncToken token) {
        Set<Long> subtree = subtree(token.sectionId());
        if (token.stage() == EntityType.SECTION) {
            List<SectionView> all = sectionsInScope(subtree).stream()
                    .filter(s -> s.id() > token.afterId())
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .toList();
            List<SectionView> page = all.subList(0, Math.min(token.limit(), all.size()));
            OffsetDateTime at = token.logTime().atZone(zone).toOffsetDateTime();
            List<SyncItem> items = page.stream().map(s -> upsert(EntityType.SECTION, s.id(), at, s)).toList();
            boolean moreSections = all.size() > page.size();
            if (moreSections) {
                return answer(items, token.walkedTo(EntityType.SECTION, page.get(page.size() - 1).id()), true);
            }
            return token.types().contains(EntityType.ARTICLE)
                    ? answer(items, token.walkedTo(EntityType.ARTICLE, 0), true)
                    : answer(items, token.caughtUp(token.logId(), token.logTime()), false);
        }
        List<ArticleDetail> found = articles.publicAfter(token.afterId(), token.limit() + 1,
                subtree == null ? null : subtree.toArray(Long[]::new));
        boolean more = found.size() > token.limit();
        List<ArticleDetail> page = more ? found.subList(0, token.limit()) : found;
        List<SyncItem> items = page.stream()
                .map(a -> upsert(EntityType.ARTICLE, a.overview().id(), a.overview().updatedAt(), a)).toList();
        return more
                ? answer(items, token.walkedTo(EntityType.ARTICLE, page.get(page.size() - 1).overview().id()), true)
                : answer(items, token.caughtUp(token.logId(), token.logTime()), false);
    }

    private SyncPage deltaPage(SyncToken token) {
        SyncToken window = token.pagingWindow() ? token : token.pagingWindow(log.end(), later(clock.instant(), token.logTime()), 0);
        List<ChangeLog.Entry> rows = log.window(window.logId(), window.logTime(), window.windowEndId(),
                window.windowEndTime(), window.afterId(), token.types(), token.limit() + 1);
        boolean more = rows.size() > token.limit();
        List<ChangeLog.Entry> page = more ? rows.subList(0, token.limit()) : rows;
        // The latest row of each entity, in the order of those rows.
        Map<String, ChangeLog.Entry> latest = new LinkedHashMap<>();
        for (ChangeLog.Entry row : page) {
            String key = row.type() + ":" + row.entityId();
            latest.remove(key);
            latest.put(key, row);
        }
        List<ChangeLog.Entry> changed = List.copyOf(latest.values());
        Set<Long> subtree = subtree(token.sectionId());
        Map<Long, ArticleDetail> publicArticles = articles.publicWithIds(changed.stream()
                        .filter(row -> row.type() == EntityType.ARTICLE).map(ChangeLog.Entry::entityId).toArray(Long[]::new))
                .stream()
                .filter(a -> subtree == null || subtree.contains(a.overview().section().id()))
                .collect(Collectors.toMap(a -> a.overview().id(), Function.identity()));
        Map<Long, SectionView> publicSections = changed.stream().anyMatch(row -> row.type() == EntityType.SECTION)
                ? sectionsInScope(subtree).stream().collect(Collectors.toMap(SectionView::id, Function.identity()))
                : Map.of();
        List<SyncItem> items = new ArrayList<>(changed.size());
        for (ChangeLog.Entry row : changed) {
            OffsetDateTime at = row.visibleAt().atZone(zone).toOffsetDateTime();
            Object data = row.type() == EntityType.ARTICLE ? publicArticles.get(row.entityId())
                    : publicSections.get(row.entityId());
            items.add(data == null ? new SyncItem(name(row.type()), row.entityId(), "delete", at, null)
                    : upsert(row.type(), row.entityId(), at, data));
        }
        return more
                ? answer(items, window.pagingWindow(window.windowEndId(), window.windowEndTime(), page.get(page.size() - 1).id()), true)
                : answer(items, token.caughtUp(window.windowEndId(), window.windowEndTime()), false);
    }

    private SyncPage answer(List<SyncItem> items, SyncToken next, boolean hasMore) {
        return new SyncPage(items, tokens.write(next), hasMore);
    }

    private static SyncItem upsert(EntityType type, long id, OffsetDateTime at, Object data) {
        return new SyncItem(name(type), id, "upsert", at, data);
    }

    private static String name(EntityType type) {
        return type.name().toLowerCase();
    }

    /** The section and its descendants, or null for every section. */
    private Set<Long> subtree(long sectionId) {
        if (sectionId == 0) {
            return null;
        }
        List<Long> ids = sections.subtreeIds(sectionId);
        if (ids.isEmpty()) {
            throw gone("The section this sync follows was deleted; start again without a token");
        }
        return new HashSet<>(ids);
    }

    private List<SectionView> sectionsInScope(Set<Long> subtree) {
        List<SectionView> all = sections.all();
        return subtree == null ? all : all.stream().filter(s -> subtree.contains(s.id())).toList();
    }

    private static ApiException gone(String detail) {
        return new ApiException(410, "urn:cms:problem:sync-expired", "Gone", detail, null);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
