package vn.cms.sync;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.cms.common.web.QueryParameterGuard.ReadsQueryParameters;
import vn.cms.common.web.QueryParameters;
import vn.cms.sync.ChangeLog.EntityType;

@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sync")
public class SyncResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final SyncService sync;

    SyncResource(SyncService sync) {
        this.sync = sync;
    }

    @GET
    @ReadsQueryParameters
    @Operation(summary = "Delta sync of public content", description = """
            For mobile apps that keep the portal offline. The first call (no `token`) walks everything
            public: call again with `nextToken` while `hasMore` is true. Then keep `nextToken`; a later
            call with it answers only what changed since, each article or section at most once per answer,
            in its latest state (`upsert`) or as gone from public view (`delete`: unpublished, deleted, moved out
            of the section asked for, a section deleted). A scheduled article is an upsert in the first
            answer after its time. `types`, `section` and `limit` are fixed by the first call; with a
            token any other parameter is 400. A forged or malformed token is 400; one older than the
            change log is kept (`cms.sync.retention`), or whose section was deleted, is 410, and the client
            starts again. Public.""")
    @Parameter(name = "token", in = ParameterIn.QUERY, description = "`nextToken` of the previous answer",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "types", in = ParameterIn.QUERY, description = "First call only: comma list of article, section",
            example = "article,section", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "section", in = ParameterIn.QUERY,
            description = "First call only: section slug; only the articles (and sections) of its subtree",
            example = "cai-cach-hanh-chinh", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "First call only: items per answer",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
    @APIResponse(responseCode = "200", description = "One answer of the sync",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SyncPage.class),
                    examples = @ExampleObject(name = "delta", value = SyncExamples.DELTA)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "410",
            description = "The token is older than the change log is kept, or the section it follows was deleted; start again",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public SyncPage sync(@Context UriInfo uri) {
        var parameters = uri.getQueryParameters();
        if (parameters.containsKey("token")) {
            QueryParameters p = new QueryParameters(parameters, Set.of("token"));
            String token = p.text("token");
            p.throwIfInvalid();
            return sync.resume(token);
        }
        QueryParameters p = new QueryParameters(parameters, Set.of("token", "types", "section", "limit"));
        Set<EntityType> types = p.value("types", SyncResource::types, "must be a comma list of article, section");
        String section = p.text("section");
        Integer limit = p.integer("limit", 1, MAX_LIMIT);
        p.throwIfInvalid();
        return sync.start(types == null ? EnumSet.of(EntityType.ARTICLE, EntityType.SECTION) : types, section,
                limit == null ? DEFAULT_LIMIT : limit);
    }

    private static Set<EntityType> types(String value) {
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        Arrays.stream(value.split(",", -1)).map(type -> switch (type) {
            case "article" -> EntityType.ARTICLE;
            case "section" -> EntityType.SECTION;
            default -> throw new IllegalArgumentException(type);
        }).forEach(types::add);
        return types;
    }
}
