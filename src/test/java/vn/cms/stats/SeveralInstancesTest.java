package vn.cms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

/**
 * Two recorders with memories of their own on one database stand for two instances of the
 * service: what they count together must be what one would count.
 */
@QuarkusTest
class SeveralInstancesTest {

    @Inject
    HitStore store;
    @Inject
    CmsConfig config;
    @Inject
    Sql sql;
    @Inject
    ContentFixtures fixtures;
    @Inject
    TestClock clock;

    private static Instant at(String siteTime) {
        return OffsetDateTime.parse(siteTime).toInstant();
    }

    private long visits(String day) {
        return sql.count("select coalesce(sum(visits), 0) from stats_day where day = ?::date", List.of(day));
    }

    private long pageViews(String day) {
        return sql.count("select coalesce(sum(page_views), 0) from stats_day where day = ?::date", List.of(day));
    }

    @Test
    void aVisitSpreadOverTwoInstancesIsCountedOnce() {
        HitRecorder first = new HitRecorder(store, config, new SimpleMeterRegistry());
        HitRecorder second = new HitRecorder(store, config, new SimpleMeterRegistry());
        UUID reader = UUID.randomUUID();
        Instant start = at("2032-01-05T09:00:00+07:00");

        first.record(new Hit(reader, null, start));
        first.flush();
        second.record(new Hit(reader, null, start.plus(Duration.ofMinutes(20))));
        second.flush();
        first.record(new Hit(reader, null, start.plus(Duration.ofMinutes(40))));
        first.flush();
        assertEquals(1, visits("2032-01-05"));

        second.record(new Hit(reader, null, start.plus(Duration.ofMinutes(70))));
        second.flush();
        assertEquals(2, visits("2032-01-05"));
        assertEquals(4, pageViews("2032-01-05"));
    }

    @Test
    void thousandsOfHitsFromManyThreadsOnTwoInstancesAreCountedExactly() throws Exception {
        Section section = fixtures.section(ContentFixtures.unique("Thống kê"));
        Article article = fixtures.article(section);
        List<HitRecorder> instances = List.of(new HitRecorder(store, config, new SimpleMeterRegistry()), new HitRecorder(store, config, new SimpleMeterRegistry()));
        List<UUID> readers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            readers.add(UUID.randomUUID());
        }
        Instant start = at("2032-02-10T12:00:00+07:00");
        int threads = 8;
        int hitsPerThread = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < hitsPerThread; i++) {
                        // Every reader's hits stay within minutes of each other: one visit each.
                        Instant when = start.plusMillis((long) i * 50);
                        HitRecorder instance = instances.get((thread + i) % 2);
                        instance.record(new Hit(readers.get((thread * 31 + i) % readers.size()), article.id, when));
                    }
                    return null;
                }));
            }
            // Both instances write while hits pour in, as their schedulers would.
            for (HitRecorder instance : instances) {
                pool.submit((Callable<Void>) () -> {
                    while (work.stream().anyMatch(f -> !f.isDone())) {
                        instance.flush();
                    }
                    return null;
                });
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        instances.forEach(HitRecorder::flush);

        long total = (long) threads * hitsPerThread;
        assertEquals(total, pageViews("2032-02-10"));
        assertEquals(readers.size(), visits("2032-02-10"));
        assertEquals(total, sql.count("select view_count from article where id = ?", List.of(article.id)));
        assertEquals(total, sql.count("select views from article_day_views where article_id = ? and day = '2032-02-10'",
                List.of(article.id)));
    }

    @Test
    void aGracefulShutdownWritesWhatWasAcceptedAndWhatComesAfter() {
        HitRecorder instance = new HitRecorder(store, config, new SimpleMeterRegistry());
        Instant when = at("2032-03-15T14:00:00+07:00");
        instance.record(new Hit(UUID.randomUUID(), null, when));
        instance.record(new Hit(UUID.randomUUID(), null, when));
        instance.close();
        assertEquals(2, pageViews("2032-03-15"));

        // A request that was already being served when shutdown began.
        instance.record(new Hit(UUID.randomUUID(), null, when));
        assertEquals(3, pageViews("2032-03-15"));
        assertEquals(3, visits("2032-03-15"));
    }

    @Test
    void onlyPerDayTotalsOutliveTheRetention() {
        Section section = fixtures.section(ContentFixtures.unique("Lưu trữ"));
        Article article = fixtures.article(section);
        HitRecorder instance = new HitRecorder(store, config, new SimpleMeterRegistry());
        UUID reader = UUID.randomUUID();
        instance.record(new Hit(reader, article.id, at("2020-01-01T09:00:00+07:00")));
        instance.flush();
        String visitorRows = "select count(*) from stats_visitor where visitor = ?";

        clock.set(at("2020-01-01T09:29:59+07:00"));
        store.purge();
        assertEquals(1, sql.count(visitorRows, List.of(reader)));
        clock.set(at("2020-01-01T09:30:01+07:00"));
        store.purge();
        assertEquals(0, sql.count(visitorRows, List.of(reader)));

        String articleDays = "select count(*) from article_day_views where article_id = ?";
        clock.set(at("2021-02-04T12:00:00+07:00")); // 400 days later: still kept
        store.purge();
        assertEquals(1, sql.count(articleDays, List.of(article.id)));
        clock.set(at("2021-02-05T12:00:00+07:00"));
        store.purge();
        assertEquals(0, sql.count(articleDays, List.of(article.id)));
        assertEquals(1, visits("2020-01-01"));
        assertEquals(1, sql.count("select view_count from article where id = ?", List.of(article.id)));
    }
}
