package vn.cms.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.cms.common.cache.PublicResponseCache;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.text.Sha256;

/**
 * HTTP caching for every GET (and HEAD), in one place. Each successful read carries an ETag (a
 * hash of its body, unless the resource set one, such as an editorial {@code "v<version>"}) and
 * a matching {@code If-None-Match} is answered 304. Public reads (no credentials) are
 * {@code public} with the configured max-age and are kept in {@link PublicResponseCache} under
 * the canonical form of their URI (parameters sorted, escapes normalised); a request for one
 * that is cached is answered here, before any resource runs, and a 304 then costs no body at
 * all; requests for one being built wait for it instead of building it again (not for a
 * streamed one, which each request writes itself). The one request that rebuilds a hot entry
 * ahead of its expiry goes to the resource like any other build.
 * Answers to requests with credentials are {@code private, no-store}; errors are
 * {@code no-store} where they are made. Bodies of 1 KB or more are gzip-compressed when the
 * client accepts it, a cached one once for every request (with its Content-Length). The cache is emptied by the writes that change content, at their commit
 * ({@link vn.cms.common.cache.ContentChanged}), never by the method of a request.
 */
@ApplicationScoped
public class HttpCaching {

    static final String API = "/api/v1/";
    private static final String BUILD = "cms.cache.build";
    /**
     * Never kept: each client's sync token is a URI of its own (kept, its answers would only push
     * shared ones out), and the event stream never ends.
     */
    private static final Set<String> UNCACHED = Set.of(API + "sync", API + "events");
    /** Images are files with validators of their own (media.MediaFileResource), too large to hold here. */
    private static final String MEDIA = API + "media/";
    private static final String FILE = "/file";
    private static final String VARY = "Accept-Encoding, Authorization";
    private static final String PRIVATE = "private, no-store";
    private static final MediaType JSON_TYPE = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");
    private static final int COMPRESS_FROM_BYTES = 1024;
    private static final String GZIP = "gzip";
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    private final PublicResponseCache cache;
    private final ObjectMapper json;
    private final String publicCacheControl;

    HttpCaching(PublicResponseCache cache, ObjectMapper json, CmsConfig config) {
        this.cache = cache;
        this.json = json;
        this.publicCacheControl = "public, max-age=" + config.cache().maxAge().toSeconds()
                + ", stale-while-revalidate=" + config.cache().staleWhileRevalidate().toSeconds();
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.CACHED_READS).handler(this::answerFromCache);
    }

    private void answerFromCache(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!isRead(request.method().name()) || !isPublic(request.getHeader(HttpHeaders.AUTHORIZATION))
                || !request.path().startsWith(API) || UNCACHED.contains(request.path())
                || isFile(request.path())) {
            ctx.next();
            return;
        }
        PublicResponseCache.Lookup found = cache.lookup(cacheKey(ctx));
        if (found instanceof PublicResponseCache.Hit hit) {
            if (accepts(request.getHeader(HttpHeaders.ACCEPT), hit.entry().contentType())) {
                answer(ctx, hit.entry());
            } else {
                // The resource answers what the client does not take: 406, as without the cache.
                ctx.next();
            }
        } else if (found instanceof PublicResponseCache.Build build) {
            ctx.put(BUILD, build);
            ctx.addEndHandler(ended -> cache.abandon(build));
            ctx.next();
        } else if (found instanceof PublicResponseCache.Wait another) {
            Context context = Vertx.currentContext();
            another.built().thenAccept(built -> context.runOnContext(ignored -> {
                if (built == null || !accepts(request.getHeader(HttpHeaders.ACCEPT), built.contentType())) {
                    ctx.next();
                } else {
                    answer(ctx, built);
                }
            }));
        }
    }

    private void answer(RoutingContext ctx, PublicResponseCache.Entry entry) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.ETAG, entry.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, publicCacheControl)
                .putHeader(HttpHeaders.VARY, VARY);
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        if (!entry.links().isEmpty()) {
            response.putHeader("Link", entry.links());
        }
        byte[] body = entry.body();
        if (body.length >= COMPRESS_FROM_BYTES) {
            if (acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
                // Compressed once for all: an encoding already set passes the framework's compressor untouched.
                body = entry.gzipped();
                response.putHeader(HttpHeaders.CONTENT_ENCODING, GZIP);
            } else {
                // The framework negotiates any other encoding it knows, or none.
                response.headers().remove(HttpHeaders.CONTENT_ENCODING);
            }
        }
        // Wrapped, not copied: a cached feed of 80 KB copied for each of thousands of reads a second
        // is most of what such a read costs (and of the garbage collector's work).
        response.putHeader(HttpHeaders.CONTENT_TYPE, entry.contentType())
                .end(Buffer.buffer(Unpooled.wrappedBuffer(body)));
    }

    @ServerResponseFilter
    public void cachingHeaders(ContainerRequestContext request, ContainerResponseContext response, RoutingContext ctx) {
        boolean isPublic = isPublic(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (!isRead(request.getMethod())) {
            if (!isPublic && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
                response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, PRIVATE);
            }
            return;
        }
        if (response.getStatus() != 200 || !response.hasEntity() || response.getEntity() instanceof java.io.File) {
            return;
        }
        // A streamed body (a sitemap page) is too large to hold: it is neither hashed nor cached,
        // and its resource sets the ETag.
        boolean streamed = response.getEntity() instanceof StreamingOutput;
        byte[] body = streamed ? null : bytes(response.getEntity());
        String etag = response.getHeaderString(HttpHeaders.ETAG);
        if (etag == null && !streamed) {
            etag = etag(body);
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, isPublic ? publicCacheControl : PRIVATE);
        response.getHeaders().putSingle(HttpHeaders.VARY, VARY);
        // JSON unless the resource chose another type (feeds, sitemaps).
        MediaType type = response.getMediaType() == null || response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)
                ? JSON_TYPE : response.getMediaType();
        PublicResponseCache.Build build = ctx.get(BUILD);
        if (streamed && build != null) {
            // Each requester streams its own: none waits for this one's last byte.
            cache.abandon(build);
        }
        if (isPublic && build != null && !streamed) {
            List<String> links = response.getStringHeaders().getOrDefault("Link", List.of());
            cache.put(build, new PublicResponseCache.Entry(body, type.toString(), etag, List.copyOf(links)));
        }
        if (etag != null && matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove("Link");
            return;
        }
        if (streamed || body.length >= COMPRESS_FROM_BYTES) {
            ctx.response().headers().remove(HttpHeaders.CONTENT_ENCODING);
        }
        if (!streamed) {
            response.setEntity(body, NO_ANNOTATIONS, type);
        }
    }

    /** Whether an Accept header takes the type (problem+json stands for JSON, see ProblemJsonAccept). */
    public static boolean accepts(String accept, String contentType) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        MediaType type = MediaType.valueOf(contentType);
        for (String range : accept.split(",")) {
            try {
                MediaType wanted = MediaType.valueOf(range.strip());
                if (!"0".equals(wanted.getParameters().get("q")) && (wanted.isCompatible(type)
                        || type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && wanted.getSubtype().equals("problem+json"))) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                // Not a media range: it takes nothing.
            }
        }
        return false;
    }

    /** Whether an Accept-Encoding header takes gzip (by name or {@code *}, with a q above 0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if ((name.equals(GZIP) || name.equals("x-gzip") || name.equals("*")) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] codingAndParameters) {
        for (int i = 1; i < codingAndParameters.length; i++) {
            String parameter = codingAndParameters[i].strip();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                return parameter.substring(2).strip().matches("0(\\.0{0,3})?");
            }
        }
        return false;
    }

    private static boolean isFile(String path) {
        return path.startsWith(MEDIA) && path.endsWith(FILE);
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /**
     * One key for every spelling of the same request: the path with unreserved escapes decoded,
     * the parameters decoded, sorted and encoded again. Unknown and repeated parameters are
     * refused before anything is cached ({@link QueryParameterGuard}, {@link QueryParameters}).
     */
    static String cacheKey(RoutingContext ctx) {
        String query = ctx.request().query();
        if (query == null || query.isEmpty()) {
            return ctx.normalizedPath();
        }
        QueryStringEncoder key = new QueryStringEncoder(ctx.normalizedPath());
        new TreeMap<>(new QueryStringDecoder(query, false).parameters())
                .forEach((name, values) -> values.forEach(value -> key.addParam(name, value)));
        return key.toString();
    }

    private static boolean isPublic(String authorization) {
        return authorization == null;
    }

    private byte[] bytes(Object entity) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        try {
            return json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A response could not be written as JSON", e);
        }
    }

    /** A strong ETag: 128 bits of the SHA-256 of the body. */
    private static String etag(byte[] body) {
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(Sha256.of(body), 16)) + '"';
    }

    /** If-None-Match compares weakly (RFC 9110 13.1.2): W/ is ignored; * matches any. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || (candidate.startsWith("W/") ? candidate.substring(2) : candidate).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
