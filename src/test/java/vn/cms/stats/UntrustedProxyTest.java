package vn.cms.stats;

import static vn.cms.testing.Hits.page;
import static vn.cms.testing.Hits.send;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

/** X-Forwarded-For counts only from a configured proxy; anyone else is limited by its own address. */
@QuarkusTest
@TestProfile(UntrustedProxyTest.AnotherProxy.class)
class UntrustedProxyTest {

    /** The only trusted proxy is some other host, not the test client on loopback. */
    public static class AnotherProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "192.0.2.1");
        }
    }

    @Inject
    TestClock clock;

    @Test
    void aClientCannotEscapeTheRateLimitByClaimingOtherAddresses() {
        clock.set(OffsetDateTime.parse("2031-06-02T08:00:10+07:00").toInstant());
        for (int i = 0; i < 20; i++) {
            send(page("/", null, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER).statusCode(202);
        }
        send(page("/", null, UUID.randomUUID().toString()), Hits.newAddress(), Hits.BROWSER).statusCode(429);
    }
}
