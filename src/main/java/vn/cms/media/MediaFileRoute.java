package vn.cms.media;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.HttpCaching;
import vn.cms.common.web.RouteOrder;

/**
 * Kept plain variants ({@code ?w=…&fm=…}, optionally {@code &q=…}), the most asked-for image
 * bytes, sent from the event loop before any resource runs with the headers
 * {@link MediaFileResource} gives them: from memory when small and asked for before
 * ({@link MediaFiles#inMemory}), else as a file. Only a public GET or HEAD whose query is fully
 * understood here and whose variant is kept is answered; anything else (the original, a crop, a
 * variant still to be made, any value the resource would refuse) goes on to the resource, which
 * stays the one place for errors.
 */
@ApplicationScoped
public class MediaFileRoute {

    private static final Pattern PATH = Pattern.compile("/api/v1/media/([1-9][0-9]{0,17})/file");
    /** Widths are at most 8192, qualities at most 100: written without leading zeros or signs. */
    private static final Pattern WIDTH = Pattern.compile("[1-9][0-9]{0,3}");
    private static final Pattern QUALITY = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Map<String, ImageFormat> FORMATS = Map.of("jpeg", ImageFormat.JPEG, "webp", ImageFormat.WEBP,
            "png", ImageFormat.PNG);

    private final MediaFiles files;
    private final Set<Integer> widths;

    MediaFileRoute(MediaFiles files, CmsConfig config) {
        this.files = files;
        this.widths = new TreeSet<>(config.media().widths());
    }

    void register(@Observes Router router) {
        router.route().order(RouteOrder.KEPT_MEDIA).handler(this::answerIfKept);
    }

    private void answerIfKept(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<Kept> kept = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
                ? kept(ctx) : Optional.empty();
        if (kept.isEmpty() || !HttpCaching.accepts(request.getHeader(HttpHeaders.ACCEPT), kept.get().format().mimeType())) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, kept.get().etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, MediaFileResource.IMMUTABLE)
                // Images are compressed already: what the framework's compression handler, which comes later, would say.
                .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
        if (HttpCaching.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), kept.get().etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, kept.get().format().mimeType());
        if (request.method() == HttpMethod.HEAD) {
            // As the resource answers HEAD: the headers of GET, no length.
            response.end();
        } else if (kept.get().held() != null) {
            // Wrapped, not copied; sending from memory costs a fraction of opening the file each time.
            response.end(Buffer.buffer(Unpooled.wrappedBuffer(kept.get().held())));
        } else {
            String file = kept.get().file().toString();
            response.sendFile(file);
            if (kept.get().file().toFile().length() <= MediaFiles.IN_MEMORY_MAX_FILE) {
                ctx.vertx().fileSystem().readFile(file).onSuccess(bytes ->
                        files.holdInMemory(kept.get().mediaId(), kept.get().variant(), bytes.getBytes()));
            }
        }
    }

    /** A plain variant a request names, its ETag as the resource gives it, and its bytes held in memory or its file. */
    private record Kept(long mediaId, Variant variant, String etag, byte[] held, Path file) {
        ImageFormat format() {
            return variant.format();
        }
    }

    /**
     * The plain variant a public request names in the form the resource would read it, held in
     * memory or kept on disk; empty otherwise.
     */
    private Optional<Kept> kept(RoutingContext ctx) {
        var matcher = PATH.matcher(ctx.request().path());
        if (!matcher.matches() || ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return Optional.empty();
        }
        Map<String, List<String>> query = new io.netty.handler.codec.http.QueryStringDecoder(ctx.request().uri())
                .parameters();
        if (!Set.of("w", "fm").equals(query.keySet()) && !Set.of("w", "fm", "q").equals(query.keySet())) {
            return Optional.empty();
        }
        String width = single(query.get("w"));
        String format = single(query.get("fm"));
        String quality = query.containsKey("q") ? single(query.get("q")) : String.valueOf(Variant.DEFAULT_QUALITY);
        if (width == null || !WIDTH.matcher(width).matches() || !widths.contains(Integer.parseInt(width))
                || format == null || !FORMATS.containsKey(format)
                || quality == null || !QUALITY.matcher(quality).matches() || Integer.parseInt(quality) > 100) {
            return Optional.empty();
        }
        long mediaId = Long.parseLong(matcher.group(1));
        Variant plain = new Variant(Integer.parseInt(width), null, FORMATS.get(format), Integer.parseInt(quality));
        String etag = MediaFileResource.etag(mediaId, plain, null);
        byte[] held = files.inMemory(mediaId, plain);
        if (held != null) {
            return Optional.of(new Kept(mediaId, plain, etag, held, null));
        }
        return files.kept(mediaId, plain).map(file -> new Kept(mediaId, plain, etag, null, file));
    }

    private static String single(List<String> values) {
        return values != null && values.size() == 1 ? values.get(0) : null;
    }
}
