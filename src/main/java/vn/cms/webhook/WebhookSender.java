package vn.cms.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;

/**
 * Sends an endpoint's due deliveries, oldest first and one at a time, so that it receives them in
 * order: a delivery that fails holds the later ones back until it succeeds or fails for good. A
 * turn holds the endpoint's advisory lock, so no two workers, on this instance or another, send for
 * one endpoint at once; what a turn sent is recorded when it commits (a crash in between sends
 * those again, with the same webhook-id). Pings announce no change and are not part of that
 * order: a turn sends the due ones first, each on its own.
 */
@ApplicationScoped
public class WebhookSender {

    /**
     * Deliveries of one endpoint per turn (at most this many are sent again after a crash), and
     * the time after which a turn starts no more.
     */
    static final int DELIVERIES_PER_TURN = 100;
    private static final long TURN_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);
    /** Advisory lock space of endpoint turns: "wh" in ASCII. */
    private static final int TURN_LOCK_SPACE = 0x7768;

    /** Endpoints whose ordered queue's head is due, or with a due ping (pings go beside the queue). */
    private static final String DUE_ENDPOINTS = """
            select e.id from webhook_endpoint e
            where e.enabled and ((select d.next_attempt_at from webhook_delivery d
                                  where d.endpoint_id = e.id and d.status = 'pending' and d.change_id is not null
                                  order by d.id limit 1) <= ?
                or exists (select 1 from webhook_delivery d
                           where d.endpoint_id = e.id and d.status = 'pending' and d.change_id is null
                               and d.next_attempt_at <= ?))
            order by e.id limit ?""";
    private static final String PENDING = """
            select id, message_id, payload, failures, failing_since, next_attempt_at from webhook_delivery
            where endpoint_id = ? and status = 'pending'""";
    private static final String RECORD_SUCCESSES = """
            update webhook_delivery d set status = 'succeeded', attempts = d.attempts + 1, last_status = s.status,
                last_error = null, next_attempt_at = null, failures = 0, failing_since = null
            from unnest(?::bigint[], ?::int[]) as s(id, status)
            where d.id = s.id""";

    /** Where an endpoint's deliveries go, and the signers of its current and (during a rotation's grace) previous secret. */
    private record Target(URI url, List<Webhook> signers) {
    }

    private record Pending(long id, String messageId, String payload, int failures, Instant failingSince,
                           Instant nextAttemptAt) {
    }

    /** What an attempt came to: an HTTP status, or none and why. */
    record Outcome(Integer status, String error, Duration retryAfter) {
        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Sql sql;
    private final TargetAddresses targets;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;
    private final List<Duration> retryDelays;
    private final Duration retryWindow;

    @Inject
    WebhookSender(Sql sql, TargetAddresses targets, WebhookSecrets secrets, Clock clock, Vertx vertx, CmsConfig config) {
        this(sql, targets, secrets, clock, vertx, config.webhooks().timeout(), config.webhooks().retryDelays(),
                config.webhooks().retryWindow());
    }

    WebhookSender(Sql sql, TargetAddresses targets, WebhookSecrets secrets, Clock clock, Vertx vertx, Duration timeout,
                  List<Duration> retryDelays, Duration retryWindow) {
        this.sql = sql;
        this.targets = targets;
        this.secrets = secrets;
        this.clock = clock;
        this.timeout = timeout;
        this.retryDelays = List.copyOf(retryDelays);
        this.retryWindow = retryWindow;
        // Redirects are not followed: a receiver cannot point the service at an address it did not check.
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(4)
                .setForceSni(true).setConnectTimeout((int) timeout.toMillis()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Endpoints with something to send now: see {@link #DUE_ENDPOINTS}. */
    List<Long> dueEndpoints(int limit) {
        Instant now = clock.instant();
        return sql.list(DUE_ENDPOINTS, List.of(now, now, limit), row -> row.getLong(1));
    }

    /**
     * Sends what is due for one endpoint unless another worker is at it; answers whether more may
     * be due right away (a full turn went through). The outcomes are written in one statement per
     * turn (and one per failure), in the turn's transaction.
     */
    boolean turn(long endpointId) {
        return QuarkusTransaction.requiringNew().timeout(90).call(() -> {
            boolean mine = sql.one("select pg_try_advisory_xact_lock(?, ?)", List.of(TURN_LOCK_SPACE, (int) endpointId),
                    row -> row.getBoolean(1)).orElse(false);
            Target target = !mine ? null : sql.one("""
                            select url, secret, previous_secret, previous_secret_until from webhook_endpoint
                            where id = ? and enabled""",
                    List.of(endpointId), row -> new Target(URI.create(row.getString(1)),
                            signers(row.getString(2), row.getString(3), Sql.instant(row, "previous_secret_until"))))
                    .orElse(null);
            if (target == null) {
                return false;
            }
            Turn turn = new Turn(endpointId, target);
            List<Pending> pings = sql.list(PENDING + " and change_id is null and next_attempt_at <= ? order by id limit ?",
                    List.of(endpointId, clock.instant(), DELIVERIES_PER_TURN), WebhookSender::pending);
            for (Pending ping : pings) {
                if (turn.timeLeft()) {
                    turn.send(ping); // each on its own: a failing ping holds nothing back
                }
            }
            List<Pending> queue = sql.list(PENDING + " and change_id is not null order by id limit ?",
                    List.of(endpointId, DELIVERIES_PER_TURN), WebhookSender::pending);
            boolean wentThrough = true;
            for (Pending delivery : queue) {
                if (delivery.nextAttemptAt().isAfter(clock.instant()) || !turn.timeLeft() || !turn.send(delivery)) {
                    wentThrough = false;
                    break;
                }
            }
            turn.recordSuccesses();
            return !turn.endpointDisabled
                    && (pings.size() == DELIVERIES_PER_TURN || wentThrough && queue.size() == DELIVERIES_PER_TURN);
        });
    }

    private static Pending pending(ResultSet row) throws SQLException {
        return new Pending(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4),
                Sql.instant(row, "failing_since"), Sql.instant(row, "next_attempt_at"));
    }

    /** The current secret's signer, then the previous one's while its grace lasts. */
    private List<Webhook> signers(String secret, String previousSecret, Instant previousUntil) {
        return previousSecret != null && previousUntil != null && clock.instant().isBefore(previousUntil)
                ? List.of(new Webhook(secrets.open(secret)), new Webhook(secrets.open(previousSecret)))
                : List.of(new Webhook(secrets.open(secret)));
    }

    /** One turn's attempts and the successes it has still to write. */
    private final class Turn {
        private final long endpointId;
        private final Target target;
        /**
         * The address the turn connects to, checked once per turn: a pooled connection to it was
         * made to an address checked then too, and a name that points elsewhere by the next turn
         * gets a connection of its own, to the newly checked address. Null when refused.
         */
        private final InetAddress address;
        /** The outcome of every attempt of a turn whose target is refused. */
        private final Outcome refused;
        private final List<Long> succeeded = new ArrayList<>();
        private final List<Integer> statuses = new ArrayList<>();
        private final long start = System.nanoTime();
        private boolean endpointDisabled;

        Turn(long endpointId, Target target) {
            this.endpointId = endpointId;
            this.target = target;
            InetAddress checked = null;
            Outcome refusal = null;
            try {
                checked = targets.resolve(target.url()).get(0);
            } catch (TargetAddresses.RefusedTarget e) {
                refusal = new Outcome(null, "refused: " + e.getMessage(), null);
            }
            this.address = checked;
            this.refused = refusal;
        }

        /** Whether the turn may start another attempt. */
        boolean timeLeft() {
            return System.nanoTime() - start <= TURN_BUDGET_NANOS;
        }

        /** Makes one attempt and notes or stores its outcome; answers whether it succeeded. */
        boolean send(Pending delivery) {
            if (endpointDisabled) {
                return false;
            }
            Instant now = clock.instant();
            Outcome outcome = address == null ? refused : attempt(target, address, delivery, now);
            if (outcome.succeeded()) {
                succeeded.add(delivery.id());
                statuses.add(outcome.status());
                return true;
            }
            endpointDisabled = recordFailure(endpointId, delivery, outcome, now);
            return false;
        }

        void recordSuccesses() {
            if (!succeeded.isEmpty()) {
                sql.update(RECORD_SUCCESSES, List.of(succeeded.toArray(Long[]::new), statuses.toArray(Integer[]::new)));
            }
        }
    }

    /** Stores a failed attempt and its next one; answers whether it disabled the endpoint. */
    private boolean recordFailure(long endpointId, Pending delivery, Outcome outcome, Instant now) {
        Instant failingSince = delivery.failingSince() == null ? now : delivery.failingSince();
        Instant windowEnd = failingSince.plus(retryWindow);
        String disabledReason = null;
        Instant next = null;
        if (outcome.status() != null && outcome.status() == 410) {
            disabledReason = "410 Gone from the receiver";
        } else if (!now.isBefore(windowEnd)) {
            disabledReason = "every attempt failed for " + retryWindow + " (the retry window)";
        } else {
            Duration wait = retryDelays.get(Math.min(delivery.failures(), retryDelays.size() - 1));
            if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                wait = outcome.retryAfter();
            }
            // Compared as durations: a receiver's Retry-After may be too far off for an Instant.
            next = wait.compareTo(Duration.between(now, windowEnd)) >= 0 ? windowEnd : now.plus(wait);
        }
        sql.update("""
                        update webhook_delivery set status = ?, attempts = attempts + 1, last_status = ?, last_error = ?,
                            next_attempt_at = ?, failures = failures + 1, failing_since = ?
                        where id = ?""",
                Arrays.asList(next == null ? "failed" : "pending", outcome.status(), outcome.error(), next, failingSince,
                        delivery.id()));
        if (disabledReason != null) {
            sql.update("update webhook_endpoint set enabled = false, disabled_reason = ?, updated_at = ? where id = ?",
                    List.of(disabledReason, now, endpointId));
        }
        return disabledReason != null;
    }

    /** One signed POST to the address of the target checked for this turn; never throws. */
    private Outcome attempt(Target target, InetAddress address, Pending delivery, Instant now) {
        StringBuilder signatures = new StringBuilder();
        for (Webhook signer : target.signers()) {
            try {
                signatures.append(signatures.isEmpty() ? "" : " ")
                        .append(signer.sign(delivery.messageId(), now.getEpochSecond(), delivery.payload()));
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("A stored secret always signs", e);
            }
        }
        boolean https = target.url().getScheme().equalsIgnoreCase("https");
        int port = target.url().getPort() != -1 ? target.url().getPort() : https ? 443 : 80;
        String path = target.url().getRawPath() == null || target.url().getRawPath().isEmpty() ? "/" : target.url().getRawPath();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(target.url().getHost()).setPort(port).setSsl(https)
                .setURI(target.url().getRawQuery() == null ? path : path + "?" + target.url().getRawQuery())
                .setFollowRedirects(false)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "cms-api-webhooks")
                .putHeader("webhook-id", delivery.messageId())
                .putHeader("webhook-timestamp", String.valueOf(now.getEpochSecond()))
                .putHeader("webhook-signature", signatures.toString());
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        try {
            HttpClientResponse response = http.request(options)
                    .compose(r -> {
                        request.set(r);
                        return r.send(Buffer.buffer(delivery.payload()));
                    })
                    // The answer's body is read (setting a handler on an answer that has already ended, such as
                    // an empty 204, fails), so that the connection can serve the next delivery.
                    .compose(r -> r.body().map(r))
                    .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            return new Outcome(status, status >= 200 && status < 300 ? null : "answered " + status,
                    status == 429 || status == 503 ? retryAfter(response.getHeader("Retry-After"), now) : null);
        } catch (TimeoutException e) {
            HttpClientRequest inFlight = request.get();
            if (inFlight != null) {
                inFlight.reset();
            }
            return new Outcome(null, "no answer within " + timeout, null);
        } catch (ExecutionException e) {
            return new Outcome(null, "could not be sent: " + e.getCause().getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", null);
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
