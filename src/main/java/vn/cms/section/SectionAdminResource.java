package vn.cms.section;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.Role;
import vn.cms.common.web.PublicUrls;
import vn.cms.common.web.JsonBodies;
import vn.cms.common.web.PathIds;

/** The editorial side of sections. */
@Path("/api/v1/sections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.EDITOR})
@SecurityRequirement(name = "bearer")
@Tag(name = "Sections")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class SectionAdminResource {

    private final SectionEditor editor;
    private final PublicUrls urls;

    SectionAdminResource(SectionEditor editor, PublicUrls urls) {
        this.editor = editor;
        this.urls = urls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a section", description = """
            Roles: ADMIN, EDITOR. A missing slug is made from the name; a slug the client chose that is
            taken is 409. Without a position the section goes after the last one.""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionInput.class),
            examples = @ExampleObject(name = "section", value = "{\"name\": \"Thông tin cải cách\", \"parentId\": 1}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class),
                    examples = @ExampleObject(name = "section", value = SectionExamples.ONE)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@Valid @NotNull SectionInput input) {
        SectionView section = editor.create(input);
        return urls.created("/api/v1/sections/" + section.id()).entity(section).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a section", description = """
            Roles: ADMIN, EDITOR. JSON Merge Patch (RFC 7396) of name, slug, description, parentId and
            position. A section cannot move under itself or its own subsections (400).""")
    @RequestBody(content = @Content(mediaType = "application/merge-patch+json", schema = @Schema(implementation = SectionInput.class),
            examples = @ExampleObject(name = "rename", value = "{\"name\": \"Cải cách hành chính công\"}")))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SectionView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public SectionView patch(@Parameter(description = "Section id", example = "1") @PathParam("id") String id,
                             byte[] patch) {
        return editor.patch(PathIds.parse("id", id), JsonBodies.tree(patch));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an empty section",
            description = "Roles: ADMIN, EDITOR. A section that still has subsections or articles is 409.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@Parameter(description = "Section id", example = "1") @PathParam("id") String id) {
        editor.delete(PathIds.parse("id", id));
    }
}
