package vn.cms.stats;

import java.time.Instant;
import java.util.UUID;

/** One accepted page view: who (a hashed visitor), what (an article or another page) and when. */
record Hit(UUID visitor, Long articleId, Instant at) {
}
