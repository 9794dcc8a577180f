package vn.cms.stats;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;

/**
 * Writes batches of hits with atomic increments, in one transaction each, so that a batch
 * counts entirely or (to be retried) not at all. Visits are decided by the database: the
 * visitor upsert hands back each visitor's previous hit under its row lock, so instances
 * sharing the database never both count the same visit.
 */
@ApplicationScoped
public class HitStore {

    /** PostgreSQL orders uuid by unsigned bytes; rows are locked in that order to avoid deadlocks. */
    private static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final String UPSERT_VISITORS = """
            insert into stats_visitor as v (visitor, last_hit_at)
            select * from unnest(?::uuid[], ?::timestamptz[])
            on conflict (visitor) do update
              set previous_hit_at = v.last_hit_at, last_hit_at = greatest(v.last_hit_at, excluded.last_hit_at)
            returning visitor, previous_hit_at""";
    private static final String ADD_DAY_TOTALS = """
            insert into stats_day as d (day, visits, page_views)
            select * from unnest(?::date[], ?::bigint[], ?::bigint[])
            on conflict (day) do update
              set visits = d.visits + excluded.visits, page_views = d.page_views + excluded.page_views""";
    private static final String ADD_ARTICLE_DAY_VIEWS = """
            insert into article_day_views as v (day, article_id, views)
            select n.day, n.article_id, n.views from unnest(?::date[], ?::bigint[], ?::bigint[]) n (day, article_id, views)
            where exists (select 1 from article a where a.id = n.article_id)
            on conflict (day, article_id) do update set views = v.views + excluded.views""";
    private static final String ADD_VIEW_COUNTS = """
            update article a set view_count = a.view_count + n.views
            from unnest(?::bigint[], ?::bigint[]) n (id, views) where a.id = n.id""";

    private final Sql sql;
    private final Clock clock;
    private final ZoneId zone;
    private final CmsConfig.Stats settings;
    private final SecureRandom random = new SecureRandom();

    HitStore(Sql sql, Clock clock, CmsConfig config) {
        this.sql = sql;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.settings = config.stats();
    }

    /** Adds the batch to every number, all or nothing. */
    void save(HitBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Map<LocalDate, Long> visits = saveVisitors(batch);
            TreeMap<LocalDate, long[]> days = new TreeMap<>();
            batch.pageViews.forEach((day, views) -> days.computeIfAbsent(day, d -> new long[2])[1] = views);
            visits.forEach((day, count) -> days.computeIfAbsent(day, d -> new long[2])[0] = count);
            sql.update(ADD_DAY_TOTALS, List.of(
                    days.keySet().stream().map(LocalDate::toString).toArray(String[]::new),
                    days.values().stream().map(v -> v[0]).toArray(Long[]::new),
                    days.values().stream().map(v -> v[1]).toArray(Long[]::new)));
            saveArticleViews(batch);
        });
        // Cached responses are left alone: they show counters at most cms.cache.max-staleness old.
    }

    /** Upserts every visitor of the batch; answers the visits that began, by the day they began. */
    private Map<LocalDate, Long> saveVisitors(HitBatch batch) {
        List<UUID> visitors = new ArrayList<>(batch.visitors.keySet());
        visitors.sort(UUID_ORDER);
        List<Object> params = List.of(
                visitors.toArray(UUID[]::new),
                visitors.stream().map(v -> batch.visitors.get(v).last.toString()).toArray(String[]::new));
        Map<LocalDate, Long> visits = new TreeMap<>();
        sql.list(UPSERT_VISITORS, params, row -> {
            HitBatch.VisitorHits hits = batch.visitors.get(row.getObject("visitor", UUID.class));
            if (batch.startsVisit(hits.first, Sql.instant(row, "previous_hit_at"))) {
                visits.merge(batch.day(hits.first), 1L, Long::sum);
            }
            hits.laterVisitStarts.forEach(start -> visits.merge(batch.day(start), 1L, Long::sum));
            return null;
        });
        return visits;
    }

    private void saveArticleViews(HitBatch batch) {
        if (batch.articleViews.isEmpty()) {
            return;
        }
        List<HitBatch.ArticleDay> keys = batch.articleViews.keySet().stream()
                .sorted(Comparator.comparing(HitBatch.ArticleDay::day).thenComparing(HitBatch.ArticleDay::articleId))
                .toList();
        sql.update(ADD_ARTICLE_DAY_VIEWS, List.of(
                keys.stream().map(k -> k.day().toString()).toArray(String[]::new),
                keys.stream().map(HitBatch.ArticleDay::articleId).toArray(Long[]::new),
                keys.stream().map(batch.articleViews::get).toArray(Long[]::new)));
        TreeMap<Long, Long> perArticle = new TreeMap<>();
        batch.articleViews.forEach((key, views) -> perArticle.merge(key.articleId(), views, Long::sum));
        sql.update(ADD_VIEW_COUNTS, List.of(
                perArticle.keySet().toArray(Long[]::new),
                perArticle.values().toArray(Long[]::new)));
    }

    /** The secret salt of a site day, made by whichever instance asks first. */
    byte[] salt(LocalDate day) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        sql.update("insert into stats_salt (day, salt) values (?, ?) on conflict (day) do nothing", List.of(day, fresh));
        return sql.one("select salt from stats_salt where day = ?", List.of(day), row -> row.getBytes(1)).orElseThrow();
    }

    /**
     * Drops what no number needs any more: visitors too long unseen to continue a visit or be
     * online, per-article days past the retention, salts of past days.
     */
    @Scheduled(every = "1m", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = clock.instant();
        Duration keepVisitors = settings.visitGap().compareTo(settings.onlineWindow()) >= 0
                ? settings.visitGap() : settings.onlineWindow();
        LocalDate today = LocalDate.ofInstant(now, zone);
        sql.update("delete from stats_visitor where last_hit_at < ?", List.of(now.minus(keepVisitors)));
        sql.update("delete from article_day_views where day < ?", List.of(today.minusDays(settings.retention().toDays())));
        sql.update("delete from stats_salt where day < ?", List.of(today.minusDays(1)));
    }
}
