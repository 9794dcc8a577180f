package vn.cms.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.cms.common.cache.ContentChanged;
import vn.cms.common.config.CmsConfig;

/**
 * Each instance's delivery loop: every poll, and at once after a content change commits here,
 * it dispatches the change log into deliveries and gives each endpoint with a due delivery a turn
 * on one of {@code cms.webhooks.max-concurrency} threads. An endpoint has at most one turn at a
 * time, so a slow receiver holds one thread and never the others' deliveries. Passes run one at a
 * time on one thread (a pass that ran beside another would find the dispatch cursor locked and
 * miss a change until the next poll), and a pass that finds an endpoint in its turn has it take
 * another turn after this one (the running turn may have read its queue before the new delivery).
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

    private final WebhookDispatcher dispatcher;
    private final WebhookSender sender;
    private final int maxConcurrency;
    private final boolean background;
    private final ExecutorService turns;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(daemon("webhook-wakeup"));
    private final AtomicBoolean wakeupQueued = new AtomicBoolean();
    private final Set<Long> inTurn = ConcurrentHashMap.newKeySet();
    /** Endpoints asked for a turn since their current one started. */
    private final Set<Long> turnAgain = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();

    @Inject
    WebhookWorker(WebhookDispatcher dispatcher, WebhookSender sender, CmsConfig config) {
        this(dispatcher, sender, config.webhooks().maxConcurrency(), config.webhooks().deliver());
    }

    /** {@code background}: runs on its own (polls and wakeups); otherwise only when {@link #run()} is called. */
    WebhookWorker(WebhookDispatcher dispatcher, WebhookSender sender, int maxConcurrency, boolean background) {
        this.background = background;
        this.dispatcher = dispatcher;
        this.sender = sender;
        this.maxConcurrency = maxConcurrency;
        this.turns = Executors.newFixedThreadPool(maxConcurrency, daemon("webhook-sender"));
    }

    @Scheduled(every = "${cms.webhooks.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wakeUp();
    }

    void contentChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentChanged change) {
        wakeUp();
    }

    /** Queues a pass on the pass thread, unless one is queued already (a running one does not count). */
    void wakeUp() {
        if (background && wakeupQueued.compareAndSet(false, true)) {
            try {
                wakeups.execute(() -> {
                    wakeupQueued.set(false);
                    run();
                });
            } catch (RejectedExecutionException shuttingDown) {
                wakeupQueued.set(false);
            }
        }
    }

    /**
     * Dispatches what came due and starts the turns there are threads for, after each dispatch
     * pass: the first deliveries of a bulk change go out while the rest are being made.
     */
    public void run() {
        try {
            boolean dispatched;
            do {
                dispatched = dispatcher.dispatch();
                int free = maxConcurrency - busy.get();
                if (free > 0) {
                    sender.dueEndpoints(free).forEach(this::startTurn);
                }
            } while (!dispatched);
        } catch (RuntimeException e) {
            LOG.warn("Webhook pass failed; the next poll tries again", e);
        }
    }

    private void startTurn(long endpointId) {
        // Asked first, then claimed: a turn ending in between sees the request and starts again.
        turnAgain.add(endpointId);
        if (!inTurn.add(endpointId)) {
            return;
        }
        busy.incrementAndGet();
        try {
            turns.execute(() -> {
                try {
                    while (turnAgain.remove(endpointId)) {
                        while (sender.turn(endpointId)) {
                            // a full turn went through: more may be due
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Webhook turn of endpoint %d failed; the next poll tries again", endpointId);
                } finally {
                    inTurn.remove(endpointId);
                    busy.decrementAndGet();
                }
                if (turnAgain.contains(endpointId)) {
                    startTurn(endpointId);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            inTurn.remove(endpointId);
            busy.decrementAndGet();
        }
    }

    @PreDestroy
    void stop() {
        wakeups.shutdownNow();
        turns.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
