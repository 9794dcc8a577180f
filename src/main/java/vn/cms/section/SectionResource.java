package vn.cms.section;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.common.web.ApiException;
import vn.cms.common.web.Items;
import vn.cms.common.web.PathIds;

@Path("/api/v1/sections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sections")
public class SectionResource {

    private final SectionQueries sections;

    SectionResource(SectionQueries sections) {
        this.sections = sections;
    }

    @GET
    @Operation(summary = "List all sections",
            description = "Every section, flat and ordered by position; `parentId` links each to its parent. Public, no credentials.")
    @APIResponse(responseCode = "200", description = "All sections",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SectionList.class),
                    examples = @ExampleObject(name = "sections", value = SectionExamples.LIST)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Items<SectionView> list() {
        return new Items<>(sections.all());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a section by id", description = "Public, no credentials.")
    @APIResponse(responseCode = "200", description = "The section",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SectionView.class),
                    examples = @ExampleObject(name = "section", value = SectionExamples.ONE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public SectionView byId(@Parameter(description = "Section id, a positive whole number", example = "1")
                            @PathParam("id") String id) {
        long sectionId = PathIds.parse("id", id);
        return sections.byId(sectionId)
                .orElseThrow(() -> ApiException.notFound("No section has the id " + sectionId));
    }

    @GET
    @Path("/slug/{slug}")
    @Operation(summary = "Get a section by slug", description = "Public, no credentials.")
    @APIResponse(responseCode = "200", description = "The section",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SectionView.class),
                    examples = @ExampleObject(name = "section", value = SectionExamples.ONE)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public SectionView bySlug(@Parameter(description = "Section slug", example = "cai-cach-hanh-chinh")
                              @PathParam("slug") String slug) {
        return sections.bySlug(slug)
                .orElseThrow(() -> ApiException.notFound("No section has the slug '" + slug + "'"));
    }

    /** Documents the shape of {@code {"items": [Section]}}. */
    @Schema(name = "SectionList", requiredProperties = "items")
    record SectionList(List<SectionView> items) {
    }
}
