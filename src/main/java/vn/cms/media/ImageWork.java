package vn.cms.media;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.MemorySize;
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
 * The bounds on decoding and encoding images, whose cost is the pixels': CPU, at most
 * {@code cms.media.max-concurrent-images} images at once on this instance; memory, at most
 * {@code cms.media.memory-budget} bytes of the heap held by image work at once, each image
 * weighed before decoding (see {@link ImageMemory}); and time, each within
 * {@code cms.media.processing-timeout}, past which its reader or writer is aborted.
 */
@ApplicationScoped
public class ImageWork {

    /** The memory semaphore counts in KiB, so that budgets beyond 2 GB fit its int permits. */
    private static final int KIB = 1024;

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
    private final Semaphore memory;
    private final long budget;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "media-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ImageWork(CmsConfig config, MeterRegistry registry) {
        this.permits = new Semaphore(config.media().maxConcurrentImages(), true);
        this.budget = config.media().memoryBudget().map(MemorySize::asLongValue)
                .orElse(Runtime.getRuntime().maxMemory() / 2);
        this.memory = new Semaphore(kib(budget), true);
        this.timeout = config.media().processingTimeout();
        Gauge.builder("cms.media.images.waiting", this, work -> work.permits.getQueueLength() + work.memory.getQueueLength())
                .description("Uploads waiting for a turn to be processed").register(registry);
        Gauge.builder("cms.media.memory.reserved", this, work -> (double) (kib(work.budget) - work.memory.availablePermits()) * KIB)
                .description("Bytes of heap reserved by image work in progress (of cms.media.memory-budget)")
                .baseUnit("bytes").register(registry);
    }

    /** Whether work needing {@code bytes} of heap can ever run here: within cms.media.memory-budget. */
    boolean fits(long bytes) {
        return kib(bytes) <= kib(budget);
    }

    long budget() {
        return budget;
    }

    /**
     * Runs now if a turn and {@code bytes} of heap are free, or 503 at once: a reader asking for a
     * new variant retries shortly.
     */
    <T> T runIfFree(long bytes, Task<T> task) throws Exception {
        int reserved = reservable(bytes);
        if (!permits.tryAcquire()) {
            throw busy("Every image worker is busy making other variants; retry shortly");
        }
        if (!memory.tryAcquire(reserved)) {
            permits.release();
            throw busy("The memory for image work is taken by other images; retry shortly");
        }
        return runHolding(reserved, task);
    }

    /**
     * Waits for a turn and {@code bytes} of heap up to the time limit (an upload has been
     * received whole), then runs.
     */
    <T> T runWhenFree(long bytes, Task<T> task) throws Exception {
        int reserved = reservable(bytes);
        long end = System.nanoTime() + timeout.toNanos();
        if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw busy("Every image worker stayed busy; retry the upload shortly");
        }
        if (!memory.tryAcquire(reserved, end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            permits.release();
            throw busy("The memory for image work stayed taken by other images; retry the upload shortly");
        }
        return runHolding(reserved, task);
    }

    private int reservable(long bytes) {
        if (!fits(bytes)) {
            throw new IllegalArgumentException(bytes + " bytes is more than the budget of " + budget);
        }
        return kib(bytes);
    }

    private <T> T runHolding(int reserved, Task<T> task) throws Exception {
        try {
            return task.run(new Deadline(System.nanoTime() + timeout.toNanos()));
        } catch (TooSlow e) {
            throw busy("The image took longer than " + timeout.toMillis() + " ms to process; retry later");
        } finally {
            memory.release(reserved);
            permits.release();
        }
    }

    private static int kib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + KIB - 1) / KIB);
    }

    private static ApiException busy(String detail) {
        return ApiException.unavailable(detail);
    }

    void stop(@Observes ShutdownEvent event) {
        watchdog.shutdownNow();
    }
}
