package vn.cms.media;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.coobird.thumbnailator.Thumbnails;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/**
 * The files readers get: originals, and variants made on first request and kept. Requests on
 * this instance for a variant being made wait for it instead of making it again.
 */
@ApplicationScoped
public class MediaFiles {

    /** Heap for the most asked-for small files (a 640-px WebP is about 20 KB). */
    static final long IN_MEMORY_BYTES = 16L * 1024 * 1024;
    static final int IN_MEMORY_MAX_FILE = 256 * 1024;
    static final Duration IN_MEMORY_FOR = Duration.ofMinutes(1);

    private final MediaStore store;
    private final ImageWork work;
    private final Duration timeout;
    private final Counter made;
    private final ConcurrentHashMap<String, CompletableFuture<Path>> inMaking = new ConcurrentHashMap<>();
    /** By store key. */
    private final Cache<String, byte[]> inMemory = Caffeine.newBuilder().maximumWeight(IN_MEMORY_BYTES)
            .weigher((String key, byte[] bytes) -> bytes.length).expireAfterWrite(IN_MEMORY_FOR).build();

    MediaFiles(MediaStore store, ImageWork work, CmsConfig config, MeterRegistry registry) {
        this.store = store;
        this.work = work;
        this.timeout = config.media().processingTimeout();
        this.made = Counter.builder("cms.media.variants.made").description("Image variants made and kept")
                .register(registry);
    }

    /** The path of a media item's original, as the API writes it. */
    public static String path(long mediaId) {
        return "/api/v1/media/" + mediaId + "/file";
    }

    /**
     * The bytes of a small kept file held in memory, to be sent without touching the disk; null
     * when not held. Files never change under their name; a deletion on this instance forgets
     * them at once, one on another instance after {@link #IN_MEMORY_FOR} at most.
     */
    byte[] inMemory(long mediaId, Variant plain) {
        return inMemory.getIfPresent(plain.key(mediaId, null));
    }

    void holdInMemory(long mediaId, Variant plain, byte[] bytes) {
        if (bytes.length <= IN_MEMORY_MAX_FILE) {
            inMemory.put(plain.key(mediaId, null), bytes);
        }
    }

    /** Forgets what is held in memory of a deleted media item. */
    void forget(long mediaId) {
        String directory = mediaId + "/";
        inMemory.asMap().keySet().removeIf(key -> key.startsWith(directory));
    }

    /** A plain variant (not a crop) that is kept already: found without reading the media row. */
    Optional<Path> kept(long mediaId, Variant plain) {
        return store.find(plain.key(mediaId, null));
    }

    Path original(MediaRow media) {
        return store.find(media.originalKey())
                .orElseThrow(() -> new IllegalStateException("The original of media " + media.id() + " is missing"));
    }

    /** The variant, made now when it is not kept yet (once, however many ask at the same time). */
    Path variant(MediaRow media, Variant variant) {
        String key = variant.key(media.id(), media.focalPointOrCentre());
        Optional<Path> kept = store.find(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> other = inMaking.putIfAbsent(key, mine);
        if (other != null) {
            return await(other);
        }
        try {
            // Another request may have finished it between the look and the claim.
            Path path = store.find(key).isPresent() ? store.find(key).get() : make(media, variant, key);
            mine.complete(path);
            return path;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inMaking.remove(key, mine);
        }
    }

    /** How a variant's original is decoded: every {@code subsampling}-th pixel, needing {@code memory} bytes. */
    private record Decoding(int subsampling, long memory) {
    }

    private Path make(MediaRow media, Variant variant, String key) {
        Path original = original(media);
        Variant.Plan plan = variant.plan(media);
        try {
            Decoding decoding = decoding(ImageCodec.header(original, media.format()), plan, variant.format());
            return work.runIfFree(decoding.memory(), deadline -> {
                BufferedImage decoded = ImageCodec.decode(original, media.format(), decoding.subsampling(), deadline);
                double scale = (double) decoded.getWidth() / media.width();
                int x = Math.min(decoded.getWidth() - 1, (int) Math.floor(plan.x() * scale));
                int y = Math.min(decoded.getHeight() - 1, (int) Math.floor(plan.y() * scale));
                int regionWidth = Math.max(1, Math.min(decoded.getWidth() - x, (int) Math.round(plan.regionWidth() * scale)));
                int regionHeight = Math.max(1, Math.min(decoded.getHeight() - y, (int) Math.round(plan.regionHeight() * scale)));
                BufferedImage image = Thumbnails.of(decoded).sourceRegion(x, y, regionWidth, regionHeight)
                        .forceSize(plan.width(), plan.height()).asBufferedImage();
                Path scratch = store.scratchFile();
                try {
                    try (OutputStream out = Files.newOutputStream(scratch)) {
                        ImageCodec.encode(image, variant.format(), variant.quality(), out, deadline);
                    }
                    store.put(key, scratch);
                } finally {
                    Files.deleteIfExists(scratch);
                }
                made.increment();
                return store.find(key).orElseThrow();
            });
        } catch (ApiException | IllegalStateException e) {
            throw e;
        } catch (ImageCodec.UnreadableImage | IOException e) {
            throw new IllegalStateException("A variant of media " + media.id() + " could not be made", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decoding every n-th pixel leaves at least twice the pixels needed, for a sharp downscale;
     * when that does not fit cms.media.memory-budget, fewer (never fewer than the variant's own).
     */
    private Decoding decoding(ImageCodec.Header header, Variant.Plan plan, ImageFormat format) {
        int finest = Math.max(1, plan.regionWidth() / (plan.width() * 2));
        int coarsest = Math.max(finest, plan.regionWidth() / plan.width());
        for (int subsampling = finest; subsampling <= coarsest; subsampling++) {
            long memory = ImageMemory.variant(header, subsampling, ceilDiv(plan.regionWidth(), subsampling),
                    ceilDiv(plan.regionHeight(), subsampling), plan.width(), plan.height(), format);
            if (work.fits(memory)) {
                return new Decoding(subsampling, memory);
            }
        }
        throw ApiException.invalid("w", "a variant " + plan.width() + " × " + plan.height() + " of this "
                + header.width() + " × " + header.height() + " image needs more memory to make than the "
                + MediaLibrary.megabytes(work.budget()) + " MB this instance gives image work (cms.media.memory-budget)");
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }

    private Path await(CompletableFuture<Path> making) {
        try {
            return making.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.unavailable("The variant is still being made; retry shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while the variant was made; retry");
        }
    }
}
