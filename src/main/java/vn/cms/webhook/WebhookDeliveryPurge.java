package vn.cms.webhook;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;

/**
 * Deletes succeeded and failed deliveries made longer than {@code cms.webhooks.retention} ago, in
 * bounded batches so that a long backlog never becomes one long transaction. Pending deliveries
 * stay whatever their age: they are still to be sent.
 */
@ApplicationScoped
public class WebhookDeliveryPurge {

    static final int ROWS_PER_BATCH = 10_000;

    private final Sql sql;
    private final Clock clock;
    private final Duration retention;

    WebhookDeliveryPurge(Sql sql, Clock clock, CmsConfig config) {
        this.sql = sql;
        this.clock = clock;
        this.retention = config.webhooks().retention();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant horizon = clock.instant().minus(retention);
        while (sql.update("""
                delete from webhook_delivery where id in (
                    select id from webhook_delivery where status <> 'pending' and created_at < ? limit ?)""",
                List.of(horizon, ROWS_PER_BATCH)) == ROWS_PER_BATCH) {
            // a full batch: more may be past the horizon
        }
    }
}
