package vn.cms.common.web;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents what {@link HttpCaching} adds to every GET, so that each operation need not repeat
 * it: the ETag and Cache-Control of a 200, the If-None-Match parameter and the 304. An event
 * stream has none of them.
 */
public class CachingDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Operation get = path.getValue().getGET();
            if (get == null || get.getResponses() == null || !path.getKey().startsWith("/api/") || isStream(get)) {
                continue;
            }
            get.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER)
                    .description("An ETag from an earlier answer: 304 while it is still current")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
            APIResponse ok = get.getResponses().getAPIResponse("200");
            if (ok != null) {
                ok.addHeader("ETag", header("Changes whenever the body does; send it back as If-None-Match"));
                ok.addHeader("Cache-Control", header("Without credentials: public, max-age=30, stale-while-revalidate=30"
                        + " (cms.cache.*); with credentials: private, no-store"));
            }
            get.getResponses().addAPIResponse("304", OASFactory.createAPIResponse().ref("NotModified"));
        }
    }

    private static boolean isStream(Operation get) {
        APIResponse ok = get.getResponses().getAPIResponse("200");
        return ok != null && ok.getContent() != null && ok.getContent().hasMediaType("text/event-stream");
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
