package vn.cms.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.cms.common.db.Sql;
import vn.cms.sync.ChangeLog;

/**
 * Turns the change log (the outbox: every public change appends to it in its own transaction)
 * into deliveries, one per subscribed endpoint and change. The cursor row is locked for the pass
 * and moved in the transaction that inserts the deliveries, so a crash loses nothing and repeats
 * nothing; an instance that finds the cursor locked leaves the pass to its holder.
 */
@ApplicationScoped
public class WebhookDispatcher {

    /** Log rows per pass, so that a bulk import becomes deliveries in bounded transactions. */
    static final int ROWS_PER_PASS = 1_000;

    private static final String INSERT = """
            insert into webhook_delivery (endpoint_id, change_id, message_id, event, payload, status, next_attempt_at,
                created_at)
            select d.endpoint_id, d.change_id, d.message_id, d.event, d.payload, 'pending', ?, ?
            from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) with ordinality
                as d(endpoint_id, change_id, message_id, event, payload, n)
            order by d.n
            on conflict (endpoint_id, change_id) do nothing""";

    private record Cursor(long logId, Instant dueUntil) {
    }

    private final Sql sql;
    private final ChangeLog changeLog;
    private final WebhookEndpoints endpoints;
    private final WebhookPayloads payloads;
    private final Clock clock;

    WebhookDispatcher(Sql sql, ChangeLog changeLog, WebhookEndpoints endpoints, WebhookPayloads payloads, Clock clock) {
        this.sql = sql;
        this.changeLog = changeLog;
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.clock = clock;
    }

    /** One pass; answers whether it reached the end of the log (false: call again). */
    public boolean dispatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Cursor cursor = sql.one("select log_id, due_until from webhook_cursor for update skip locked", List.of(),
                    row -> new Cursor(row.getLong(1), Sql.instant(row, "due_until"))).orElse(null);
            if (cursor == null) {
                return true;
            }
            Instant now = clock.instant();
            long end = changeLog.end();
            long passEnd = Math.min(end, cursor.logId() + ROWS_PER_PASS);
            List<ChangeLog.Entry> due = changeLog.due(cursor.logId(), cursor.dueUntil(), passEnd, now);
            if (!due.isEmpty()) {
                insert(due, now);
            }
            sql.update("update webhook_cursor set log_id = ?, due_until = ?", List.of(passEnd, now));
            return passEnd == end;
        });
    }

    private void insert(List<ChangeLog.Entry> due, Instant now) {
        List<WebhookEndpoints.Subscriber> subscribers = endpoints.subscribers();
        if (subscribers.isEmpty()) {
            return;
        }
        Map<Long, String> bodies = payloads.of(due);
        List<Long> endpointIds = new ArrayList<>();
        List<Long> changeIds = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        List<String> events = new ArrayList<>();
        List<String> payloadList = new ArrayList<>();
        for (ChangeLog.Entry change : due) {
            String event = WebhookEvents.of(change);
            if (!WebhookEvents.isKnown(event)) {
                continue; // media.updated (an alt text or focal point edit) is no webhook event
            }
            for (WebhookEndpoints.Subscriber subscriber : subscribers) {
                if (subscriber.wants(change)) {
                    endpointIds.add(subscriber.id());
                    changeIds.add(change.id());
                    messageIds.add(messageId());
                    events.add(event);
                    payloadList.add(bodies.get(change.id()));
                }
            }
        }
        if (!endpointIds.isEmpty()) {
            sql.update(INSERT, List.of(now, now, endpointIds.toArray(Long[]::new), changeIds.toArray(Long[]::new),
                    messageIds.toArray(String[]::new), events.toArray(String[]::new), payloadList.toArray(String[]::new)));
        }
    }

    static String messageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
