package vn.cms.stats;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The site's visitor counter; days, weeks (Monday first) and months are those of the site zone. */
@Schema(name = "SiteStats", requiredProperties = {"totalVisits", "onlineNow", "visitsToday", "visitsYesterday",
        "visitsThisWeek", "visitsThisMonth", "pageViews", "since", "timezone", "generatedAt"})
public record SiteStats(
        @Schema(description = "Visits since counting began, plus cms.stats.baseline-visits", examples = "41482202")
        long totalVisits,
        @Schema(description = "Distinct visitors with a hit in the last 5 minutes (cms.stats.online-window)", examples = "59")
        long onlineNow,
        @Schema(description = "Visits that began today", examples = "12034")
        long visitsToday,
        @Schema(examples = "15873")
        long visitsYesterday,
        @Schema(description = "Visits that began since Monday", examples = "61240")
        long visitsThisWeek,
        @Schema(description = "Visits that began since the first of the month", examples = "301552")
        long visitsThisMonth,
        @Schema(description = "Page views since counting began", examples = "98211540")
        long pageViews,
        @Schema(description = "When counting began", examples = "2017-01-01T00:00:00+07:00")
        OffsetDateTime since,
        @Schema(description = "The site time zone (cms.site.timezone)", examples = "Asia/Ho_Chi_Minh")
        String timezone,
        @Schema(examples = "2017-03-15T14:00:00+07:00")
        OffsetDateTime generatedAt) {
}
