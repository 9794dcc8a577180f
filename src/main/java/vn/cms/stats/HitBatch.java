package vn.cms.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hits accepted since the last write, folded into what the database needs: per visitor the
 * first and last hit (and any new visit that began inside the batch), page views per day and
 * per article and day. Not thread-safe: {@link HitRecorder} guards it.
 */
final class HitBatch {

    /** A visitor's hits in this batch. {@code laterVisitStarts}: hits a visit gap after the one before. */
    static final class VisitorHits {
        final Instant first;
        Instant last;
        final List<Instant> laterVisitStarts = new ArrayList<>(0);

        VisitorHits(Instant first) {
            this.first = first;
            this.last = first;
        }
    }

    record ArticleDay(long articleId, LocalDate day) {
    }

    private final Duration visitGap;
    private final ZoneId zone;
    final Map<UUID, VisitorHits> visitors = new HashMap<>();
    final Map<LocalDate, Long> pageViews = new HashMap<>();
    final Map<ArticleDay, Long> articleViews = new HashMap<>();
    private int size;

    HitBatch(Duration visitGap, ZoneId zone) {
        this.visitGap = visitGap;
        this.zone = zone;
    }

    void add(Hit hit) {
        size++;
        LocalDate day = day(hit.at());
        pageViews.merge(day, 1L, Long::sum);
        if (hit.articleId() != null) {
            articleViews.merge(new ArticleDay(hit.articleId(), day), 1L, Long::sum);
        }
        VisitorHits seen = visitors.get(hit.visitor());
        if (seen == null) {
            visitors.put(hit.visitor(), new VisitorHits(hit.at()));
            return;
        }
        if (startsVisit(hit.at(), seen.last)) {
            seen.laterVisitStarts.add(hit.at());
        }
        if (hit.at().isAfter(seen.last)) {
            seen.last = hit.at();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The hits added. */
    int size() {
        return size;
    }

    /** A hit begins a new visit when the visitor's previous hit is at least a visit gap older. */
    boolean startsVisit(Instant hit, Instant previousHit) {
        return previousHit == null || Duration.between(previousHit, hit).compareTo(visitGap) >= 0;
    }

    LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }
}
