package vn.cms.importing;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.auth.CurrentUser;
import vn.cms.auth.Role;
import vn.cms.common.web.RouterProblems;

@Path(RouterProblems.IMPORT_PATH)
@Tag(name = "Import")
@SecurityRequirement(name = "bearer")
public class ImportResource {

    static final String NDJSON = "application/x-ndjson";

    private final Importer importer;
    private final CurrentUser user;

    ImportResource(Importer importer, CurrentUser user) {
        this.importer = importer;
        this.user = user;
    }

    @POST
    @Blocking
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(summary = "Import sections and articles", description = """
            Role: ADMIN. One JSON object a line: {"kind": "section", "slug", "name", "description"?,
            "parent"? (slug), "position"?} or {"kind": "article", "slug", "title", "summary"?, "body",
            "author"?, "section" (slug), "tags"?, "featuredImage"?, "status"? (DRAFT unless given),
            "publishedAt"?}. Each line upserts by slug; sections must come before the articles and
            subsections that name them. The body is streamed and written in batches, so good lines
            land while each bad one is reported with its line number (the first 1,000 reasons).""")
    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "archive", value = """
                    {"kind": "section", "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính"}
                    {"kind": "article", "slug": "day-manh-tuyen-truyen", "title": "Đẩy mạnh tuyên truyền", "body": "<p>…</p>", "section": "cai-cach-hanh-chinh", "status": "PUBLISHED", "publishedAt": "2017-03-15T14:00:00+07:00"}""")))
    @APIResponse(responseCode = "200", description = "What the import did",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class),
                    examples = @ExampleObject(name = "report", value = """
                            {"created": 2, "updated": 0, "failed": 1, "errors": [{"line": 3, "message": "title: must not be blank"}]}""")))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public ImportReport importLines(InputStream body) {
        return importer.run(body, user.id());
    }
}
