package vn.cms.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;

/**
 * Serialised public GET responses of this instance, so that a read answered a moment ago is
 * answered again without a query. Never stale beyond {@code cms.cache.max-staleness}:
 * <ul>
 * <li>every entry expires after that long (what bounds values that change with time or with
 * traffic alone, such as onlineNow and view counts: a view-count flush drops nothing),</li>
 * <li>or at the next scheduled publication, so that a scheduled article appears on time,</li>
 * <li>and all entries are dropped as soon as a change to content is committed: by this instance
 * (a {@link ContentChanged} event at commit, so a writer reads its write) or by another (this
 * instance's follower of the change log reads it, see {@code vn.cms.sync.LiveEvents}).</li>
 * </ul>
 * Time is the injected {@link Clock}'s, expiry included.
 * Entries are weighed by their bytes ({@code cms.cache.max-size}), keyed by the canonical form
 * of their URI.
 * Dropping is a generation number in the key: a response being built while data changed is
 * stored under the old generation and never served. When an entry expires under load, one
 * request builds it again and the others asking for it meanwhile wait for that one.
 */
@ApplicationScoped
public class PublicResponseCache {

    /** What a cached GET answers: the bytes and their Content-Type, their ETag, and the Link headers of a page. */
    public record Entry(byte[] body, String contentType, String etag, List<String> links) {
    }

    private record Key(long generation, String uri) {
    }

    /** A count query without its first parameter, the "now" that every public read passes. */
    private record CountKey(long generation, String sql, Object[] otherParams) {
        @Override
        public boolean equals(Object other) {
            return other instanceof CountKey key && key.generation == generation && key.sql.equals(sql)
                    && Arrays.deepEquals(key.otherParams, otherParams);
        }

        @Override
        public int hashCode() {
            return Objects.hash(generation, sql, Arrays.deepHashCode(otherParams));
        }
    }

    /** Distinct filters whose totals are kept; each is a few dozen bytes. */
    private static final int MAX_COUNTS = 10_000;
    /** What an entry costs beyond its bytes: key, record, headers, the map's own node. */
    private static final int ENTRY_OVERHEAD = 200;

    private final Clock clock;
    private final long maxStalenessNanos;
    private final AtomicLong generation = new AtomicLong();
    private volatile Instant nextPublication;
    private final Cache<Key, Entry> entries;
    private final Map<Key, CompletableFuture<Entry>> building = new ConcurrentHashMap<>();
    private final LoadingCache<CountKey, Long> counts;
    private final Sql sql;

    PublicResponseCache(CmsConfig config, Clock clock, Sql sql, MeterRegistry metrics) {
        this.clock = clock;
        this.maxStalenessNanos = config.cache().maxStaleness().toNanos();
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(config.cache().maxSize().asLongValue())
                .weigher((Key key, Entry entry) -> weight(key, entry))
                .expireAfter(Expiry.<Key, Entry>creating((key, entry) -> Duration.ofNanos(lifetimeNanos())))
                .build();
        this.sql = sql;
        Gauge.builder("cms.cache.bytes", entries, e -> e.policy().eviction().orElseThrow().weightedSize().orElse(0))
                .description("Bytes of public responses kept in memory (weighed as cms.cache.max-size counts them)")
                .register(metrics);
        // Refreshed in the background once half their lifetime has passed, so that a count asked
        // for steadily (totalItems of a busy list) is never computed while a reader waits.
        this.counts = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(MAX_COUNTS)
                .expireAfter(Expiry.<CountKey, Long>writing((key, count) -> Duration.ofNanos(lifetimeNanos())))
                .refreshAfterWrite(Duration.ofNanos(Math.max(1, maxStalenessNanos / 2)))
                .build(key -> count(key.sql(), key.otherParams()));
    }

    /**
     * The count of rows that {@code query} finds, whose first parameter is the present instant,
     * kept like a public response: never older than the maximum staleness, dropped by any change.
     */
    public long count(String query, List<Object> params) {
        if (!enabled()) {
            return sql.count(query, params);
        }
        return counts.get(new CountKey(generation.get(), query, params.subList(1, params.size()).toArray()));
    }

    private long count(String query, Object[] otherParams) {
        List<Object> params = new ArrayList<>(otherParams.length + 1);
        params.add(clock.instant());
        params.addAll(Arrays.asList(otherParams));
        return sql.count(query, params);
    }

    public boolean enabled() {
        return maxStalenessNanos > 0;
    }

    /** The generation a request starts in; pass it back to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    public Entry get(String uri) {
        return enabled() ? entries.getIfPresent(new Key(generation.get(), uri)) : null;
    }

    /**
     * For a request that found nothing cached: null when it is to build the response itself
     * (then {@link #put} or {@link #abandon} must follow), otherwise the response another
     * request of the same generation is building (null when that one fails).
     */
    public CompletableFuture<Entry> buildOrJoin(long startedIn, String uri) {
        return building.putIfAbsent(new Key(startedIn, uri), new CompletableFuture<>());
    }

    public void put(long startedIn, String uri, Entry entry) {
        Key key = new Key(startedIn, uri);
        if (enabled() && startedIn == generation.get()) {
            entries.put(key, entry);
        }
        CompletableFuture<Entry> waiting = building.remove(key);
        if (waiting != null) {
            waiting.complete(entry);
        }
    }

    /** The request that was building this response ended without one (an error, say). */
    public void abandon(long startedIn, String uri) {
        CompletableFuture<Entry> waiting = building.remove(new Key(startedIn, uri));
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    void contentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        invalidateAll();
    }

    /** Content changed: no response or count cached so far may be served again. */
    public void invalidateAll() {
        generation.incrementAndGet();
        counts.invalidateAll();
        entries.invalidateAll();
    }

    /** The next instant a scheduled article turns public, or null when none is scheduled. */
    public void nextPublication(Instant next) {
        nextPublication = next;
    }

    private static int weight(Key key, Entry entry) {
        long bytes = ENTRY_OVERHEAD + 2L * key.uri().length() + entry.body().length + entry.etag().length()
                + entry.links().stream().mapToLong(link -> 2L * link.length()).sum();
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private long lifetimeNanos() {
        Instant next = nextPublication;
        if (next != null) {
            // Compared as a Duration: in nanoseconds, one 292 years away (publishedAt may be 9999) overflows.
            Duration untilPublication = Duration.between(clock.instant(), next);
            if (untilPublication.compareTo(Duration.ZERO) > 0
                    && untilPublication.compareTo(Duration.ofNanos(maxStalenessNanos)) < 0) {
                return untilPublication.toNanos();
            }
        }
        return maxStalenessNanos;
    }
}
