package vn.cms.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;

/**
 * Slows password guessing: after {@code cms.auth.max-failed-logins} failures within the window,
 * for one username or from one client address, further attempts are 429 until the oldest
 * failure leaves the window. Kept per instance: behind several instances the limit multiplies.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(Clock clock, CmsConfig config) {
        this.clock = clock;
        this.maxFailures = config.auth().maxFailedLogins();
        this.window = config.auth().failedLoginWindow();
    }

    /** Throws 429 with Retry-After when this username or address has failed too often. */
    public void check(String username, String address) {
        Instant now = clock.instant();
        for (String key : keys(username, address)) {
            Deque<Instant> recent = failures.get(key);
            if (recent == null) {
                continue;
            }
            synchronized (recent) {
                prune(recent, now);
                if (recent.isEmpty()) {
                    failures.remove(key, recent);
                } else if (recent.size() >= maxFailures) {
                    long seconds = Math.max(1, Duration.between(now, recent.peekFirst().plus(window)).toSeconds() + 1);
                    throw new ApiException(429, ApiException.ABOUT_BLANK, "Too Many Requests",
                            "Too many failed logins; try again in " + seconds + " seconds", null)
                            .withHeader("Retry-After", Long.toString(seconds));
                }
            }
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : keys(username, address)) {
            Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (recent) {
                prune(recent, now);
                recent.addLast(now);
            }
        }
    }

    /** A successful login clears the username's failures; the address keeps its own. */
    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private void prune(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
            recent.removeFirst();
        }
    }

    private static List<String> keys(String username, String address) {
        return List.of("user:" + username, "ip:" + address);
    }
}
