package vn.cms.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/**
 * Accepts hits into memory and writes them every {@code cms.stats.flush-interval}, so a hit
 * costs no database round trip and a burst of thousands a second becomes a few statements.
 * A batch that fails to write is kept and retried first. While the database is down, at most
 * {@code cms.stats.max-pending-hits} wait in memory: past that a hit is refused (503) rather than
 * the heap growing without bound, and nothing already accepted is dropped. On a graceful shutdown
 * the last batch is written and later hits go straight to the database; a crash loses at most
 * the hits of one interval.
 */
@ApplicationScoped
public class HitRecorder {

    private static final Logger LOG = Logger.getLogger(HitRecorder.class);

    private final HitStore store;
    private final Duration visitGap;
    private final ZoneId zone;
    private final Object bufferLock = new Object();
    private final Object flushLock = new Object();
    private final Deque<HitBatch> unsaved = new ArrayDeque<>();
    private final int maxPending;
    private final Counter refused;
    /** Hits accepted and not yet written: those of {@link #current} and of {@link #unsaved}. */
    private int pending;
    private HitBatch current;
    private boolean closed;

    HitRecorder(HitStore store, CmsConfig config, MeterRegistry metrics) {
        this.store = store;
        this.visitGap = config.stats().visitGap();
        this.zone = config.site().timezone();
        this.maxPending = config.stats().maxPendingHits();
        this.current = newBatch();
        this.refused = metrics.counter("cms.stats.hits.refused");
        metrics.gauge("cms.stats.hits.pending", this, recorder -> recorder.pending());
    }

    /** Keeps the hit for the next write; a 503 when {@code cms.stats.max-pending-hits} are already waiting. */
    void record(Hit hit) {
        synchronized (bufferLock) {
            if (!closed) {
                if (pending >= maxPending) {
                    refused.increment();
                    throw ApiException.unavailable("Page views cannot be saved at the moment; try again shortly");
                }
                current.add(hit);
                pending++;
                return;
            }
        }
        HitBatch single = newBatch();
        single.add(hit);
        store.save(single);
    }

    /** Writes every hit accepted so far; throws when the database refuses (the hits stay). */
    void flush() {
        synchronized (flushLock) {
            synchronized (bufferLock) {
                if (!current.isEmpty()) {
                    unsaved.addLast(current);
                    current = newBatch();
                }
            }
            while (!unsaved.isEmpty()) {
                HitBatch saved = unsaved.peekFirst();
                store.save(saved);
                unsaved.removeFirst();
                synchronized (bufferLock) {
                    pending -= saved.size();
                }
            }
        }
    }

    @Scheduled(every = "${cms.stats.flush-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushOnSchedule() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Visit statistics not written yet, retrying next time: %s", e.getMessage());
        }
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        close();
    }

    /** Writes what is pending; hits recorded afterwards are written one by one as they come. */
    void close() {
        synchronized (bufferLock) {
            closed = true;
        }
        flush();
    }

    private int pending() {
        synchronized (bufferLock) {
            return pending;
        }
    }

    private HitBatch newBatch() {
        return new HitBatch(visitGap, zone);
    }
}
