package vn.cms.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import vn.cms.common.db.Sql;

/**
 * How far a reader of the change log has come: it has seen every row with an id up to
 * {@code id} that was visible by {@code time} (a row appended as visible at once counts as
 * visible by then, whatever the clocks of the instances say). Scheduled rows with an id up to
 * {@code id} and a later time are still ahead of it. Written {@code <id>-<epoch microseconds>},
 * the {@code id:} of a live event.
 */
public record LogPosition(long id, Instant time) {

    private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,17})-(0|[1-9][0-9]{0,17})");

    public LogPosition {
        // The database keeps microseconds: a finer time would compare unlike it.
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    /** The position in its written form, or null when the text is not one. */
    static LogPosition parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            return null;
        }
        int dash = text.indexOf('-');
        return new LogPosition(Long.parseLong(text, 0, dash, 10), Sql.ofMicros(Long.parseLong(text.substring(dash + 1))));
    }

    String text() {
        return id + "-" + Sql.micros(time);
    }
}
