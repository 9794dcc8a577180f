package vn.cms.media;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.common.config.CmsConfig;
import vn.cms.common.web.HttpCaching;
import vn.cms.common.web.PathIds;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import vn.cms.common.web.QueryParameters;

/**
 * Delivery of images to readers: the original, or a variant in one of the configured widths.
 * Originals and plain variants never change, so they are cached for a year as immutable; a crop
 * follows the focal point at the same URL, so it is cached like other public reads.
 */
@Path("/api/v1/media/{id}/file")
@Tag(name = "Media")
public class MediaFileResource {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String JPEG = "image/jpeg";
    private static final String PNG = "image/png";
    private static final String WEBP = "image/webp";
    private static final String GIF = "image/gif";

    private final MediaLibrary library;
    private final MediaFiles files;
    private final Set<Integer> widths;
    private final String cropCacheControl;

    MediaFileResource(MediaLibrary library, MediaFiles files, CmsConfig config) {
        this.library = library;
        this.files = files;
        this.widths = new TreeSet<>(config.media().widths());
        this.cropCacheControl = "public, max-age=" + config.cache().maxAge().toSeconds();
    }

    @GET
    @ReadsQueryParameters
    @Produces({JPEG, PNG, WEBP, GIF})
    @Operation(summary = "Get the image", description = """
            Public. Without parameters, the original as stored (metadata removed, orientation applied). With
            `w` (one of `cms.media.widths`) a variant that wide (never wider than the original), optionally
            cropped to `w` × `h` around the focal point, as `fm` (`jpeg`, `webp`, `png`; default the original's
            format, PNG for a GIF) at quality `q` (1–100, default 80; PNG is lossless). `h`, `fm` and `q` need
            `w`; any other value is 400, and so is a variant that would need more memory to make than
            `cms.media.memory-budget` (field `w`). A variant is made on its first request and kept. While
            `cms.media.max-concurrent-images` images are being made, or the memory budget is taken, a request for a
            new variant is 503 with Retry-After, as is one that takes longer than `cms.media.processing-timeout`.
            Answers carry an ETag and, except crops, `Cache-Control: public, max-age=31536000, immutable`.""")
    @Parameter(name = "w", in = ParameterIn.QUERY, description = "Width, one of cms.media.widths (default 160, 320, 640, 960, 1280, 1920)",
            example = "640", schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(name = "h", in = ParameterIn.QUERY, description = "Height of a crop around the focal point; from 1 to 2 × w",
            example = "360", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    @Parameter(name = "fm", in = ParameterIn.QUERY, description = "Output format",
            example = "webp", schema = @Schema(type = SchemaType.STRING, enumeration = {"jpeg", "webp", "png"}))
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Quality of JPEG and WebP output",
            example = "80", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "80"))
    @APIResponse(responseCode = "200", description = "The image",
            headers = {
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "public, max-age=31536000, immutable (a crop: public, max-age=…)",
                            schema = @Schema(type = SchemaType.STRING))},
            content = {
                    @Content(mediaType = JPEG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = WEBP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = GIF, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match holds the ETag")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", description = "Every image worker or the memory for image work is busy, or the variant took too long; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response file(@Parameter(description = "Media id", example = "12") @PathParam("id") String id,
                         @Context UriInfo uri,
                         @Parameter(hidden = true) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        long mediaId = PathIds.parse("id", id);
        Request request = request(uri);
        if (request.width() == null) {
            MediaRow media = library.require(mediaId);
            return answer(library.originalFile(media), media.format(), '"' + media.checksum().substring(0, 32) + '"',
                    IMMUTABLE, ifNoneMatch);
        }
        int quality = request.quality() == null ? Variant.DEFAULT_QUALITY : request.quality();
        if (request.height() == null && request.format() != null) {
            // The common case, a kept plain variant, costs no database read: its name says it all.
            Variant plain = new Variant(request.width(), null, request.format(), quality);
            java.util.Optional<java.nio.file.Path> kept = files.kept(mediaId, plain);
            if (kept.isPresent()) {
                return answer(kept.get(), plain.format(), etag(mediaId, plain, null), IMMUTABLE, ifNoneMatch);
            }
        }
        MediaRow media = library.require(mediaId);
        ImageFormat format = request.format() != null ? request.format()
                : media.format() == ImageFormat.GIF ? ImageFormat.PNG : media.format();
        Variant variant = new Variant(request.width(), request.height(), format, quality);
        java.nio.file.Path file = library.variantFile(media, variant);
        return answer(file, format, etag(mediaId, variant, media.focalPointOrCentre()),
                variant.height() == null ? IMMUTABLE : cropCacheControl, ifNoneMatch);
    }

    /** A variant's bytes follow from its name, which a crop's focal point is part of. */
    static String etag(long mediaId, Variant variant, FocalPoint focus) {
        return "\"" + mediaId + "-" + variant.name(focus) + "\"";
    }

    private static Response answer(java.nio.file.Path file, ImageFormat format, String etag, String cacheControl,
                                   String ifNoneMatch) {
        Response.ResponseBuilder response = HttpCaching.matches(ifNoneMatch, etag)
                ? Response.notModified() : Response.ok(file.toFile(), format.mimeType());
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    /** What the query asks for; w null: the original. */
    private record Request(Integer width, Integer height, ImageFormat format, Integer quality) {
    }

    private Request request(UriInfo uri) {
        QueryParameters p = new QueryParameters(uri.getQueryParameters(), Set.of("w", "h", "fm", "q"));
        String widthList = String.join(", ", widths.stream().map(String::valueOf).toList());
        Integer width = p.value("w", Integer::valueOf, "must be one of " + widthList);
        if (width != null && !widths.contains(width)) {
            p.error("w", "must be one of " + widthList);
            width = null;
        }
        Integer height = width == null ? p.value("h", Integer::valueOf, "must be a whole number")
                : p.integer("h", 1, 2 * width);
        ImageFormat format = p.value("fm", MediaFileResource::format, "must be jpeg, webp or png");
        Integer quality = p.integer("q", 1, 100);
        for (String needsWidth : List.of("h", "fm", "q")) {
            if (uri.getQueryParameters().containsKey(needsWidth) && !uri.getQueryParameters().containsKey("w")) {
                p.error(needsWidth, "needs w (a variant's width)");
            }
        }
        p.throwIfInvalid();
        return new Request(width, height, format, quality);
    }

    private static ImageFormat format(String value) {
        return switch (value) {
            case "jpeg" -> ImageFormat.JPEG;
            case "webp" -> ImageFormat.WEBP;
            case "png" -> ImageFormat.PNG;
            default -> throw new IllegalArgumentException(value);
        };
    }
}
