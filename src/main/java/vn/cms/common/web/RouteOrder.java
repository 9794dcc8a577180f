package vn.cms.common.web;

/**
 * The order of this service's Vert.x routes among the framework's, in one place. Quarkus's own
 * security handlers run at about −200 (authentication) to −100 (authorisation), its body-size
 * check at −2 and compression at 0; resources come after all of them.
 */
public final class RouteOrder {

    /** Headers every answer carries, so before anything that may answer. */
    public static final int SECURITY_HEADERS = -300;
    /** Cross-origin headers, which the kept images need too; preflights are answered here. */
    public static final int CORS = -290;
    /**
     * Kept image variants, the most asked-for bytes: answered before the framework's security and
     * observability handlers, which a public file that the route itself checks strictly needs none
     * of (a request with credentials, or anything it does not fully understand, goes on).
     */
    public static final int KEPT_MEDIA = -280;
    /** Request-line, header and body-size checks, after the framework's own (−2). */
    public static final int REQUEST_CHECKS = -1;
    /** Public reads from the response cache, after compression has set its defaults. */
    public static final int CACHED_READS = 2;

    private RouteOrder() {
    }
}
