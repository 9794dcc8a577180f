package vn.cms.stats;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Sha256;

/**
 * Who a hit comes from, without cookies and without keeping an address: the client's own
 * {@code visitorId} when it sends one, otherwise a hash of the day's secret salt, the client
 * address and the User-Agent. Salts live in the database so that every instance hashes alike;
 * each is kept in memory for its day, so that a hit costs no round trip.
 */
@ApplicationScoped
public class VisitorIdentity {

    private final HitStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<LocalDate, byte[]> salts = new ConcurrentHashMap<>();

    VisitorIdentity(HitStore store, Clock clock, CmsConfig config) {
        this.store = store;
        this.clock = clock;
        this.zone = config.site().timezone();
    }

    UUID of(String visitorId, String address, String userAgent, Instant at) {
        if (visitorId != null) {
            return hash(new byte[] {'i', 'd'}, visitorId);
        }
        return hash(salt(LocalDate.ofInstant(at, zone)), address + '\n' + (userAgent == null ? "" : userAgent));
    }

    /**
     * Keeps today's and tomorrow's salts at hand and forgets older ones, from start-up on, so
     * that hits (served on the event loop) never wait for one, not even at midnight.
     */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prepareSalts() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        salt(today);
        salt(today.plusDays(1));
        salts.keySet().removeIf(day -> day.isBefore(today.minusDays(1)));
    }

    void onStart(@Observes StartupEvent start) {
        prepareSalts();
    }

    private byte[] salt(LocalDate day) {
        return salts.computeIfAbsent(day, store::salt);
    }

    private static UUID hash(byte[] salt, String identity) {
        ByteBuffer digest = ByteBuffer.wrap(Sha256.of(salt, identity.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }
}
