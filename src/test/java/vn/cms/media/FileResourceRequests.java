package vn.cms.media;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Counts the requests that reach {@link MediaFileResource}, to tell them from those answered before it. */
@Singleton
public class FileResourceRequests {

    private final AtomicLong count = new AtomicLong();

    @ServerRequestFilter
    public void count(ResourceInfo resource) {
        if (resource.getResourceClass() == MediaFileResource.class) {
            count.incrementAndGet();
        }
    }

    long count() {
        return count.get();
    }
}
