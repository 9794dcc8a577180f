package vn.cms.media;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import vn.cms.auth.Role;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.JsonBodies;
import vn.cms.common.web.MergePatch;
import vn.cms.common.web.PathIds;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;

/** The media library's items: uploads, the editorial list, metadata edits and deletions. */
@Path("/api/v1/media")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Media")
public class MediaResource {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final MediaLibrary library;
    private final MergePatch mergePatch;
    private final PublicUrls urls;

    MediaResource(MediaLibrary library, MergePatch mergePatch, PublicUrls urls) {
        this.library = library;
        this.mergePatch = mergePatch;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Upload an image", description = """
            Roles: ADMIN, EDITOR, AUTHOR. `multipart/form-data` with the part `file` (and optional `alt`,
            `caption`). JPEG, PNG, WebP and GIF are accepted, decided from the bytes (a renamed file of another
            kind, SVG included, is 415). Over `cms.media.max-size` 413, before the body is kept; more pixels than
            `cms.media.max-pixels` (read from the header, before decoding), an image whose processing alone needs
            more memory than `cms.media.memory-budget` (reckoned from the header), or a damaged or truncated
            file 400.
            EXIF, GPS, XMP and other metadata are removed from the stored original, and the EXIF orientation is
            applied to its pixels (width and height are as seen). An animated GIF keeps its first frame.""")
    @APIResponse(responseCode = "201", description = "Stored; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class),
                    examples = @ExampleObject(name = "photo", value = MediaExamples.MEDIA)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", description = "Every image worker, or the memory for image work, stayed busy up to "
            + "cms.media.processing-timeout, or the image took longer than that; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public Response upload(
            @RestForm("file") @Schema(type = SchemaType.STRING, format = "binary",
                    description = "The image: JPEG, PNG, WebP or GIF, decided from its bytes") FileUpload file,
            @RestForm("alt") @Schema(maxLength = MediaLibrary.MAX_ALT, description = "Text for readers who cannot see the image",
                    examples = "Hội nghị triển khai công tác cải cách hành chính") String alt,
            @RestForm("caption") @Schema(maxLength = MediaLibrary.MAX_CAPTION, examples = "Quang cảnh hội nghị tại UBND tỉnh")
            String caption) {
        if (file == null) {
            throw ApiException.invalid("file", "is required: the image as the multipart part 'file', with a file name");
        }
        MediaView media = library.upload(new MediaLibrary.Upload(file.uploadedFile(), file.fileName(), alt, caption));
        return urls.created("/api/v1/media/" + media.id()).entity(media).build();
    }

    @GET
    @ReadsQueryParameters
    @RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "List the media library", description = """
            Roles: ADMIN, EDITOR, AUTHOR (every role sees the whole library, to pick images). Newest first.
            Page with `page` and `size`, or walk with `cursor` from `nextCursor`; the `Link` header carries
            rel="next" and rel="prev". `q` keeps media whose file name, alt or caption contains it.""")
    @Parameter(name = "q", in = ParameterIn.QUERY, description = "Text in the file name, alt or caption (case-insensitive)",
            example = "hội nghị", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page from 1",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000", defaultValue = "1"))
    @Parameter(name = "size", in = ParameterIn.QUERY, description = "Items per page",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Opaque `nextCursor` of the previous page",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "A page of media",
            headers = @Header(name = "Link", description = "RFC 8288 links with rel=\"next\" and rel=\"prev\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaPage.class),
                    examples = @ExampleObject(name = "page", value = MediaExamples.PAGE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response list(@Context UriInfo uri) {
        MediaListQuery query = MediaListQuery.of(uri.getQueryParameters());
        MediaPage page = library.list(query);
        return Response.ok(page).links(links(urls.request(uri), query, page)).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a media item", description = "Public: what a frontend needs to show the image (alt, caption, size).")
    @APIResponse(responseCode = "200", description = "The media item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class),
                    examples = @ExampleObject(name = "photo", value = MediaExamples.MEDIA)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public MediaView get(@Parameter(description = "Media id", example = "12") @PathParam("id") String id) {
        return library.get(PathIds.parse("id", id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change the alt text, caption or focal point", description = """
            Roles: ADMIN, EDITOR, or the AUTHOR who uploaded it. JSON Merge Patch (RFC 7396): members given
            replace, null removes. Crops (`w` with `h`) follow a new focal point at the same URL.""")
    @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = MediaInput.class),
            examples = @ExampleObject(name = "alt and focal point", value = MediaExamples.PATCH)))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MediaView.class),
                    examples = @ExampleObject(name = "photo", value = MediaExamples.MEDIA)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public MediaView patch(@Parameter(description = "Media id", example = "12") @PathParam("id") String id, byte[] body) {
        var patch = JsonBodies.tree(body);
        return library.update(PathIds.parse("id", id), current -> mergePatch.apply(current, patch, MediaInput.class));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR, Role.Names.AUTHOR})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a media item and its files", description = """
            Roles: ADMIN, EDITOR, or the AUTHOR who uploaded it. 409 while a live article (of any status)
            shows it as its featured image or in an <img> of its body.""")
    @APIResponse(responseCode = "204", description = "Deleted, with every variant")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@Parameter(description = "Media id", example = "12") @PathParam("id") String id) {
        library.delete(PathIds.parse("id", id));
    }

    private static Link[] links(UriBuilder request, MediaListQuery query, MediaPage page) {
        List<Link> links = new ArrayList<>();
        if (page.nextCursor() != null) {
            UriBuilder next = request.clone();
            if (query.cursor() == null) {
                next.replaceQueryParam("page", query.page() + 1);
            } else {
                next.replaceQueryParam("cursor", page.nextCursor());
            }
            links.add(Link.fromUriBuilder(next).rel("next").build());
        }
        if (query.cursor() == null && query.page() > 1) {
            links.add(Link.fromUriBuilder(request.clone().replaceQueryParam("page", query.page() - 1)).rel("prev").build());
        }
        return links.toArray(Link[]::new);
    }
}
