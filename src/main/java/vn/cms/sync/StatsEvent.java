package vn.cms.sync;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.cms.stats.SiteStats;

/** The data of an {@code event: stats}: the counter block of a portal page. */
@Schema(name = "StatsEvent", requiredProperties = {"totalVisits", "onlineNow", "pageViews"})
public record StatsEvent(
        @Schema(description = "As totalVisits of GET /api/v1/stats", examples = "41482202") long totalVisits,
        @Schema(description = "As onlineNow of GET /api/v1/stats", examples = "59") long onlineNow,
        @Schema(description = "As pageViews of GET /api/v1/stats", examples = "98211540") long pageViews) {

    static StatsEvent of(SiteStats stats) {
        return new StatsEvent(stats.totalVisits(), stats.onlineNow(), stats.pageViews());
    }
}
