package vn.cms.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/**
 * At most {@code cms.stats.rate-limit-per-minute} hits per visitor and per client address (an
 * IPv6 client by its /64, see {@link vn.cms.common.web.ClientAddress#limitKey}) in
 * each clock minute, so that one client cannot inflate the counters. Counted per instance in
 * memory (a hit must not cost a round trip); the counts of a minute are dropped when it ends.
 */
@ApplicationScoped
public class HitRateLimit {

    private final Clock clock;
    private final int perMinute;
    private long minute = Long.MIN_VALUE;
    private Map<Object, AtomicInteger> counts = new ConcurrentHashMap<>();

    HitRateLimit(Clock clock, CmsConfig config) {
        this.clock = clock;
        this.perMinute = config.stats().rateLimitPerMinute();
    }

    /** Counts the hit against both keys; 429 with Retry-After when either is over the limit. */
    void check(UUID visitor, String addressKey) {
        if (perMinute == 0) {
            return;
        }
        Instant now = clock.instant();
        Map<Object, AtomicInteger> counts = countsOf(now.getEpochSecond() / 60);
        int byVisitor = counts.computeIfAbsent(visitor, k -> new AtomicInteger()).incrementAndGet();
        int byAddress = counts.computeIfAbsent(addressKey, k -> new AtomicInteger()).incrementAndGet();
        if (byVisitor > perMinute || byAddress > perMinute) {
            long seconds = 60 - now.getEpochSecond() % 60;
            throw new ApiException(429, ApiException.ABOUT_BLANK, "Too Many Requests",
                    "More than " + perMinute + " hits a minute from this visitor or address; try again in "
                            + seconds + " seconds", null)
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }

    private synchronized Map<Object, AtomicInteger> countsOf(long currentMinute) {
        if (currentMinute != minute) {
            minute = currentMinute;
            counts = new ConcurrentHashMap<>();
        }
        return counts;
    }
}
