package vn.cms.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import vn.cms.common.cache.PublicResponseCache;

/**
 * The service's clock in tests: the real time unless a test stops it at an instant of its
 * choosing; it is reset after every test (RealTimeAfterEachTest). Moving it forward is time
 * passing: cached responses expire by it. Moving it back would make them live longer than they
 * may, so the public response cache is then emptied.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final PublicResponseCache publicResponses;
    private volatile Instant fixed;

    TestClock(PublicResponseCache publicResponses) {
        this.publicResponses = publicResponses;
    }

    public synchronized void set(Instant instant) {
        Instant before = instant();
        fixed = instant;
        if (instant().isBefore(before)) {
            publicResponses.invalidateAll();
        }
    }

    public void advance(Duration by) {
        set(instant().plus(by));
    }

    public void reset() {
        set(null);
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now == null ? Instant.now() : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service reads instants only");
    }
}
