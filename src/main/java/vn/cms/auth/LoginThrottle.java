package vn.cms.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.ClientAddress;

/**
 * Slows password guessing without letting anyone lock another person out. Every attempt counts
 * as a failure until it succeeds (so that parallel guesses cannot slip past the check), in two
 * tallies: per (username, client address), where {@code cms.auth.max-failed-logins} failures
 * within the window are a hard 429 for that pair only; and per username across all addresses,
 * where past as many failures each attempt must wait a delay that doubles with each failure,
 * up to {@code cms.auth.max-login-delay}, after which the right password from anywhere logs in.
 * Tallies are updated atomically, bounded in number and forgotten after the window. Kept per
 * instance: behind several instances the limits multiply.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final long MAX_ENTRIES = 100_000;

    private record Tally(int failures, Instant last) {
        Tally after(Instant now) {
            return new Tally(failures + 1, now);
        }
    }

    private final Cache<String, Tally> byClient;
    private final Cache<String, Tally> byUsername;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration maxDelay;

    LoginThrottle(Clock clock, CmsConfig config) {
        this.clock = clock;
        this.maxFailures = config.auth().maxFailedLogins();
        this.window = config.auth().failedLoginWindow();
        this.maxDelay = config.auth().maxLoginDelay();
        this.byClient = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(window).build();
        this.byUsername = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(window).build();
    }

    /**
     * Counts an attempt for this username from this client address, or throws 429 with
     * Retry-After (and counts nothing) when the pair is blocked or the username must still wait.
     */
    public void attempt(String username, String address) {
        String client = username + '\n' + ClientAddress.limitKey(address);
        Instant now = clock.instant();
        long[] retryAfter = {0};
        byClient.asMap().compute(client, (key, tally) -> {
            Tally current = live(tally, now);
            if (current != null && current.failures() >= maxFailures) {
                retryAfter[0] = secondsUntil(now, current.last().plus(window));
                return current;
            }
            return current == null ? new Tally(1, now) : current.after(now);
        });
        if (retryAfter[0] > 0) {
            throw tooMany("Too many failed logins for this account from your address", retryAfter[0]);
        }
        byUsername.asMap().compute(username, (key, tally) -> {
            Tally current = live(tally, now);
            if (current != null && current.failures() >= maxFailures) {
                Instant allowedAt = current.last().plus(delay(current.failures()));
                if (allowedAt.isAfter(now)) {
                    retryAfter[0] = secondsUntil(now, allowedAt);
                    return current;
                }
            }
            return current == null ? new Tally(1, now) : current.after(now);
        });
        if (retryAfter[0] > 0) {
            // Refused before the password was looked at: not a failure of this address.
            byClient.asMap().computeIfPresent(client, (key, tally) ->
                    tally.failures() <= 1 ? null : new Tally(tally.failures() - 1, tally.last()));
            throw tooMany("Many failed logins for this account", retryAfter[0]);
        }
    }

    /** The password was right: this client's and the username's failures are forgotten. */
    public void succeeded(String username, String address) {
        byClient.invalidate(username + '\n' + ClientAddress.limitKey(address));
        byUsername.invalidate(username);
    }

    /** 1 s at the limit, doubling with each further failure, at most {@code max-login-delay}. */
    private Duration delay(int failures) {
        int doublings = Math.min(failures - maxFailures, 30);
        Duration delay = Duration.ofSeconds(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** The tally if its last failure is still within the window (the clock may be a test's). */
    private Tally live(Tally tally, Instant now) {
        return tally == null || !tally.last().plus(window).isAfter(now) ? null : tally;
    }

    private static long secondsUntil(Instant now, Instant then) {
        return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000);
    }

    private static ApiException tooMany(String reason, long seconds) {
        return new ApiException(429, ApiException.ABOUT_BLANK, "Too Many Requests",
                reason + "; try again in " + seconds + " seconds", null)
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
