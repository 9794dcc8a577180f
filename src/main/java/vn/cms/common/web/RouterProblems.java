package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import vn.cms.common.config.CmsConfig;

/**
 * Problem documents for what fails before any resource runs: a path nothing serves, or a
 * request the HTTP layer refuses (such as a body over the size limit). Without this the
 * framework would answer with its own HTML or empty bodies. It also refuses, before anything
 * reads them, requests whose target or headers are too long or hold a NUL character, which no
 * database column can store.
 */
@ApplicationScoped
public class RouterProblems {

    private static final Logger LOG = Logger.getLogger(RouterProblems.class);

    /** Streams its body, so it is bounded only by quarkus.http.limits.max-body-size. */
    public static final String IMPORT_PATH = "/api/v1/admin/import";
    /** Page-view beacons are small; a large one is a mistake or an attack. */
    public static final String HITS_PATH = "/api/v1/stats/hits";
    /** Image uploads are bounded by cms.media.max-size. */
    public static final String MEDIA_UPLOAD_PATH = "/api/v1/media";
    /** Where the HTTP layer looks for the limit while it reads a body without Content-Length. */
    private static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    private static final char NUL = '\0';

    private final ObjectMapper json;
    private final long maxBodySize;
    private final long maxHitSize;
    private final long maxUploadSize;
    private final long maxUriLength;
    private final long maxHeaderSize;

    RouterProblems(ObjectMapper json, CmsConfig config) {
        this.json = json;
        this.maxBodySize = config.http().maxBodySize().asLongValue();
        this.maxHitSize = config.stats().maxHitSize().asLongValue();
        // The multipart envelope (boundaries, part headers, alt and caption) around the image.
        this.maxUploadSize = config.media().maxSize().asLongValue() + 64 * 1024;
        this.maxUriLength = config.http().maxUriLength().asLongValue();
        this.maxHeaderSize = config.http().maxHeaderSize().asLongValue();
    }

    void register(@Observes Router router) {
        // After the framework's own check, which only knows the import's larger limit.
        router.route().order(RouteOrder.REQUEST_CHECKS).handler(this::checkRequest);
        router.route().last().handler(ctx -> write(ctx, ProblemMapper.problem(404,
                "No resource at " + ctx.request().path(), ctx.request().path())));
        router.route().failureHandler(this::failure);
    }

    private void checkRequest(RoutingContext ctx) {
        Problem refusal = refusal(ctx.request());
        if (refusal != null) {
            write(ctx, refusal);
        } else {
            limitBody(ctx);
        }
    }

    /**
     * Why the request line or headers cannot be served, or null. The HTTP layer's own limits are
     * set higher than these (quarkus.http.limits), so that up to there the answer is a problem
     * document rather than the framework's bare status.
     */
    private Problem refusal(HttpServerRequest request) {
        String path = request.path();
        if (request.uri().length() > maxUriLength) {
            return ProblemMapper.problem(414, "The request target is longer than " + maxUriLength
                    + " characters, the most this service reads", path);
        }
        // A NUL in a header, or a malformed escape in the target, never gets here: the HTTP layer
        // answers those with a bare 400 itself.
        long headerSize = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerSize += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerSize > maxHeaderSize) {
            return ProblemMapper.problem(431, "The request headers are larger than " + maxHeaderSize
                    + " bytes, the most this service reads", path);
        }
        if (QueryStringDecoder.decodeComponent(path).indexOf(NUL) >= 0) {
            return invalid(path, "path", "must not contain the NUL character");
        }
        String query = request.query();
        if (query == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> parameter : new QueryStringDecoder(query, StandardCharsets.UTF_8, false, (int) maxUriLength)
                .parameters().entrySet()) {
            if (parameter.getKey().indexOf(NUL) >= 0
                    || parameter.getValue().stream().anyMatch(value -> value.indexOf(NUL) >= 0)) {
                return invalid(path, parameter.getKey().replace(NUL, '\uFFFD'), "must not contain the NUL character");
            }
        }
        return null;
    }

    private static Problem invalid(String path, String field, String message) {
        ApiException invalid = ApiException.invalid(field, message);
        return new Problem(invalid.type(), invalid.title(), invalid.status(), invalid.getMessage(), path,
                invalid.errors());
    }

    private void limitBody(RoutingContext ctx) {
        // The resources answer with or without a trailing slash, so the limits must too.
        String requested = ctx.request().path();
        String path = requested.length() > 1 && requested.endsWith("/") ? requested.substring(0, requested.length() - 1) : requested;
        if (path.equals(IMPORT_PATH)) {
            ctx.next();
            return;
        }
        long limit = path.equals(HITS_PATH) ? maxHitSize : path.equals(MEDIA_UPLOAD_PATH) ? maxUploadSize : maxBodySize;
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > limit) {
            // Close once answered: the unread body would otherwise hold the connection.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ignored -> ctx.request().connection().close());
            write(ctx, ProblemMapper.problem(413, "The request body is larger than " + limit
                    + " bytes, the most this endpoint accepts", requested));
            return;
        }
        ctx.put(MAX_REQUEST_SIZE, limit);
        ctx.next();
    }

    /**
     * A body without Content-Length that grew past its limit: the HTTP layer's reader answers a bare
     * 413 and closes the connection itself, with no hook to give it a problem document.
     */
    static boolean refusedWhileRead(HttpServerResponse response) {
        return response.ended() && response.getStatusCode() == 413;
    }

    private void failure(RoutingContext ctx) {
        if (refusedWhileRead(ctx.response())) {
            // What follows the refusal (the resource's answer finding the response sent) changes nothing.
            LOG.debugf("Request to %s refused while its body was read: %s", ctx.request().path(), ctx.failure());
            return;
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "Request to %s failed before reaching the API", ctx.request().path());
        }
        String detail = switch (status) {
            case 413 -> "The request body is larger than this endpoint accepts";
            case 500 -> "An unexpected error occurred";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
        write(ctx, ProblemMapper.problem(status, detail, ctx.request().path()));
    }

    private void write(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
