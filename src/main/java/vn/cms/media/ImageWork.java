package vn.cms.media;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/**
 * The bounds on decoding and encoding images, whose cost is the pixels' (a 40-megapixel photo
 * is 160 MB decoded): at most {@code cms.media.max-concurrent-images} at once on this instance,
 * each within {@code cms.media.processing-timeout}, past which its reader or writer is aborted.
 */
@ApplicationScoped
public class ImageWork {

    /** The work passed its time limit and was aborted. */
    static final class TooSlow extends Exception {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    /** Work that may be aborted at its deadline. */
    @FunctionalInterface
    interface Task<T> {
        T run(Deadline deadline) throws Exception;
    }

    /** A blocking step of the work (a read or a write). */
    @FunctionalInterface
    interface Step<T> {
        T run() throws java.io.IOException;
    }

    /** When the work must have ended; {@link #watch} aborts a step still running then. */
    final class Deadline {
        private final long endNanos;

        private Deadline(long endNanos) {
            this.endNanos = endNanos;
        }

        <T> T watch(Runnable abort, Step<T> step) throws java.io.IOException {
            long remaining = endNanos - System.nanoTime();
            ScheduledFuture<?> alarm = watchdog.schedule(abort, Math.max(0, remaining), TimeUnit.NANOSECONDS);
            try {
                return step.run();
            } finally {
                alarm.cancel(false);
            }
        }

        void check() throws TooSlow {
            if (System.nanoTime() - endNanos >= 0) {
                throw new TooSlow();
            }
        }
    }

    private final Semaphore permits;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ImageWork(CmsConfig config) {
        this.permits = new Semaphore(config.media().maxConcurrentImages(), true);
        this.timeout = config.media().processingTimeout();
    }

    /** Runs now if a turn is free, or 503 at once: a reader asking for a new variant retries shortly. */
    <T> T runIfFree(Task<T> task) throws Exception {
        if (!permits.tryAcquire()) {
            throw busy("Every image worker is busy making other variants; retry shortly");
        }
        return runHolding(task);
    }

    /** Waits for a turn up to the time limit (an upload has been received whole), then runs. */
    <T> T runWhenFree(Task<T> task) throws Exception {
        if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw busy("Every image worker stayed busy; retry the upload shortly");
        }
        return runHolding(task);
    }

    private <T> T runHolding(Task<T> task) throws Exception {
        try {
            return task.run(new Deadline(System.nanoTime() + timeout.toNanos()));
        } catch (TooSlow e) {
            throw busy("The image took longer than " + timeout.toSeconds() + " s to process; retry later");
        } finally {
            permits.release();
        }
    }

    private static ApiException busy(String detail) {
        return ApiException.unavailable(detail);
    }

    void stop(@Observes ShutdownEvent event) {
        watchdog.shutdownNow();
    }
}
