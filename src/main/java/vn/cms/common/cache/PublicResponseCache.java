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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.zip.GZIPOutputStream;
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
 * stored under the old generation and never served. An entry's age counts from the moment its
 * build began. A hot entry is rebuilt ahead of its expiry: the first request for it after half
 * its lifetime rebuilds it while the others are still answered from it, so a response read
 * steadily is never waited for. Only when an entry has expired (or was dropped) do the requests
 * for it wait for the one request that builds it again.
 */
@ApplicationScoped
public class PublicResponseCache {

    /**
     * What a cached GET answers: the bytes and their Content-Type, their ETag, and the Link
     * headers of a page; and the bytes gzipped, made once on first demand, so that the clients
     * that take gzip (browsers, feed readers) cost no compression per request.
     */
    public static final class Entry {
        private final byte[] body;
        private final String contentType;
        private final String etag;
        private final List<String> links;
        private volatile byte[] gzipped;

        public Entry(byte[] body, String contentType, String etag, List<String> links) {
            this.body = body;
            this.contentType = contentType;
            this.etag = etag;
            this.links = links;
        }

        public byte[] body() {
            return body;
        }

        public String contentType() {
            return contentType;
        }

        public String etag() {
            return etag;
        }

        public List<String> links() {
            return links;
        }

        /** Two requests at once may both compress it: the same bytes, and cheaper than a lock. */
        public byte[] gzipped() {
            byte[] compressed = gzipped;
            if (compressed == null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
                try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                    gzip.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException("Memory streams do not fail", e);
                }
                compressed = out.toByteArray();
                gzipped = compressed;
            }
            return compressed;
        }
    }

    private record Key(long generation, String uri) {
    }

    /** An entry and the instants, on the ticker, from which it is rebuilt ahead and at which it expires. */
    private record Stored(Entry entry, long refreshAt, long expiresAt) {
    }

    /** What a public GET finds: a {@link Hit}, a {@link Build} of its own, or another's to {@link Wait} for. */
    public sealed interface Lookup permits Hit, Build, Wait {
    }

    /** Answer with this entry. */
    public record Hit(Entry entry) implements Lookup {
    }

    /** Another request is building the response: it completes with it, or with null when that one fails. */
    public record Wait(CompletableFuture<Entry> built) implements Lookup {
    }

    /**
     * This request builds the response (none is cached, or the cached one is due to be rebuilt
     * ahead): hand it back to {@link #put} or {@link #abandon}.
     */
    public static final class Build implements Lookup {
        private final Key key;
        private final Instant startedAt;
        private final CompletableFuture<Entry> done = new CompletableFuture<>();

        private Build(Key key, Instant startedAt) {
            this.key = key;
            this.startedAt = startedAt;
        }
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
    private final Ticker ticker;
    private final Cache<Key, Stored> entries;
    private final Map<Key, Build> building = new ConcurrentHashMap<>();
    private final LoadingCache<CountKey, Long> counts;
    private final Sql sql;

    PublicResponseCache(CmsConfig config, Clock clock, Sql sql, MeterRegistry metrics) {
        this.clock = clock;
        this.maxStalenessNanos = config.cache().maxStaleness().toNanos();
        this.ticker = () -> nanos(clock.instant());
        this.entries = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumWeight(config.cache().maxSize().asLongValue())
                .weigher((Key key, Stored stored) -> weight(key, stored.entry()))
                // On writing: a rebuilt entry replaces the old one with its own expiry.
                .expireAfter(Expiry.<Key, Stored>writing((key, stored) ->
                        Duration.ofNanos(Math.max(0, stored.expiresAt() - ticker.read()))))
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
                .expireAfter(Expiry.<CountKey, Long>writing((key, count) -> Duration.ofNanos(lifetimeNanos(clock.instant()))))
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

    /** How many times the cache was emptied: a number that changes whenever content does. */
    public long generation() {
        return generation.get();
    }

    /** What is cached under the URI now, or null; it claims no rebuild. */
    public Entry get(String uri) {
        Stored stored = enabled() ? entries.getIfPresent(new Key(generation.get(), uri)) : null;
        return stored == null ? null : stored.entry();
    }

    /** What a public GET of the URI (its canonical form) is to do; a {@link Build} must be put or abandoned. */
    public Lookup lookup(String uri) {
        Key key = new Key(generation.get(), uri);
        Stored stored = enabled() ? entries.getIfPresent(key) : null;
        Instant now = clock.instant();
        if (stored != null) {
            // Compared as a difference: the ticker's nanoseconds since 1970 wrap around after 2262.
            boolean refreshDue = nanos(now) - stored.refreshAt() >= 0;
            Build ahead = refreshDue && !building.containsKey(key) ? new Build(key, now) : null;
            return ahead != null && building.putIfAbsent(key, ahead) == null ? ahead : new Hit(stored.entry());
        }
        Build build = new Build(key, now);
        Build another = building.putIfAbsent(key, build);
        return another == null ? build : new Wait(another.done);
    }

    /** Keeps the built response, unless content changed since its build began, and hands it to those waiting. */
    public void put(Build build, Entry entry) {
        building.remove(build.key, build);
        if (enabled() && build.key.generation() == generation.get()) {
            long startedAt = nanos(build.startedAt);
            long lifetime = lifetimeNanos(build.startedAt);
            entries.put(build.key, new Stored(entry, startedAt + lifetime / 2, startedAt + lifetime));
        }
        build.done.complete(entry);
    }

    /** The request that was building this response ended without one (an error, say); harmless after put. */
    public void abandon(Build build) {
        building.remove(build.key, build);
        build.done.complete(null);
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

    /** The gzipped copy, if asked for, is reckoned at a third of the body: text and JSON compress to a fifth or less. */
    private static int weight(Key key, Entry entry) {
        long bytes = ENTRY_OVERHEAD + 2L * key.uri().length() + entry.body().length * 4L / 3 + entry.etag().length()
                + entry.links().stream().mapToLong(link -> 2L * link.length()).sum();
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** How long a response whose data is read from the instant on may be served. */
    private long lifetimeNanos(Instant from) {
        Instant next = nextPublication;
        if (next != null) {
            // Compared as a Duration: in nanoseconds, one 292 years away (publishedAt may be 9999) overflows.
            Duration untilPublication = Duration.between(from, next);
            if (untilPublication.compareTo(Duration.ZERO) > 0
                    && untilPublication.compareTo(Duration.ofNanos(maxStalenessNanos)) < 0) {
                return untilPublication.toNanos();
            }
        }
        return maxStalenessNanos;
    }

    /** The ticker's reading at the instant: only differences of two readings mean anything. */
    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
