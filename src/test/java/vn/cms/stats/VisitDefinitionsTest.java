package vn.cms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Hits.stats;
import static vn.cms.testing.Hits.view;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.cms.common.db.Sql;
import vn.cms.testing.Hits;
import vn.cms.testing.TestClock;

/**
 * The definitions of api.md, with the service's clock stopped where each test needs it. Each
 * test counts on days of its own, far from the others', so its numbers are exact.
 */
@QuarkusTest
class VisitDefinitionsTest {

    @Inject
    TestClock clock;
    @Inject
    HitRecorder recorder;
    @Inject
    Sql sql;

    private void at(String siteTime) {
        clock.set(OffsetDateTime.parse(siteTime).toInstant());
    }

    private JsonPath statsNow() {
        recorder.flush();
        return stats();
    }

    private static String visitor() {
        return UUID.randomUUID().toString();
    }

    @Test
    void hitsCloserThanTheVisitGapAreOneVisitAndAGapOfThirtyMinutesStartsAnother() {
        String reader = visitor();
        String address = Hits.newAddress();
        at("2031-01-07T08:00:00+07:00");
        view(reader, null, address);
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        view(reader, null, address);
        assertEquals(1, statsNow().getLong("visitsToday"));

        clock.advance(Duration.ofMinutes(30));
        view(reader, null, address);
        JsonPath stats = statsNow();
        assertEquals(2, stats.getLong("visitsToday"));
        assertEquals(List.of(3L), pageViews("2031-01-07"));
    }

    @Test
    void aVisitGapInsideOneUnwrittenBatchStillStartsANewVisit() {
        String reader = visitor();
        String address = Hits.newAddress();
        recorder.flush();
        at("2031-01-08T08:00:00+07:00");
        view(reader, null, address);
        clock.advance(Duration.ofMinutes(45));
        view(reader, null, address);
        clock.advance(Duration.ofMinutes(1));
        view(reader, null, address);
        assertEquals(2, statsNow().getLong("visitsToday"));
    }

    @Test
    void onlineNowCountsDistinctVisitorsWithAHitInTheLastFiveMinutes() {
        String address = Hits.newAddress();
        String early = visitor();
        String recent = visitor();
        String twice = visitor();
        at("2031-01-09T10:00:00+07:00");
        view(early, null, address);
        at("2031-01-09T10:00:01+07:00");
        view(recent, null, address);
        view(twice, null, address);
        at("2031-01-09T10:04:00+07:00");
        view(twice, null, address);

        at("2031-01-09T10:05:00+07:00");
        assertEquals(2, statsNow().getLong("onlineNow"));
        at("2031-01-09T10:05:01+07:00");
        assertEquals(1, statsNow().getLong("onlineNow"));
        at("2031-01-09T10:09:01+07:00");
        assertEquals(0, statsNow().getLong("onlineNow"));
    }

    @Test
    void daysEndAtMidnightInHoChiMinhCityAndAVisitCountsOnTheDayItBegan() {
        String address = Hits.newAddress();
        String nightOwl = visitor();
        at("2031-02-11T23:50:00+07:00");
        view(nightOwl, null, address);
        at("2031-02-12T00:05:00+07:00");
        view(nightOwl, null, address);
        view(visitor(), null, address);

        JsonPath stats = statsNow();
        assertEquals(1, stats.getLong("visitsToday"));
        assertEquals(1, stats.getLong("visitsYesterday"));
        assertEquals("2031-02-12T00:05:00+07:00", stats.getString("generatedAt"));
        assertEquals("Asia/Ho_Chi_Minh", stats.getString("timezone"));
        assertEquals(true, stats.getString("since").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00"));
        assertEquals(List.of(1L, 2L), pageViews("2031-02-11", "2031-02-12"));
    }

    @Test
    void weeksBeginOnMondayAndMonthsOnTheFirstInTheSiteZone() {
        String address = Hits.newAddress();
        // Sunday 31 August 2031, 23:59 in Hồ Chí Minh City, is 16:59 UTC the same day.
        at("2031-08-31T23:59:00+07:00");
        view(visitor(), null, address);
        JsonPath sunday = statsNow();
        assertEquals(1, sunday.getLong("visitsThisWeek"));
        assertEquals(1, sunday.getLong("visitsThisMonth"));

        // Monday 1 September, 00:00 there, is still 31 August in UTC.
        at("2031-09-01T00:00:00+07:00");
        view(visitor(), null, address);
        view(visitor(), null, address);
        JsonPath monday = statsNow();
        assertEquals(2, monday.getLong("visitsToday"));
        assertEquals(1, monday.getLong("visitsYesterday"));
        assertEquals(2, monday.getLong("visitsThisWeek"));
        assertEquals(2, monday.getLong("visitsThisMonth"));

        at("2031-09-07T23:59:59+07:00");
        view(visitor(), null, address);
        JsonPath nextSunday = statsNow();
        assertEquals(3, nextSunday.getLong("visitsThisWeek"));
        assertEquals(3, nextSunday.getLong("visitsThisMonth"));
    }

    @Test
    void totalVisitsCarriesOnTheLegacyCounterAndPageViewsCountEveryHit() {
        JsonPath before = statsNow();
        at("2031-03-03T09:00:00+07:00");
        String reader = visitor();
        String address = Hits.newAddress();
        view(reader, null, address);
        view(reader, null, address);
        view(visitor(), null, address);

        JsonPath after = statsNow();
        assertEquals(2, after.getLong("totalVisits") - before.getLong("totalVisits"));
        assertEquals(3, after.getLong("pageViews") - before.getLong("pageViews"));
        long counted = sql.count("select coalesce(sum(visits), 0) from stats_day", List.of());
        assertEquals(41_482_202 + counted, after.getLong("totalVisits"));
        assertEquals(sql.count("select coalesce(sum(page_views), 0) from stats_day", List.of()), after.getLong("pageViews"));
    }

    @Test
    void withoutAVisitorIdTheSameBrowserAtTheSameAddressIsOneVisitor() {
        String address = Hits.newAddress();
        at("2031-04-14T09:00:00+07:00");
        view(null, null, address);
        clock.advance(Duration.ofMinutes(10));
        view(null, null, address);
        Hits.send(Hits.page("/", null, null), address, Hits.BROWSER.replace("17_5", "18_0")).statusCode(202);
        Hits.send(Hits.page("/", null, null), Hits.newAddress(), Hits.BROWSER).statusCode(202);

        JsonPath stats = statsNow();
        assertEquals(3, stats.getLong("visitsToday"));
        assertEquals(3, stats.getLong("onlineNow"));
    }

    private List<Long> pageViews(String... days) {
        return java.util.Arrays.stream(days).map(day -> sql.count(
                "select coalesce(sum(page_views), 0) from stats_day where day = ?::date", List.of(day))).toList();
    }
}
