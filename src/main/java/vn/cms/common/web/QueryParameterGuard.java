package vn.cms.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.cms.common.web.Problem.FieldError;

/**
 * Reads take no query parameters unless they say so: an unknown one is a 400, never silently
 * ignored. This also keeps the read cache's keys canonical: no invented parameter can make
 * another entry for the same answer.
 */
public class QueryParameterGuard {

    /** The operation reads its query string itself, with {@link QueryParameters}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface ReadsQueryParameters {
    }

    @ServerRequestFilter
    public void refuseUnknownParameters(ContainerRequestContext request, ResourceInfo resource) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")
                || resource.getResourceMethod().isAnnotationPresent(ReadsQueryParameters.class)) {
            return;
        }
        List<FieldError> errors = request.getUriInfo().getQueryParameters().keySet().stream().sorted()
                .map(name -> new FieldError(name, "is not a parameter of this endpoint, which takes none"))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
