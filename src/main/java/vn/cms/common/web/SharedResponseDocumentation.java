package vn.cms.common.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the answers that the shared web layer gives for every operation alike, so that no
 * operation repeats them: 400 (a malformed path, query or body), 406 (an Accept that takes
 * neither JSON nor problem+json), 414 and 431 (a target or headers over the limits), 503 (the
 * database is down), 413 and 415 where a body is read,
 * 401 and 403 where credentials are needed, and the Location of every 201.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SharedResponseDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                APIResponses responses = operation.getResponses();
                addIfMissing(responses, "400", "BadRequest");
                addIfMissing(responses, "406", "NotAcceptable");
                addIfMissing(responses, "414", "UriTooLong");
                addIfMissing(responses, "431", "HeadersTooLarge");
                addIfMissing(responses, "503", "ServiceUnavailable");
                if (operation.getRequestBody() != null) {
                    addIfMissing(responses, "413", "PayloadTooLarge");
                    addIfMissing(responses, "415", "UnsupportedMediaType");
                }
                if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                    addIfMissing(responses, "401", "Unauthorized");
                    addIfMissing(responses, "403", "Forbidden");
                }
                APIResponse created = responses.getAPIResponse("201");
                if (created != null && (created.getHeaders() == null || !created.getHeaders().containsKey("Location"))) {
                    created.addHeader("Location", OASFactory.createHeader().required(true)
                            .description("Path of what was created")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
                }
            }
        }
    }

    private static void addIfMissing(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }
}
