package vn.cms.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.cms.article.ArticleQueries;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.common.config.CmsConfig;
import vn.cms.stats.StatsQueries;

/**
 * The live events of this instance ({@code GET /api/v1/events}). One {@link ChangeLogFollower}
 * reads the change log for the whole instance and tells the read cache and every subscriber
 * of what it read; the counter is computed once per {@code cms.events.stats-interval} and sent
 * to all. Each subscriber has a buffer of {@code cms.events.max-pending} events: one that does
 * not read that fast is dropped (its stream fails), so a slow client never costs unbounded
 * memory.
 * <p>
 * A subscriber that resumes from a position is sent the rows between it and the follower's
 * position while the follower waits, and joins the live stream right there: nothing is missed
 * or sent twice at the seam, whichever instance the client was on before.
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    /** How often the clock is looked at for the counter and heartbeats. */
    private static final long TICK_MILLIS = 100;
    /** Events beyond max-pending a stream may hold: the counter sent on connecting. */
    private static final int FIRST_STATS = 1;

    private final AgroalDataSource dataSource;
    private final ChangeLog log;
    private final StatsQueries stats;
    private final ArticleQueries articles;
    private final PublicResponseCache cache;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final CmsConfig.Events settings;
    private final Set<MultiEmitter<? super LiveEvent>> subscribers = ConcurrentHashMap.newKeySet();
    private final Object statsLock = new Object();
    private ChangeLogFollower follower;
    private ScheduledExecutorService ticker;
    /** Where the follower stands: what every live subscriber has been sent. Guarded by this. */
    private LogPosition position;
    private LiveEvent latestStats;
    private Instant latestStatsAt;
    private Instant lastHeartbeatAt;

    LiveEvents(AgroalDataSource dataSource, ChangeLog log, StatsQueries stats, ArticleQueries articles, PublicResponseCache cache,
               ObjectMapper json, Clock clock, CmsConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.log = log;
        this.stats = stats;
        this.articles = articles;
        this.cache = cache;
        this.json = json;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.settings = config.events();
        Gauge.builder("cms.events.subscribers", subscribers, Set::size)
                .description("Clients of GET /api/v1/events connected to this instance")
                .register(metrics);
    }

    void start(@Observes StartupEvent start) {
        follower = new ChangeLogFollower(dataSource, log, clock, settings.maxPending(), this::moved);
        synchronized (this) {
            position = follower.start("change-log-follower");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-events-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (follower != null) {
            follower.stop();
        }
        subscribers.forEach(MultiEmitter::complete);
    }

    /** Whether this instance takes no more subscribers ({@code cms.events.max-subscribers}). */
    boolean full() {
        return subscribers.size() >= settings.maxSubscribers();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Where this instance's follower stands. */
    synchronized LogPosition position() {
        return position;
    }

    /**
     * The events of one client: the counter, then (when resuming) what it missed since
     * {@code resumeFrom}, then everything live. Subscribing reads the database, so it runs on
     * a worker thread.
     */
    Multi<LiveEvent> subscribe(LogPosition resumeFrom) {
        return Multi.createFrom().<LiveEvent>emitter(emitter -> attach(emitter, resumeFrom),
                        settings.maxPending() + FIRST_STATS)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void attach(MultiEmitter<? super LiveEvent> emitter, LogPosition resumeFrom) {
        emitter.onTermination(() -> subscribers.remove(emitter));
        emitter.emit(currentStats());
        synchronized (this) {
            if (resumeFrom != null) {
                replay(emitter, resumeFrom);
            }
            subscribers.add(emitter);
        }
    }

    /** Called with this locked, so that the follower moves on only once the replay is sent. */
    private void replay(MultiEmitter<? super LiveEvent> emitter, LogPosition from) {
        if (from.id() > position.id()) {
            emitter.emit(reset("unknown-position"));
        } else if (from.time().isBefore(clock.instant().minus(log.retention()))) {
            emitter.emit(reset("expired"));
        } else {
            events(log.between(from, position, settings.maxPending())).forEach(emitter::emit);
        }
    }

    /** The follower moved: the cache drops what it holds, every subscriber is sent the rows. */
    private void moved(LogWindow window, Instant nextScheduled) {
        try {
            cache.nextPublication(nextScheduled);
            if (!window.complete() || !window.entries().isEmpty()) {
                cache.invalidateAll();
            }
            List<LiveEvent> events = events(window);
            synchronized (this) {
                position = window.to();
                for (MultiEmitter<? super LiveEvent> subscriber : subscribers) {
                    events.forEach(subscriber::emit);
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Live events of a change log window were not sent");
        }
    }

    private List<LiveEvent> events(LogWindow window) {
        if (!window.complete()) {
            return List.of(reset("too-many-changes", window.to()));
        }
        List<LiveEvent> events = new ArrayList<>(window.entries().size());
        for (int i = 0; i < window.entries().size(); i++) {
            ChangeLog.Entry entry = window.entries().get(i);
            if (entry.scheduled() && entry.visible() && entry.type() == ChangeLog.EntityType.ARTICLE
                    && !articles.isPublic(entry.entityId())) {
                // Withdrawn before its time without a later row: nothing reached public view.
                continue;
            }
            ContentEvent data = new ContentEvent(entry.type().column(), entry.entityId(),
                    entry.visible() ? "upsert" : "delete", entry.visibleAt().atZone(zone).toOffsetDateTime());
            events.add(new LiveEvent("content", window.positionAfter(i).text(), write(data)));
        }
        return events;
    }

    /** Called with this locked. */
    private LiveEvent reset(String reason) {
        return reset(reason, position);
    }

    private LiveEvent reset(String reason, LogPosition at) {
        return new LiveEvent("reset", at.text(), write(Map.of("reason", reason)));
    }

    private void tick() {
        try {
            if (subscribers.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            if (due(latestStatsAt, now, settings.statsInterval())) {
                LiveEvent counter = currentStats();
                subscribers.forEach(subscriber -> subscriber.emit(counter));
            }
            if (due(lastHeartbeatAt, now, settings.heartbeatInterval())) {
                lastHeartbeatAt = now;
                subscribers.forEach(subscriber -> subscriber.emit(LiveEvent.HEARTBEAT));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Live events missed a tick: %s", e.getMessage());
        }
    }

    /** The counter, computed again only once per stats interval however many ask. */
    private LiveEvent currentStats() {
        synchronized (statsLock) {
            Instant now = clock.instant();
            if (latestStats == null || due(latestStatsAt, now, settings.statsInterval())) {
                latestStats = new LiveEvent("stats", null, write(StatsEvent.of(stats.siteStats())));
                latestStatsAt = now;
            }
            return latestStats;
        }
    }

    /** Whether an interval has passed since {@code last}; also when the clock went back before it. */
    private static boolean due(Instant last, Instant now, Duration interval) {
        return last == null || !now.isBefore(last.plus(interval)) || now.isBefore(last);
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be written as JSON", e);
        }
    }
}
