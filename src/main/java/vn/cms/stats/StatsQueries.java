package vn.cms.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import vn.cms.article.ArticleQueries;
import vn.cms.article.ArticleSummary;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.db.Sql;
import vn.cms.section.SectionQueries;

/**
 * The numbers of the counter, from the per-day totals (never from raw hits) in one query, and the
 * most viewed public articles.
 */
@ApplicationScoped
public class StatsQueries {

    private static final String SITE_STATS = """
            select coalesce(sum(d.visits), 0) as total_visits,
                   coalesce(sum(d.page_views), 0) as page_views,
                   coalesce(sum(d.visits) filter (where d.day = ?), 0) as today,
                   coalesce(sum(d.visits) filter (where d.day = ?), 0) as yesterday,
                   coalesce(sum(d.visits) filter (where d.day between ? and ?), 0) as this_week,
                   coalesce(sum(d.visits) filter (where d.day between ? and ?), 0) as this_month,
                   (select count(*) from stats_visitor v where v.last_hit_at > ? and v.last_hit_at <= ?) as online_now,
                   (select since from stats_counting) as since
            from stats_day d""";

    private final Sql sql;
    private final ArticleQueries articles;
    private final SectionQueries sections;
    private final Clock clock;
    private final ZoneId zone;
    private final CmsConfig.Stats settings;

    StatsQueries(Sql sql, ArticleQueries articles, SectionQueries sections, Clock clock, CmsConfig config) {
        this.sql = sql;
        this.articles = articles;
        this.sections = sections;
        this.clock = clock;
        this.zone = config.site().timezone();
        this.settings = config.stats();
    }

    public SiteStats siteStats() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Object> params = List.of(today, today.minusDays(1), monday, today, today.withDayOfMonth(1), today,
                now.minus(settings.onlineWindow()), now);
        return sql.one(SITE_STATS, params, row -> new SiteStats(
                row.getLong("total_visits") + settings.baselineVisits(),
                row.getLong("online_now"),
                row.getLong("today"),
                row.getLong("yesterday"),
                row.getLong("this_week"),
                row.getLong("this_month"),
                row.getLong("page_views"),
                atSite(Sql.instant(row, "since")),
                zone.getId(),
                atSite(now))).orElseThrow();
    }

    /** Whole seconds, as every timestamp of the API: {@code 2017-03-15T14:00:00+07:00}. */
    private OffsetDateTime atSite(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime();
    }

    /**
     * The most viewed public articles of the period that ends today, most first (ties: newest id
     * first): views of the period's days in the site zone, or of all time. Only articles viewed
     * at all are listed; {@code section} narrows to a section's subtree.
     */
    List<ArticleSummary> popular(PopularQuery query) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate firstDay = query.period().firstDay(today);
        List<Object> params = new ArrayList<>();
        String from;
        String views;
        if (firstDay == null) {
            from = "article a";
            views = "a.view_count";
        } else {
            from = "(select article_id, sum(views) as views from article_day_views where day between ? and ?"
                    + " group by article_id) p join article a on a.id = p.article_id";
            views = "p.views";
            params.add(firstDay);
            params.add(today);
        }
        StringBuilder where = new StringBuilder(ArticleQueries.PUBLIC + " and " + views + " > 0");
        params.add(now);
        if (query.section() != null) {
            where.append(" and a.section_id = any(?)");
            params.add(sections.subtreeIdsOf(query.section()));
        }
        params.add(query.limit());
        return sql.list("select " + ArticleQueries.SUMMARY_COLUMNS + " from " + from
                + " join section s on s.id = a.section_id where " + where + " order by " + views + " desc, a.id desc limit ?",
                params, articles::summary);
    }
}
