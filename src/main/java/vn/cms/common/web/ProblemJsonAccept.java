package vn.cms.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A client that accepts problem documents accepts JSON: every answer of the API is one or the
 * other, so {@code Accept: application/problem+json} must not turn a success into a 406. Before
 * resources are matched, such an Accept is widened with {@code application/json} at the same
 * quality. Accept headers that take neither (such as {@code text/html} alone) still answer 406.
 */
public class ProblemJsonAccept {

    private static final MediaType PROBLEM_JSON = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWhereProblemsAreAccepted(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null) {
            return;
        }
        List<String> ranges = new ArrayList<>(accept);
        List<String> json = new ArrayList<>();
        for (String header : accept) {
            for (String range : header.split(",")) {
                MediaType type = parse(range);
                // Wildcards such as application/* already take JSON.
                if (type != null && !type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatible(PROBLEM_JSON)) {
                    json.add(new MediaType("application", "json", type.getParameters()).toString());
                }
            }
        }
        if (!json.isEmpty()) {
            ranges.addAll(json);
            request.getHeaders().put(HttpHeaders.ACCEPT, List.of(String.join(", ", ranges)));
        }
    }

    /** A range that does not parse is left to the framework, which answers it as it always has. */
    private static MediaType parse(String range) {
        try {
            return MediaType.valueOf(range.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
