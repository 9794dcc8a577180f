package vn.cms.common.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.cms.common.config.CmsConfig;

/**
 * Cross-origin access for browsers. Public reads and page-view hits are open to every origin
 * (they are public, and a portal's frontends live on other hosts); requests with credentials
 * and writes only to {@code cms.cors.origins} ({@code *}: any). Access tokens travel in the
 * Authorization header, never in cookies, so no origin is ever granted credentials mode.
 */
@ApplicationScoped
public class Cors {

    private static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    /** Last-Event-ID: an EventSource reconnecting to the live events sends it. */
    private static final String HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID";
    private static final String EXPOSED = "ETag, Location, Link, Retry-After";
    private static final String ONE_DAY = "86400";

    private final boolean anyOrigin;
    private final Set<String> origins;

    Cors(CmsConfig config) {
        List<String> configured = config.cors().origins();
        this.anyOrigin = configured.contains("*");
        this.origins = Set.copyOf(configured);
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CORS).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        if (origin == null || !request.path().startsWith(HttpCaching.API)) {
            ctx.next();
            return;
        }
        String preflightMethod = request.method() == HttpMethod.OPTIONS
                ? request.getHeader("Access-Control-Request-Method") : null;
        boolean open = preflightMethod != null
                ? isOpen(preflightMethod, request.path(), requestsCredentials(request.getHeader("Access-Control-Request-Headers")))
                : isOpen(request.method().name(), request.path(), request.getHeader("Authorization") != null);
        boolean allowed = open || anyOrigin || origins.contains(origin);
        HttpServerResponse response = ctx.response();
        if (preflightMethod == null) {
            if (allowed) {
                allowOrigin(response, open, origin);
                response.putHeader("Access-Control-Expose-Headers", EXPOSED);
            }
            ctx.next();
            return;
        }
        if (!allowed) {
            ctx.fail(403);
            return;
        }
        allowOrigin(response, open, origin);
        response.putHeader("Access-Control-Allow-Methods", METHODS)
                .putHeader("Access-Control-Allow-Headers", HEADERS)
                .putHeader("Access-Control-Max-Age", ONE_DAY)
                .setStatusCode(204)
                .end();
    }

    private void allowOrigin(HttpServerResponse response, boolean open, String origin) {
        if (open || anyOrigin) {
            response.putHeader("Access-Control-Allow-Origin", "*");
        } else {
            response.putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        }
    }

    /** Reads without credentials, and page-view hits, are for everyone. */
    private static boolean isOpen(String method, String path, boolean withCredentials) {
        if (path.equals(RouterProblems.HITS_PATH)) {
            return method.equals("POST") && !withCredentials;
        }
        return (method.equals("GET") || method.equals("HEAD")) && !withCredentials;
    }

    private static boolean requestsCredentials(String requestedHeaders) {
        return requestedHeaders != null && requestedHeaders.toLowerCase(Locale.ROOT).contains("authorization");
    }
}
