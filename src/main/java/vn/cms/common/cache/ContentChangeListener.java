package vn.cms.common.cache;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import vn.cms.article.ArticleQueries;

/**
 * Listens on one database connection for the notifications that the triggers of migration V4
 * send (content, or only view counts) and drops this instance's cached public responses (and,
 * for content, its cached counts) when one comes, so that a
 * change made through another instance shows here within milliseconds. Between notifications it
 * keeps the cache told of the next scheduled publication. When the connection is lost, the
 * cache's own expiry still bounds staleness until it is back.
 */
@ApplicationScoped
public class ContentChangeListener {

    private static final Logger LOG = Logger.getLogger(ContentChangeListener.class);
    private static final String CONTENT = "cms_content_changed";
    private static final String VIEWS = "cms_views_changed";
    private static final int POLL_MILLIS = 250;
    private static final String NEXT_PUBLICATION = "select min(a.published_at) from article a where "
            + ArticleQueries.SCHEDULED;

    private final AgroalDataSource dataSource;
    private final PublicResponseCache cache;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    ContentChangeListener(AgroalDataSource dataSource, PublicResponseCache cache, Clock clock) {
        this.dataSource = dataSource;
        this.cache = cache;
        this.clock = clock;
    }

    void start(@Observes StartupEvent start) {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::listen, "content-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(POLL_MILLIS * 4L);
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CONTENT);
                    listen.execute("listen " + VIEWS);
                }
                // Whatever changed while not listening may be cached: start afresh.
                cache.invalidateAll();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null && Arrays.stream(received).anyMatch(n -> n.getName().equals(CONTENT))) {
                        cache.invalidateAll();
                    } else if (received != null && received.length > 0) {
                        cache.invalidateResponses();
                    }
                    cache.nextPublication(nextPublication(connection));
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Content change notifications interrupted, reconnecting: %s", e.getMessage());
                    pause();
                }
            }
        }
    }

    private Instant nextPublication(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(NEXT_PUBLICATION)) {
            query.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                OffsetDateTime next = row.getObject(1, OffsetDateTime.class);
                return next == null ? null : next.toInstant();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
