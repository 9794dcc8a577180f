package vn.cms.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import io.quarkus.scheduler.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
            insert into change_log (id, entity_type, entity_id, action, visible_at, recorded_at)
            select nextval('change_log_id_seq'), c.entity_type, c.entity_id, c.action, c.visible_at::timestamptz, ?
            from unnest(?::text[], ?::bigint[], ?::text[], ?::text[]) with ordinality
                as c(entity_type, entity_id, action, visible_at, n)
            order by c.n""";

    public enum EntityType {
        /** MEDIA rows are for the media library's own followers; delta sync reads only articles and sections. */
        ARTICLE, SECTION, MEDIA;

        String column() {
            return name().toLowerCase();
        }
    }

    /**
     * What readers of public content must learn: from {@code visibleAt} on, the entity is
     * {@code visible} (an upsert) or gone from public view (a delete).
     */
    public record Change(EntityType type, long id, boolean visible, Instant visibleAt) {
    }

    /** Every public article of some sections, as upserts. */
    private static final String APPEND_PUBLIC_ARTICLES = """
            insert into change_log (id, entity_type, entity_id, action, visible_at, recorded_at)
            select nextval('change_log_id_seq'), 'article', a.id, 'upsert', ?, ?
            from article a where a.section_id = any(?)""" + " and " + ArticleQueries.PUBLIC + " order by a.id";

    /**
     * The rows of a delta window, in id order after {@code afterId}, of the entity types asked
     * for: those appended after the client's position ({@code fromId}) that were visible by the
     * window's end, and those appended before it whose time came since ({@code fromTime}: scheduled
     * publications, found in the partial index of rows visible later than their append). Two index
     * ranges rather than one OR, so that neither scans the log.
     */
    private static final String WINDOW = """
            select id, entity_type, entity_id, action, visible_at from change_log
            where id > greatest(?, ?) and id <= ? and visible_at <= ? and entity_type = any(?)
            union all
            select id, entity_type, entity_id, action, visible_at from change_log
            where visible_at > recorded_at and visible_at > ? and visible_at <= ? and id <= ? and id > ?
                and entity_type = any(?)
            order by id limit ?""";

    /** A row of the log. */
    public record Entry(long id, EntityType type, long entityId, boolean visible, Instant visibleAt) {
    }

    private final Sql sql;
    private final Event<ContentChanged> changes;
    private final Clock clock;
    private final Duration retention;

    ChangeLog(Sql sql, Event<ContentChanged> changes, Clock clock, CmsConfig config) {
        this.sql = sql;
        this.changes = changes;
        this.clock = clock;
        this.retention = config.sync().retention();
    }

    /** The id of the last committed row (0 for an empty log): every row up to it has committed. */
    long end() {
        return sql.one("select coalesce(max(id), 0) from change_log", List.of(), row -> row.getLong(1)).orElse(0L);
    }

    List<Entry> window(long fromId, Instant fromTime, long endId, Instant endTime, long afterId, Set<EntityType> types,
                       int limit) {
        String[] typeNames = types.stream().map(EntityType::column).toArray(String[]::new);
        return sql.list(WINDOW, List.of(afterId, fromId, endId, endTime, typeNames, fromTime, endTime, fromId, afterId,
                        typeNames, limit),
                row -> new Entry(row.getLong("id"), EntityType.valueOf(row.getString("entity_type").toUpperCase()),
                        row.getLong("entity_id"), row.getString("action").equals("upsert"),
                        Sql.instant(row, "visible_at")));
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
        append(sectionIds.stream().map(id -> new Change(EntityType.SECTION, id, true, now)).toList(), now);
        sql.update(APPEND_PUBLIC_ARTICLES, List.of(now, now, sectionIds.toArray(Long[]::new), now));
    }

    /** The same append on a connection the caller commits itself (the bulk import). */
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
    }

    private static List<Object> parameters(List<Change> entries, Instant now) {
        return List.of(
                now.atOffset(ZoneOffset.UTC),
                entries.stream().map(c -> c.type().column()).toArray(String[]::new),
                entries.stream().map(Change::id).toArray(Long[]::new),
                entries.stream().map(c -> c.visible() ? "upsert" : "delete").toArray(String[]::new),
                entries.stream().map(c -> c.visibleAt().atOffset(ZoneOffset.UTC).toString()).toArray(String[]::new));
    }
}
