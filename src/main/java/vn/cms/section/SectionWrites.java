package vn.cms.section;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.cms.common.db.Sql;
import vn.cms.common.text.OptionalText;
import vn.cms.common.web.ApiException;
import vn.cms.sync.ChangeLog;
import vn.cms.sync.ChangeLog.Change;
import vn.cms.sync.ChangeLog.EntityType;
import vn.cms.sync.ChangeLog.Kind;

/**
 * The one way sections are created, whoever writes them: the editorial API (in its request's
 * transaction), the bulk import (on its own connection) and the sample content. A section
 * without a position goes after the last one; every write appends its change row (sections are
 * public as soon as they exist).
 */
@ApplicationScoped
public class SectionWrites {

    /** Where a section goes that is given no position: after every other. */
    static final String NEXT_POSITION = "(select coalesce(max(position), 0) + 1 from section)";
    private static final String INSERT = "insert into section as s (slug, name, description, parent_id, position,"
            + " created_at, updated_at) values (?, ?, ?, ?, coalesce(?, " + NEXT_POSITION + "), ?, ?)";
    /** An existing section keeps its place unless a position is given. */
    private static final String ON_SLUG_UPDATE = " on conflict (slug) do update set name = excluded.name,"
            + " description = excluded.description, parent_id = excluded.parent_id,"
            + " position = coalesce(?, s.position), updated_at = excluded.updated_at";
    private static final String RETURNING = " returning id, (xmax = 0) as inserted";
    /**
     * Serialises moves of sections until the transaction ends, so that two moves cannot each
     * check the tree before the other commits (A under B and B under A). The key is arbitrary
     * and is used for nothing else.
     */
    private static final String LOCK_TREE = "select 1 from pg_advisory_xact_lock(7301)";

    /** A section as written: its id, and whether it is new. */
    public record Written(long id, boolean inserted) {
    }

    private final SectionQueries queries;
    private final ChangeLog changeLog;

    SectionWrites(SectionQueries queries, ChangeLog changeLog) {
        this.queries = queries;
        this.changeLog = changeLog;
    }

    /** A new section with this slug (the caller claimed it). */
    public Written insert(Connection connection, String slug, SectionInput input, Instant now) throws SQLException {
        return write(connection, INSERT + RETURNING, values(slug, input, now), now);
    }

    /** The section with this slug, created or updated. */
    public Written upsert(Connection connection, String slug, SectionInput input, Instant now) throws SQLException {
        List<Object> values = values(slug, input, now);
        values.add(input.position());
        return write(connection, INSERT + ON_SLUG_UPDATE + RETURNING, values, now);
    }

    /**
     * Before the section with {@code slug} moves under {@code parentId}: takes the tree lock on
     * {@code connection} (held to its commit, like every move) and refuses a parent inside the
     * section's own subtree, naming the parent as {@code field}.
     */
    public void checkMove(Connection connection, String slug, Long parentId, String field) throws SQLException {
        Sql.list(connection, LOCK_TREE, List.of(), row -> true);
        if (parentId != null && queries.subtreeIds(slug).contains(parentId)) {
            throw ApiException.invalid(field, "cannot be the section itself or one of its subsections");
        }
    }

    /** The name and description as stored: trimmed, and no description when blank. */
    static String name(SectionInput input) {
        return input.name().strip();
    }

    static String description(SectionInput input) {
        return OptionalText.of(input.description());
    }

    private static List<Object> values(String slug, SectionInput input, Instant now) {
        return new ArrayList<>(Arrays.asList(slug, name(input), description(input), input.parentId(),
                input.position(), now, now));
    }

    private Written write(Connection connection, String statement, List<Object> values, Instant now)
            throws SQLException {
        Written written = Sql.list(connection, statement, values,
                row -> new Written(row.getLong("id"), row.getBoolean("inserted"))).get(0);
        Kind kind = written.inserted() ? Kind.CREATED : Kind.UPDATED;
        changeLog.append(connection, List.of(new Change(EntityType.SECTION, written.id(), kind, now)), now);
        return written;
    }
}
