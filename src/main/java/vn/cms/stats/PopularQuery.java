package vn.cms.stats;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import vn.cms.common.web.QueryParameters;

/**
 * The query string of {@code GET /api/v1/stats/popular}.
 *
 * @param section a section slug (its subsections included), or null for all
 */
record PopularQuery(Period period, int limit, String section) {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final Set<String> PARAMETERS = Set.of("period", "limit", "section");

    /** Calendar periods of the site zone that end today; "all" is every view ever counted. */
    enum Period {
        DAY, WEEK, MONTH, ALL;

        /** The first day counted, or null for all time. */
        LocalDate firstDay(LocalDate today) {
            return switch (this) {
                case DAY -> today;
                case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> today.withDayOfMonth(1);
                case ALL -> null;
            };
        }

        static Period of(String parameter) {
            return Arrays.stream(values()).filter(p -> p.name().toLowerCase(Locale.ROOT).equals(parameter))
                    .findFirst().orElseThrow();
        }
    }

    static PopularQuery parse(MultivaluedMap<String, String> parameters) {
        QueryParameters p = new QueryParameters(parameters, PARAMETERS);
        Period period = p.value("period", Period::of, "must be one of day, week, month, all");
        Integer limit = p.integer("limit", 1, MAX_LIMIT);
        String section = p.text("section");
        p.throwIfInvalid();
        return new PopularQuery(period == null ? Period.WEEK : period, limit == null ? DEFAULT_LIMIT : limit, section);
    }
}
