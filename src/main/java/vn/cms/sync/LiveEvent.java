package vn.cms.sync;

/**
 * One message of {@code GET /api/v1/events}: a named event with its JSON data and, for content
 * events, the log position to resume from; or, without a name, a heartbeat comment.
 */
public record LiveEvent(String name, String id, String data) {

    static final LiveEvent HEARTBEAT = new LiveEvent(null, null, null);

    public boolean heartbeat() {
        return name == null;
    }
}
