package vn.cms.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import io.quarkus.scheduler.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.cms.article.ArticleQueries;
import vn.cms.common.cache.ContentChanged;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;

/**
 * The ordered log of changes to public content (migration V10). Every writer of articles and
 * sections appends to it inside the transaction of its change; delta sync reads it.
 * Appends are serialised by a transaction-level advisory lock taken just before the insert and
 * held to commit, so that ids follow commit order (a sequence alone can commit out of order,
 * and a reader of "everything after N" would skip the late one). Writers take the lock last,
 * after their own row locks, so it is held only for the commit.
 */
@ApplicationScoped
public class ChangeLog {

    /** Any number every writer agrees on: "cms-log" in ASCII. */
    private static final long APPEND_LOCK = 0x636d732d6c6f67L;
    private static final String LOCK = "select pg_advisory_xact_lock(" + APPEND_LOCK + ")";
    private static final String APPEND = """
            insert into change_log (id, entity_type, entity_id, action, kind, visible_at, recorded_at, last_known)
            select nextval('change_log_id_seq'), c.entity_type, c.entity_id, c.action, c.kind, c.visible_at::timestamptz, ?,
                c.last_known::jsonb
            from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                as c(entity_type, entity_id, action, kind, visible_at, last_known, n)
            order by c.n""";

    public enum EntityType {
        /** MEDIA rows are for the media library's own followers; delta sync reads only articles and sections. */
        ARTICLE, SECTION, MEDIA;

        public String column() {
            return name().toLowerCase();
        }
    }

    /**
     * What happened, as the writer knows it (webhook event names say it): the first three leave the
     * entity in public view, the last two take it out.
     */
    public enum Kind {
        CREATED, PUBLISHED, UPDATED, UNPUBLISHED, DELETED;

        public boolean visible() {
            return this != UNPUBLISHED && this != DELETED;
        }

        public String column() {
            return name().toLowerCase();
        }
    }

    /**
     * What readers of public content must learn: from {@code visibleAt} on, the entity is in
     * public view (an upsert) or gone from it (a delete), because of {@code kind}.
     * {@code lastKnown}: for an entity deleted without a trace (a section, media), what readers
     * knew it by (written as JSON: its slug, its URL), so that they can still find their copies
     * once the row is gone; null otherwise.
     */
    public record Change(EntityType type, long id, Kind kind, Instant visibleAt, Object lastKnown) {

        public Change(EntityType type, long id, Kind kind, Instant visibleAt) {
            this(type, id, kind, visibleAt, null);
        }

        public boolean visible() {
            return kind.visible();
        }
    }

    /** Every public article of some sections, as upserts. */
    private static final String APPEND_PUBLIC_ARTICLES = """
            insert into change_log (id, entity_type, entity_id, action, kind, visible_at, recorded_at)
            select nextval('change_log_id_seq'), 'article', a.id, 'upsert', 'updated', ?, ?
            from article a where a.section_id = any(?)""" + " and " + ArticleQueries.PUBLIC + " order by a.id";

    /**
     * The rows of a delta window, in id order after {@code afterId}, of the entity types asked
     * for: those appended after the client's position ({@code fromId}) that were visible by the
     * window's end, and those appended before it whose time came since ({@code fromTime}: scheduled
     * publications, found in the partial index of rows visible later than their append). Two index
     * ranges rather than one OR, so that neither scans the log.
     */
    private static final String WINDOW = """
            select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
            where id > greatest(?, ?) and id <= ? and visible_at <= ? and entity_type = any(?)
            union all
            select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
            where visible_at > recorded_at and visible_at > ? and visible_at <= ? and id <= ? and id > ?
                and entity_type = any(?)
            order by id limit ?""";

    /**
     * The rows that came due for webhooks since the dispatcher's position (log id {@code afterId},
     * time {@code dueAfter}), up to log id {@code endId} and time {@code now}: rows appended since
     * that are visible by now or were visible at their append (the writer's clock may be ahead of
     * the dispatcher's: another instance, or a writer that took its time after the dispatcher took
     * {@code now} and committed before it read the end; such a row would be passed and never
     * dispatched), and scheduled rows appended before whose time came since. In the order
     * the changes took effect, ties in log order. A scheduled row is left out when a later row of its
     * entity says what happened since (rescheduled, edited), or when its article is not public now
     * (withdrawn before its time, which appends no row): none of it reached public view.
     */
    private static final String DUE = """
            select * from (
                select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
                where id > ? and id <= ? and (visible_at <= ? or visible_at <= recorded_at)
                union all
                select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
                where visible_at > recorded_at and visible_at > ? and visible_at <= ? and id <= ?
            ) c
            where not (c.visible_at > c.recorded_at and (
                exists (select 1 from change_log later
                    where later.entity_type = c.entity_type and later.entity_id = c.entity_id and later.id > c.id)
                or c.entity_type = 'article' and not exists (select 1 from article a
                    where a.id = c.entity_id""" + " and " + ArticleQueries.PUBLIC + """
            )))
            order by c.visible_at, c.id""";

    /**
     * The rows between two positions ({@link LogPosition}): scheduled rows up to the first
     * position's id that came due between its time and the second's, by time, then the rows
     * after its id up to the second's that are visible by the second's time (or visible at their
     * append: the writer's clock may run ahead of the reader's), by id. A scheduled row whose
     * entity has a later row is left out: it was unpublished, rescheduled or edited since, and
     * that later row says what readers must learn.
     */
    private static final String BETWEEN = """
            select * from (
                select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
                where visible_at > recorded_at and visible_at > ? and visible_at <= ? and id <= ?
                union all
                select id, entity_type, entity_id, kind, visible_at, recorded_at, last_known from change_log
                where id > ? and id <= ? and (visible_at <= ? or visible_at <= recorded_at)
            ) c
            where not (c.visible_at > c.recorded_at and exists (select 1 from change_log later
                where later.entity_type = c.entity_type and later.entity_id = c.entity_id and later.id > c.id))
            order by c.id > ?, case when c.id <= ? then c.visible_at end, c.id
            limit ?""";

    /**
     * A row of the log; {@code scheduled}: it took effect later than it was appended;
     * {@code lastKnown}: the JSON of {@link Change#lastKnown()}, or null.
     */
    public record Entry(long id, EntityType type, long entityId, Kind kind, Instant visibleAt, boolean scheduled,
                        String lastKnown) {

        public boolean visible() {
            return kind.visible();
        }
    }

    private final Sql sql;
    private final Event<ContentChanged> changes;
    private final Clock clock;
    private final Duration retention;
    private final ObjectMapper json;

    ChangeLog(Sql sql, Event<ContentChanged> changes, Clock clock, CmsConfig config, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
        this.changes = changes;
        this.clock = clock;
        this.retention = config.sync().retention();
    }

    /** The id of the last committed row (0 for an empty log): every row up to it has committed. */
    public long end() {
        return sql.one("select coalesce(max(id), 0) from change_log", List.of(), row -> row.getLong(1)).orElse(0L);
    }

    List<Entry> window(long fromId, Instant fromTime, long endId, Instant endTime, long afterId, Set<EntityType> types,
                       int limit) {
        String[] typeNames = types.stream().map(EntityType::column).toArray(String[]::new);
        return sql.list(WINDOW, List.of(afterId, fromId, endId, endTime, typeNames, fromTime, endTime, fromId, afterId,
                        typeNames, limit), ChangeLog::entry);
    }

    /**
     * What a reader at {@code from} learns by moving to {@code to}, if it is at most
     * {@code limit} rows; otherwise an incomplete window without rows.
     */
    LogWindow between(LogPosition from, LogPosition to, int limit) {
        List<Entry> rows = sql.list(BETWEEN, List.of(from.time(), to.time(), from.id(), from.id(), to.id(), to.time(),
                from.id(), from.id(), limit + 1), ChangeLog::entry);
        return rows.size() > limit ? new LogWindow(from, to, List.of(), false) : new LogWindow(from, to, rows, true);
    }

    /** The position of a reader that has seen everything committed and visible now. */
    LogPosition now() {
        return new LogPosition(end(), clock.instant());
    }

    /** The earliest time after {@code after} at which a scheduled row comes due, if any. */
    Optional<Instant> nextScheduled(Instant after) {
        return sql.one("""
                select visible_at from change_log where visible_at > recorded_at and visible_at > ?
                order by visible_at limit 1""", List.of(after), row -> Sql.instant(row, "visible_at"));
    }

    /** See {@link #DUE}; {@code endId} is at most {@link #end()}, so that every row up to it has committed. */
    public List<Entry> due(long afterId, Instant dueAfter, long endId, Instant now) {
        return sql.list(DUE, List.of(afterId, endId, now, dueAfter, now, afterId, now), ChangeLog::entry);
    }

    private static Entry entry(java.sql.ResultSet row) throws SQLException {
        return new Entry(row.getLong("id"), EntityType.valueOf(row.getString("entity_type").toUpperCase()),
                row.getLong("entity_id"), Kind.valueOf(row.getString("kind").toUpperCase()), Sql.instant(row, "visible_at"),
                Sql.instant(row, "visible_at").isAfter(Sql.instant(row, "recorded_at")), row.getString("last_known"));
    }

    Duration retention() {
        return retention;
    }

    /** Rows older than the retention go; a sync token from before then is answered 410. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant horizon = clock.instant().minus(retention);
        sql.update("delete from change_log where recorded_at < ? and visible_at < ?", List.of(horizon, horizon));
    }

    /**
     * Appends in the caller's transaction; when it commits, this instance's read cache is dropped
     * (other instances hear of the commit from the database).
     */
    public void append(List<Change> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        sql.one(LOCK, List.of(), row -> true);
        sql.update(APPEND, parameters(entries, now));
        changes.fire(new ContentChanged());
    }

    /**
     * Sections that moved or were renamed, with everything public in them: a client following one
     * section must learn what entered or left it, and every article names its section.
     */
    public void appendSubtree(List<Long> sectionIds, Instant now) {
        append(sectionIds.stream().map(id -> new Change(EntityType.SECTION, id, Kind.UPDATED, now)).toList(), now);
        sql.update(APPEND_PUBLIC_ARTICLES, List.of(now, now, sectionIds.toArray(Long[]::new), now));
    }

    /**
     * The same append on a connection the caller holds: the transaction's own, or one the caller
     * commits itself (the bulk import, whose cache drop comes when the event is fired, before that commit).
     */
    public void append(Connection connection, List<Change> entries, Instant now) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.execute();
        }
        try (PreparedStatement append = connection.prepareStatement(APPEND)) {
            List<Object> params = parameters(entries, now);
            append.setObject(1, params.get(0));
            for (int i = 1; i < params.size(); i++) {
                append.setArray(i + 1, connection.createArrayOf(i == 2 ? "bigint" : "text", (Object[]) params.get(i)));
            }
            append.executeUpdate();
        }
        changes.fire(new ContentChanged());
    }

    private List<Object> parameters(List<Change> entries, Instant now) {
        return List.of(
                now.atOffset(ZoneOffset.UTC),
                entries.stream().map(c -> c.type().column()).toArray(String[]::new),
                entries.stream().map(Change::id).toArray(Long[]::new),
                entries.stream().map(c -> c.visible() ? "upsert" : "delete").toArray(String[]::new),
                entries.stream().map(c -> c.kind().column()).toArray(String[]::new),
                entries.stream().map(c -> c.visibleAt().atOffset(ZoneOffset.UTC).toString()).toArray(String[]::new),
                entries.stream().map(c -> c.lastKnown() == null ? null : json(c.lastKnown())).toArray(String[]::new));
    }

    private String json(Object lastKnown) {
        try {
            return json.writeValueAsString(lastKnown);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("What a deleted entity was known by is always writable", e);
        }
    }
}
