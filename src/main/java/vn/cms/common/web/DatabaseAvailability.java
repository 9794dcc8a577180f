package vn.cms.common.web;

import java.sql.SQLException;

/** Tells a database that cannot be reached (503, worth a retry) from a genuine fault (500). */
final class DatabaseAvailability {

    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseAvailability() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exceptions; 57P: server shutting down; none: the pool gave up waiting.
                if (state == null || state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }
}
