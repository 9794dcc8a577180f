package vn.cms.section;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.cms.article.ArticleQueries;
import vn.cms.common.db.Sql;
import vn.cms.common.text.Nfc;
import vn.cms.common.web.ApiException;

/** Public reads of sections, each with the number of public articles in its subtree. */
@ApplicationScoped
public class SectionQueries {

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
                select a.section_id, count(*) as n from article a where %s group by a.section_id
            )
            select s.id, s.slug, s.name, s.description, s.parent_id, s.position,
                   coalesce((select sum(pc.n) from subtree t join public_counts pc on pc.section_id = t.id
                             where t.root_id = s.id), 0) as article_count
            from section s
            where s.id in (select root_id from subtree)
            order by s.position, s.id
            """.formatted("%s", ArticleQueries.PUBLIC);

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

    /**
     * The ids of the section with this slug and of its subsections, for a list narrowed to it by
     * the query parameter {@code section}: an unknown slug is invalid input.
     */
    public Long[] subtreeIdsOf(String sectionParameter) {
        List<Long> ids = subtreeIds(sectionParameter);
        if (ids.isEmpty()) {
            throw ApiException.invalid("section", "no section has the slug '" + sectionParameter + "'");
        }
        return ids.toArray(Long[]::new);
    }

    /** The ids of the section with this id and of all its descendants; empty for an unknown id. */
    public List<Long> subtreeIds(long id) {
        return sql.list(SUBTREE_IDS.formatted("id = ?"), List.of(id), row -> row.getLong(1));
    }

    /** The id of the section with this slug, if there is one. */
    public Optional<Long> idBySlug(String slug) {
        return sql.one("select id from section where slug = ?", List.of(slug), row -> row.getLong(1));
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
