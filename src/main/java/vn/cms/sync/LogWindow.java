package vn.cms.sync;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a reader of the change log learns when it moves from one position to another: the
 * scheduled rows at most {@code from.id} that came due, by time, then the rows after
 * {@code from.id}, by id ({@link ChangeLog#between}). {@code complete} is false when there were
 * more than the reader takes at once: {@code entries} then holds none of them.
 */
public record LogWindow(LogPosition from, LogPosition to, List<ChangeLog.Entry> entries, boolean complete) {

    /**
     * The position a reader stands at once it has seen the entries up to {@code index}: each is
     * a valid place to resume from. Within scheduled rows due at the same instant, only the last
     * stands past that instant, so a reader resuming between two of them sees the group again
     * rather than miss one.
     */
    public LogPosition positionAfter(int index) {
        ChangeLog.Entry entry = entries.get(index);
        if (entry.id() > from.id()) {
            return new LogPosition(entry.id(), to.time());
        }
        boolean lastOfItsInstant = index + 1 == entries.size() || entries.get(index + 1).id() > from.id()
                || !entries.get(index + 1).visibleAt().equals(entry.visibleAt());
        return new LogPosition(from.id(), lastOfItsInstant ? entry.visibleAt()
                : entry.visibleAt().minus(1, ChronoUnit.MICROS));
    }
}
