package vn.cms.media;

import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import vn.cms.common.config.CmsConfig;

/**
 * The local store, in which a test may hold the next request for a scratch file (the step
 * between decoding and encoding an image) until it lets go: work held there passes its time
 * limit without the test depending on how fast the machine decodes.
 */
@Alternative
@Priority(1)
@Singleton
public class HeldMediaStore extends LocalMediaStore {

    private volatile CountDownLatch held;
    private volatile CountDownLatch reached;

    HeldMediaStore(CmsConfig config) {
        super(config);
    }

    /** Holds the next scratchFile() until {@code release} is counted down; {@code reached} is counted down there. */
    void holdNextScratch(CountDownLatch reached, CountDownLatch release) {
        this.reached = reached;
        this.held = release;
    }

    @Override
    public Path scratchFile() throws IOException {
        CountDownLatch release = held;
        if (release != null) {
            held = null;
            reached.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return super.scratchFile();
    }
}
