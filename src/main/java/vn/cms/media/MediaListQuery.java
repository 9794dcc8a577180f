package vn.cms.media;

import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import vn.cms.common.db.Sql;
import vn.cms.common.web.QueryParameters;

/** The query string of GET /api/v1/media. */
record MediaListQuery(String q, int page, int size, Cursor cursor) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    /** Deep offsets cost a scan; a cursor does not. */
    static final int MAX_PAGE = 10_000;

    /** Where the next page starts: after the item created at {@code createdAt} with {@code id}. */
    record Cursor(Instant createdAt, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((Sql.micros(createdAt) + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(text);
            }
            return new Cursor(Sql.ofMicros(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
        }
    }

    static MediaListQuery of(MultivaluedMap<String, String> parameters) {
        QueryParameters p = new QueryParameters(parameters, Set.of("q", "page", "size", "cursor"));
        String q = p.text("q");
        if (q != null && q.length() > 200) {
            p.error("q", "must be at most 200 characters");
        }
        Integer page = p.integer("page", 1, MAX_PAGE);
        Integer size = p.integer("size", 1, MAX_SIZE);
        Cursor cursor = p.value("cursor", Cursor::decode, "must be the nextCursor of a previous page");
        if (page != null && parameters.containsKey("cursor")) {
            p.error("page", "cannot be combined with cursor");
        }
        p.throwIfInvalid();
        return new MediaListQuery(q, page == null ? 1 : page, size == null ? DEFAULT_SIZE : size, cursor);
    }
}
