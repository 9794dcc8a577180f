package vn.cms.common.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.cms.common.config.CmsConfig;

/**
 * The browser-facing security headers, on every answer of the public port: resources, the read
 * cache, 304s, router-level problems, /q/ endpoints. They are added when the head is written,
 * so no later handler can drop them. {@code Referrer-Policy: no-referrer}: the API and its
 * documentation page link nowhere that should learn where a reader came from.
 * {@code Strict-Transport-Security} only when {@code cms.http.hsts} is set (behind HTTPS).
 */
@ApplicationScoped
public class SecurityHeaders {

    private final String strictTransportSecurity;

    SecurityHeaders(CmsConfig config) {
        this.strictTransportSecurity = config.http().hsts()
                .map(maxAge -> "max-age=" + maxAge.toSeconds() + "; includeSubDomains")
                .orElse(null);
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.SECURITY_HEADERS).handler(this::onHeadersWritten);
    }

    private void onHeadersWritten(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            if (strictTransportSecurity != null) {
                headers.set("Strict-Transport-Security", strictTransportSecurity);
            }
        });
        ctx.next();
    }
}
