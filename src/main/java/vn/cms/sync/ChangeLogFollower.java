package vn.cms.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Reads the change log as it grows, for one instance: one database connection listens for the
 * notification that every append sends at its commit (migrations V11, V19: the payload is the
 * schema of the log, as other schemas of the database notify on the same channel), and scheduled rows are
 * read when the clock reaches them. Each move is handed on as a {@link LogWindow}, in order,
 * from one thread. A lost connection loses nothing: the follower keeps its position and reads
 * what was appended meanwhile once it is back.
 */
final class ChangeLogFollower {

    static final String CHANNEL = "cms_change_log";
    private static final Logger LOG = Logger.getLogger(ChangeLogFollower.class);
    /** How often the clock is looked at for scheduled rows; notifications wake it at once. */
    private static final int WAIT_MILLIS = 100;

    private final DataSource dataSource;
    private final ChangeLog log;
    private final Clock clock;
    private final int maxWindow;
    private final Reader reader;
    private volatile boolean running;
    private LogPosition position;
    private Instant nextScheduled;
    private Thread thread;

    /** Told of each move, on the follower's thread. */
    @FunctionalInterface
    interface Reader {
        /** {@code nextScheduled}: when the next scheduled row comes due, or null. Must not throw. */
        void moved(LogWindow window, Instant nextScheduled);
    }

    /** {@code maxWindow}: the most rows handed on at once; a larger move is handed on without its rows. */
    ChangeLogFollower(DataSource dataSource, ChangeLog log, Clock clock, int maxWindow, Reader reader) {
        this.dataSource = dataSource;
        this.log = log;
        this.clock = clock;
        this.maxWindow = maxWindow;
        this.reader = reader;
    }

    /** Starts from what is committed and visible now; answers that position. */
    LogPosition start(String threadName) {
        position = log.now();
        nextScheduled = log.nextScheduled(position.time()).orElse(null);
        running = true;
        thread = new Thread(this::follow, threadName);
        thread.setDaemon(true);
        thread.start();
        return position;
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(WAIT_MILLIS * 10L);
        }
    }

    private void follow() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                String schema;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + CHANNEL);
                    schema = connection.getSchema();
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                // Whatever was appended while not listening is read now.
                boolean due = true;
                while (running) {
                    if (due) {
                        move();
                    }
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    Instant next = nextScheduled;
                    due = (received != null && Arrays.stream(received).anyMatch(n -> schema.equals(n.getParameter())))
                            || (next != null && !clock.instant().isBefore(next));
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Following the change log was interrupted, reconnecting: %s", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void move() {
        LogPosition to = log.now();
        LogWindow window = log.between(position, to, maxWindow);
        nextScheduled = log.nextScheduled(to.time()).orElse(null);
        position = to;
        reader.moved(window, nextScheduled);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
