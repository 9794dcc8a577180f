package vn.cms.stats;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.context.ManagedExecutor;
import vn.cms.article.ArticleQueries;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.ClientAddress;
import vn.cms.common.web.JsonBodies;

/**
 * Takes a page-view beacon from the wire to the recorder: a malformed or invalid body is a 400,
 * a client over its rate a 429, a crawler is answered but not counted, and a hit on an article
 * that is not public is a 400. Nothing here waits for the database except the first hit on an
 * article id, whose verdict is then remembered for a while.
 */
@ApplicationScoped
public class HitIntake {

    /** How long "this article is public" is believed; a "no" is rechecked sooner. */
    private static final Duration PUBLIC_FOR = Duration.ofSeconds(60);
    private static final Duration NOT_PUBLIC_FOR = Duration.ofSeconds(5);

    private final Validator validator;
    private final VisitorIdentity visitors;
    private final HitRateLimit rateLimit;
    private final Bots bots;
    private final HitRecorder recorder;
    private final Clock clock;
    private final AsyncLoadingCache<Long, Boolean> publicArticles;
    private final Counter counted;
    private final Counter fromBots;

    HitIntake(Validator validator, VisitorIdentity visitors, HitRateLimit rateLimit, Bots bots,
              HitRecorder recorder, ArticleQueries articles, Clock clock, MeterRegistry metrics,
              ManagedExecutor workers) {
        this.validator = validator;
        this.visitors = visitors;
        this.rateLimit = rateLimit;
        this.bots = bots;
        this.recorder = recorder;
        this.clock = clock;
        this.publicArticles = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<Long, Boolean>writing((id, isPublic) -> isPublic ? PUBLIC_FOR : NOT_PUBLIC_FOR))
                .executor(workers)
                .buildAsync(articles::isPublic);
        // Accepted hits by outcome: what the counters must add up to (the benchmark checks it).
        this.counted = metrics.counter("cms.stats.hits", "outcome", "counted");
        this.fromBots = metrics.counter("cms.stats.hits", "outcome", "bot");
    }

    /**
     * Records the hit unless it comes from a crawler. Runs on the event loop: only an article id
     * not seen lately is looked up, on a worker thread, and the answer waits for it.
     */
    CompletionStage<Void> accept(byte[] body, String address, String userAgent) {
        HitInput input = JsonBodies.optional(body, HitInput.class);
        if (input == null) {
            throw ApiException.invalid("body", "must be a JSON object with at least 'path'");
        }
        Set<ConstraintViolation<HitInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Instant now = clock.instant();
        UUID visitor = visitors.of(input.visitorId(), address, userAgent, now);
        rateLimit.check(visitor, ClientAddress.limitKey(address));
        if (bots.isBot(userAgent)) {
            fromBots.increment();
            return CompletableFuture.completedFuture(null);
        }
        Hit hit = new Hit(visitor, input.articleId(), now);
        if (input.articleId() == null) {
            record(hit);
            return CompletableFuture.completedFuture(null);
        }
        return publicArticles.get(input.articleId()).thenCompose(isPublic -> {
            if (!isPublic) {
                return CompletableFuture.failedFuture(ApiException.invalid("articleId",
                        "no published article has the id " + input.articleId()));
            }
            record(hit);
            return CompletableFuture.completedFuture(null);
        });
    }

    private void record(Hit hit) {
        recorder.record(hit);
        counted.increment();
    }
}
