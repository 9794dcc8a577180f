package vn.cms.common.cache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.cms.article.Article;
import vn.cms.article.ArticleSearchIndex;
import vn.cms.common.config.CmsConfig;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

@QuarkusTest
class PublicResponseCacheTest {

    /** Far longer than an answer from memory takes, even on a loaded machine. */
    private static final long PROMPTLY_SECONDS = 10;

    @Inject
    ContentFixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    CmsConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ArticleSearchIndex searchIndex;

    @Inject
    Event<ContentChanged> contentChanged;

    @Inject
    MeterRegistry metrics;

    /** Threads of their own for requests that wait: the common pool may be one thread, busy elsewhere. */
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    /**
     * publishedAt may be as late as 9999: more nanoseconds from now than a long holds. Now is 2400,
     * later than every other test's scheduled article, so this one is the next publication the
     * service learns of (within a poll of its notifications); every read meanwhile stores a new
     * entry whose lifetime is measured against it.
     */
    @Test
    void anArticleScheduledCenturiesAheadLeavesPublicReadsAnswered() {
        clock.set(OffsetDateTime.parse("2400-01-01T00:00:00+07:00").toInstant());
        fixtures.article(fixtures.section(ContentFixtures.unique("Lịch sử")),
                a -> a.publishedAt = Instant.parse("9999-12-31T16:00:00Z"));
        long until = System.nanoTime() + 2_000_000_000L;
        for (int size = 1; System.nanoTime() < until; size = size % 100 + 1) {
            given().queryParam("size", size).get("/api/v1/articles").then().statusCode(200);
        }
    }

    /**
     * Past half its lifetime, the first request for an entry rebuilds it; while that rebuild waits
     * for the database (held by a table lock here), the others are answered from the entry they
     * had. The rebuilt entry then lives from its own build: past the first one's expiry it still
     * answers without the database.
     */
    @Test
    void aHotEntryIsRebuiltAheadOfItsExpiryWhileReadersGetTheBytesTheyHad() throws Exception {
        String path = "/api/v1/articles/" + quietArticle().id;
        Duration lifetime = config.cache().maxStaleness();
        String first = given().get(path).then().statusCode(200).body("viewCount", is(0)).extract().header("ETag");
        clock.advance(lifetime.multipliedBy(3).dividedBy(4));
        try (ArticleTableLock lock = ArticleTableLock.take(dataSource)) {
            // A page-view flush changes viewCount and empties nothing: only a rebuild shows it.
            lock.setViewCount(path, 7);
            CompletableFuture<Response> rebuild = CompletableFuture.supplyAsync(() -> given().get(path), clients);
            awaitRequestsInProgress(1);
            promptly(() -> given().get(path)).then().statusCode(200).header("ETag", first).body("viewCount", is(0));
            assertFalse(rebuild.isDone(), "the rebuild went past the lock");
            lock.commit();
            rebuild.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).then().statusCode(200).body("viewCount", is(7));
        }
        clock.advance(lifetime.dividedBy(2).minusMillis(1));
        try (ArticleTableLock lock = ArticleTableLock.take(dataSource)) {
            promptly(() -> given().get(path)).then().statusCode(200).body("viewCount", is(7));
        }
    }

    /** Content that changes while an entry is being rebuilt ahead empties it at once: no reader gets it again. */
    @Test
    void aChangeDuringARebuildAheadIsNeverAnsweredFromTheEntryBeforeIt() throws Exception {
        String path = "/api/v1/articles/" + quietArticle().id;
        given().get(path).then().statusCode(200).body("title", is("Tin cải cách hành chính"));
        clock.advance(config.cache().maxStaleness().multipliedBy(3).dividedBy(4));
        try (ArticleTableLock lock = ArticleTableLock.take(dataSource)) {
            CompletableFuture<Response> rebuild = CompletableFuture.supplyAsync(() -> given().get(path), clients);
            awaitRequestsInProgress(1);
            lock.setTitle(path, "Tin đã sửa");
            contentChanged.fire(new ContentChanged());
            CompletableFuture<Response> after = CompletableFuture.supplyAsync(() -> given().get(path), clients);
            // It asks the database, as the rebuild does, rather than take the entry from before the change.
            awaitRequestsInProgress(2);
            lock.commit();
            after.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).then().statusCode(200).body("title", is("Tin đã sửa"));
            rebuild.get(PROMPTLY_SECONDS, TimeUnit.SECONDS).then().statusCode(200);
        }
    }

    /**
     * A new article, with the clock stopped at the present and the search indexer idle: nothing
     * else empties the cache while the test watches one entry (the indexer's batches do).
     */
    private Article quietArticle() {
        Article article = fixtures.article(fixtures.section(ContentFixtures.unique("Làm mới")));
        while (searchIndex.indexPending() > 0) {
            Thread.onSpinWait();
        }
        clock.set(Instant.now());
        return article;
    }

    /**
     * Until this many requests are still being answered (ten seconds at most):
     * one answered from memory is done at once, one that reads the database waits for the lock.
     */
    private void awaitRequestsInProgress(int requests) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPTLY_SECONDS);
        while (requestsInProgress() < requests) {
            if (System.nanoTime() > until) {
                throw new AssertionError(requestsInProgress() + " requests in progress, not " + requests);
            }
            Thread.sleep(10);
        }
    }

    /** Of every port: nothing else asks the service anything meanwhile. */
    private double requestsInProgress() {
        return metrics.find("http.server.active.requests").gauges().stream().mapToDouble(Gauge::value).sum();
    }

    private Response promptly(Supplier<Response> request) throws Exception {
        return CompletableFuture.supplyAsync(request, clients).get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
    }

    /** A transaction holding the article table, so that every read of it waits until commit or close. */
    private static final class ArticleTableLock implements AutoCloseable {
        private final Connection connection;

        private ArticleTableLock(Connection connection) {
            this.connection = connection;
        }

        static ArticleTableLock take(AgroalDataSource dataSource) throws SQLException {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("lock table article in access exclusive mode");
                return new ArticleTableLock(connection);
            }
        }

        void setViewCount(String path, int views) throws SQLException {
            update("update article set view_count = ? where id = ?", views, path);
        }

        void setTitle(String path, String title) throws SQLException {
            update("update article set title = ? where id = ?", title, path);
        }

        private void update(String sql, Object value, String path) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setObject(1, value);
                update.setLong(2, Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
                update.executeUpdate();
            }
        }

        void commit() throws SQLException {
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
