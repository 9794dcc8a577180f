package vn.cms.common.web;

import java.sql.SQLException;

/** Tells a database that cannot be reached (503, worth a retry) or a lost race (409) from a genuine fault (500). */
final class DatabaseFailures {

    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {
    }

    /** A unique constraint refused a row a concurrent request had just written (SQLSTATE 23505). */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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
