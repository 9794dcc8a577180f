package vn.cms.section;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;

/** Public reads of sections, each with the number of public articles in its subtree. */
@ApplicationScoped
public class SectionQueries {

    /**
     * Serialises moves of sections until the transaction ends, so that two moves cannot each
     * check the tree before the other commits (A under B and B under A). The key is arbitrary
     * and is used for nothing else.
     */
    public static final String LOCK_TREE = "select 1 from pg_advisory_xact_lock(7301)";

    /*
     * The recursive queries below use UNION, not UNION ALL: a row already reached is not walked
     * again, so they end even if the data held a cycle.
     */

    /**
     * %s narrows the sections listed; each listed section counts the public articles of
     * its whole subtree, so articleCount equals totalItems of {@code /articles?section=}.
     */
    private static final String SELECT = """
            with recursive subtree (root_id, id) as (
                select id, id from section s where %s
                union
                select t.root_id, c.id from subtree t join section c on c.parent_id = t.id
            ), public_counts as (
                select section_id, count(*) as n from article
                where status = 'PUBLISHED' and published_at <= ? and deleted_at is null
                group by section_id
            )
            select s.id, s.slug, s.name, s.description, s.parent_id, s.position,
                   coalesce((select sum(pc.n) from subtree t join public_counts pc on pc.section_id = t.id
                             where t.root_id = s.id), 0) as article_count
            from section s
            where s.id in (select root_id from subtree)
            order by s.position, s.id
            """;

    private static final String SUBTREE_IDS = """
            with recursive subtree (id) as (
                select id from section where %s
                union
                select c.id from subtree t join section c on c.parent_id = t.id
            )
            select id from subtree
            """;

    private final Sql sql;
    private final Clock clock;

    SectionQueries(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public List<SectionView> all() {
        return sql.list(SELECT.formatted("true"), List.of(Instant.now(clock)), SectionQueries::view);
    }

    public Optional<SectionView> byId(long id) {
        return sql.one(SELECT.formatted("s.id = ?"), List.of(id, Instant.now(clock)), SectionQueries::view);
    }

    public Optional<SectionView> bySlug(String slug) {
        return sql.one(SELECT.formatted("s.slug = ?"), List.of(Nfc.of(slug), Instant.now(clock)), SectionQueries::view);
    }

    /** A section's slug and name, without counting its articles (a feed's title needs no more). */
    public record SectionName(String slug, String name) {
    }

    /** The section with this slug, or empty; one row, where {@link #bySlug} counts every public article. */
    public Optional<SectionName> nameBySlug(String slug) {
        return sql.one("select slug, name from section where slug = ?", List.of(Nfc.of(slug)),
                row -> new SectionName(row.getString("slug"), Nfc.of(row.getString("name"))));
    }

    /** The ids of the section with this slug and of all its descendants; empty for an unknown slug. */
    public List<Long> subtreeIds(String slug) {
        return sql.list(SUBTREE_IDS.formatted("slug = ?"), List.of(Nfc.of(slug)), row -> row.getLong(1));
    }

    /** The ids of the section with this id and of all its descendants; empty for an unknown id. */
    public List<Long> subtreeIds(long id) {
        return sql.list(SUBTREE_IDS.formatted("id = ?"), List.of(id), row -> row.getLong(1));
    }

    /** Takes {@link #LOCK_TREE} in the current transaction. */
    void lockTree() {
        sql.one(LOCK_TREE, List.of(), row -> true);
    }

    private static SectionView view(ResultSet row) throws SQLException {
        return new SectionView(
                row.getLong("id"),
                row.getString("slug"),
                Nfc.of(row.getString("name")),
                Nfc.of(row.getString("description")),
                row.getObject("parent_id", Long.class),
                row.getInt("position"),
                row.getLong("article_count"));
    }
}
