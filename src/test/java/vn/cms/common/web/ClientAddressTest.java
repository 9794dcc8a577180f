package vn.cms.common.web;

import static vn.cms.testing.Hits.page;
import static vn.cms.testing.Hits.send;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

/**
 * The client address that limits count (behind the test's trusted proxy on loopback, which
 * appends the address it saw to X-Forwarded-For). The test profile allows 20 hits a minute.
 */
@QuarkusTest
class ClientAddressTest {

    @Inject
    TestClock clock;

    private static void hit(String forwardedFor, int expectedStatus) {
        send(page("/", null, UUID.randomUUID().toString()), forwardedFor, Hits.BROWSER).statusCode(expectedStatus);
    }

    @Test
    void aClientThatPrependsForgedAddressesStaysLimited() {
        clock.set(OffsetDateTime.parse("2031-06-03T08:00:05+07:00").toInstant());
        String client = Hits.newAddress();
        for (int i = 0; i < 20; i++) {
            hit(Hits.newAddress() + ", " + client, 202);
        }
        hit(Hits.newAddress() + ", " + Hits.newAddress() + "," + client, 429);
        hit("not-an-address, " + client, 429);
        // A trusted proxy's own address in the chain is skipped.
        hit(Hits.newAddress() + ", " + client + ", 127.0.0.1", 429);
        hit(client, 429);
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareALimitAndOtherSlash64sDoNot() {
        clock.set(OffsetDateTime.parse("2031-06-03T08:01:05+07:00").toInstant());
        for (int i = 0; i < 10; i++) {
            hit("2001:db8:aa:1::" + Integer.toHexString(i + 1), 202);
            hit("2001:db8:aa:1:" + Integer.toHexString(0x1000 + i) + "::7", 202);
        }
        hit("2001:db8:aa:1:ffff:ffff:ffff:ffff", 429);
        hit("[2001:db8:aa:1::abcd]", 429);
        hit("2001:db8:aa:2::1", 202);
        hit("2001:db8:ab:1::1", 202);
    }

    @Test
    void ipv4AddressesAreLimitedOneByOne() {
        clock.set(OffsetDateTime.parse("2031-06-03T08:02:05+07:00").toInstant());
        for (int i = 0; i < 21; i++) {
            hit("100.64.7." + i, 202);
        }
    }
}
