package vn.cms.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.MergePatch;
import vn.cms.sync.ChangeLog;
import vn.cms.webhook.WebhookRecords.DeliveryPage;
import vn.cms.webhook.WebhookRecords.DeliveryView;
import vn.cms.webhook.WebhookRecords.SecretRotated;
import vn.cms.webhook.WebhookRecords.WebhookCreated;
import vn.cms.webhook.WebhookRecords.WebhookInput;
import vn.cms.webhook.WebhookRecords.WebhookView;

/**
 * Registered endpoints and their deliveries. Secrets are random, one per endpoint, and kept as
 * {@link WebhookSecrets} seals them; a rotated-out one is kept the same way until its grace
 * period ends.
 */
@ApplicationScoped
public class WebhookEndpoints {

    /**
     * An enabled endpoint and what it subscribes to: what the dispatcher needs. It hears of the
     * changes that take effect from its registration on.
     */
    record Subscriber(long id, List<String> events, Instant since) {

        boolean wants(ChangeLog.Entry change) {
            return !change.visibleAt().isBefore(since) && WebhookEvents.subscribed(events, WebhookEvents.of(change));
        }
    }

    private static final String VIEW_COLUMNS = "id, url, events, description, enabled, disabled_reason, created_at, updated_at";
    private static final String DELIVERY_COLUMNS =
            "id, event, status, attempts, last_status, last_error, next_attempt_at, created_at";
    /** Standard Webhooks keys are 24 to 64 random bytes. */
    private static final int SECRET_BYTES = 32;

    private final Sql sql;
    private final MergePatch mergePatch;
    private final TargetAddresses targets;
    private final WebhookPayloads payloads;
    private final WebhookWorker worker;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration secretGrace;
    private final SecureRandom random = new SecureRandom();

    WebhookEndpoints(Sql sql, MergePatch mergePatch, TargetAddresses targets, WebhookPayloads payloads,
                     WebhookWorker worker, WebhookSecrets secrets, Clock clock, CmsConfig config) {
        this.secrets = secrets;
        this.sql = sql;
        this.mergePatch = mergePatch;
        this.targets = targets;
        this.payloads = payloads;
        this.worker = worker;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.secretGrace = config.webhooks().secretGrace();
    }

    public WebhookCreated create(WebhookInput input) {
        String url = checkedUrl(input.url());
        List<String> events = checkedEvents(input.events());
        String secret = newSecret();
        Instant now = clock.instant();
        long id = sql.one("""
                        insert into webhook_endpoint (url, events, description, enabled, secret, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""",
                Arrays.asList(url, events.toArray(String[]::new), description(input.description()),
                        input.enabled() == null || input.enabled(), secrets.seal(secret), now, now),
                row -> row.getLong(1)).orElseThrow();
        return new WebhookCreated(get(id), secret);
    }

    public List<WebhookView> list() {
        return sql.list("select " + VIEW_COLUMNS + " from webhook_endpoint order by id", List.of(), this::view);
    }

    public WebhookView get(long id) {
        return sql.one("select " + VIEW_COLUMNS + " from webhook_endpoint where id = ?", List.of(id), this::view)
                .orElseThrow(() -> notFound(id));
    }

    /**
     * A merge patch of url, events, description and enabled. Enabling again clears the reason the
     * service disabled it; its pending deliveries then go out, in order.
     */
    public WebhookView patch(long id, JsonNode patch) {
        WebhookView current = get(id);
        WebhookInput input = mergePatch.apply(new WebhookInput(current.url(), current.events(), current.description(),
                current.enabled()), patch, WebhookInput.class);
        String url = input.url().equals(current.url()) ? current.url() : checkedUrl(input.url());
        List<String> events = checkedEvents(input.events());
        if (input.enabled() == null) {
            // Removing it would mean the default, enabled: too quiet a way to resume a disabled webhook.
            throw ApiException.invalid("enabled", "must be true or false");
        }
        boolean enabled = input.enabled();
        int updated = sql.update("""
                        update webhook_endpoint set url = ?, events = ?, description = ?, enabled = ?,
                            disabled_reason = case when ? then null else disabled_reason end, updated_at = ?
                        where id = ?""",
                Arrays.asList(url, events.toArray(String[]::new), description(input.description()), enabled, enabled,
                        clock.instant(), id));
        if (updated == 0) {
            throw notFound(id);
        }
        return get(id);
    }

    /**
     * A new secret, answered only here. The one it replaces still signs every delivery beside it
     * until {@code cms.webhooks.secret-grace} has passed, so the receiver can switch without missing
     * one; rotating again within the grace drops the oldest.
     */
    public SecretRotated rotateSecret(long id) {
        String secret = newSecret();
        Instant now = clock.instant();
        Instant previousUntil = now.plus(secretGrace);
        int updated = sql.update("""
                        update webhook_endpoint set previous_secret = secret, previous_secret_until = ?, secret = ?,
                            updated_at = ?
                        where id = ?""", List.of(previousUntil, secrets.seal(secret), now, id));
        if (updated == 0) {
            throw notFound(id);
        }
        return new SecretRotated(secret, at(previousUntil));
    }

    /** The endpoint goes with its deliveries, pending ones too. */
    public void delete(long id) {
        if (sql.update("delete from webhook_endpoint where id = ?", List.of(id)) == 0) {
            throw notFound(id);
        }
    }

    /**
     * Queues a {@code webhook.ping} delivery and wakes the sender: pings go at once, beside the
     * endpoint's ordered queue (they announce no change, so there is no order to keep), and a
     * failing one holds nothing back.
     */
    public DeliveryView ping(long id) {
        get(id);
        Instant now = clock.instant();
        long deliveryId = sql.one("""
                        insert into webhook_delivery (endpoint_id, message_id, event, payload, status, next_attempt_at,
                            created_at)
                        values (?, ?, ?, ?, 'pending', ?, ?) returning id""",
                List.of(id, WebhookDispatcher.messageId(), WebhookEvents.PING, payloads.ping(id, now), now, now),
                row -> row.getLong(1)).orElseThrow();
        worker.wakeUp();
        return delivery(id, deliveryId);
    }

    /**
     * Newest first, by page number or by {@code cursor} (the last id seen: the page holds older
     * ones). Exactly one of page and cursor is non-null.
     */
    public DeliveryPage deliveries(long id, Integer page, String cursor, int size) {
        get(id);
        long total = sql.count("select count(*) from webhook_delivery where endpoint_id = ?", List.of(id));
        List<DeliveryView> items;
        if (cursor != null) {
            long before;
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("cursor", "is not a cursor of this list");
            }
            items = sql.list("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = ? and id < ?"
                    + " order by id desc limit ?", List.of(id, before, size + 1), this::deliveryView);
        } else {
            items = sql.list("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = ?"
                    + " order by id desc limit ? offset ?", List.of(id, size + 1, (long) (page - 1) * size),
                    this::deliveryView);
        }
        boolean more = items.size() > size;
        List<DeliveryView> shown = more ? items.subList(0, size) : items;
        return new DeliveryPage(shown, page, size, total, (total + size - 1) / size,
                more ? String.valueOf(shown.get(shown.size() - 1).id()) : null);
    }

    /**
     * Sends a delivery again, whatever its state, as soon as its endpoint's earlier pending ones
     * have gone; its retry window starts anew.
     */
    public DeliveryView retry(long id, long deliveryId) {
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = sql.update("""
                    update webhook_delivery set status = 'pending', next_attempt_at = ?, failures = 0, failing_since = null
                    where id = ? and endpoint_id = ?""", List.of(clock.instant(), deliveryId, id));
            if (updated == 0) {
                get(id);
                throw ApiException.notFound("Webhook " + id + " has no delivery " + deliveryId);
            }
        });
        worker.wakeUp();
        return delivery(id, deliveryId);
    }

    List<Subscriber> subscribers() {
        return sql.list("select id, events, created_at from webhook_endpoint where enabled", List.of(),
                row -> new Subscriber(row.getLong(1), List.of((String[]) row.getArray(2).getArray()),
                        Sql.instant(row, "created_at")));
    }

    private DeliveryView delivery(long id, long deliveryId) {
        return sql.one("select " + DELIVERY_COLUMNS + " from webhook_delivery where id = ? and endpoint_id = ?",
                List.of(deliveryId, id), this::deliveryView).orElseThrow();
    }

    private String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private String checkedUrl(String value) {
        URI url;
        try {
            url = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw ApiException.invalid("url", "must be an absolute http or https URL with a host");
        }
        if (url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw ApiException.invalid("url", "must not carry credentials or a fragment");
        }
        try {
            targets.resolve(url);
        } catch (TargetAddresses.RefusedTarget e) {
            throw ApiException.invalid("url", "cannot be a target: " + e.getMessage());
        }
        return url.toString();
    }

    private static List<String> checkedEvents(List<String> events) {
        for (String event : events) {
            if (!WebhookEvents.isKnown(event)) {
                throw ApiException.invalid("events", "'" + event + "' is not an event; one of " + WebhookEvents.NAMES
                        + " or " + WebhookEvents.ALL);
            }
        }
        return events.stream().distinct().toList();
    }

    private static String description(String description) {
        return description == null || description.isBlank() ? null : description.strip();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("No webhook has the id " + id);
    }

    private WebhookView view(ResultSet row) throws SQLException {
        return new WebhookView(row.getLong("id"), row.getString("url"),
                List.of((String[]) row.getArray("events").getArray()), row.getString("description"),
                row.getBoolean("enabled"), row.getString("disabled_reason"), at(Sql.instant(row, "created_at")),
                at(Sql.instant(row, "updated_at")));
    }

    private DeliveryView deliveryView(ResultSet row) throws SQLException {
        return new DeliveryView(row.getLong("id"), row.getString("event"), row.getString("status"),
                row.getInt("attempts"), row.getObject("last_status", Integer.class), row.getString("last_error"),
                at(Sql.instant(row, "next_attempt_at")), at(Sql.instant(row, "created_at")));
    }

    private OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
