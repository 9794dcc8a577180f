package vn.cms.common.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures inside resources become RFC 9457 problem documents.
 * Failures before a resource is reached (unknown path, oversized body) are answered by
 * {@link RouterProblems} with the same shape.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final AllowedMethods allowedMethods;

    ProblemMapper(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.fromResponse(
                respond(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.errors())));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return apiException(ApiException.invalid(FieldErrors.of(e.getConstraintViolations())), uri);
    }

    /** Unparsable JSON, a value of the wrong type, or a field the endpoint does not know. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return apiException(JsonProblems.of(e), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return apiException(JsonProblems.of(e), uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return apiException(ApiException.unauthorized("Credentials are required: send Authorization: Bearer <token>"), uri);
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return apiException(ApiException.unauthorized("The credentials are invalid, expired or revoked"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return apiException(ApiException.forbidden("Your role does not allow this"), uri);
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return apiException(JsonProblems.of(json), uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if (status == 405) {
            Set<String> allowed = allowedMethods.on(path(uri));
            return Response.fromResponse(respond(problem(405,
                            "This method is not allowed on " + path(uri) + "; allowed: " + String.join(", ", allowed),
                            path(uri))))
                    .allow(allowed)
                    .build();
        }
        return respond(problem(status, detailFor(status, uri, headers), path(uri)));
    }

    /**
     * Reading the body stopped because the HTTP layer has refused it: sent without Content-Length,
     * it grew past its endpoint's limit, and a bare 413 has gone out. The client's doing, not a
     * fault; the answer returned here is never sent.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri, HttpServerRequest request) {
        if (!RouterProblems.refusedWhileRead(request.response())) {
            return unexpected(e, uri);
        }
        LOG.debugf("Body of a request to %s refused while it was read: %s", path(uri), e.getMessage());
        return respond(problem(413, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isUniqueViolation(e)) {
            return apiException(ApiException.conflict(
                    "Another request saved the same unique value (such as a slug) at the same moment; retry"), uri);
        }
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable on %s: %s", path(uri), e.getMessage());
            return Response.fromResponse(respond(problem(503,
                            "The database is not answering; try again shortly", path(uri))))
                    .header(HttpHeaders.RETRY_AFTER, DatabaseFailures.RETRY_AFTER_SECONDS)
                    .build();
        }
        if (tooManyFormParts(e)) {
            return respond(problem(413, "The form has more parts than this service reads (" + e.getMessage() + ")",
                    path(uri)));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, path(uri));
        return respond(problem(500, "An unexpected error occurred (incident " + incident + ")", path(uri)));
    }

    /** The multipart reader refuses a form of too many parts with a plain RuntimeException, named only by its message. */
    private static boolean tooManyFormParts(Throwable e) {
        return e.getClass() == RuntimeException.class && e.getMessage() != null && e.getMessage().startsWith("Param limit of ");
    }

    /** A problem of the plain HTTP kind: {@code about:blank} titled with the status phrase. */
    static Problem problem(int status, String detail, String instance) {
        return new Problem(ApiException.ABOUT_BLANK, HttpResponseStatus.valueOf(status).reasonPhrase(), status,
                detail, instance, null);
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem)
                .build();
    }

    private static String detailFor(int status, UriInfo uri, HttpHeaders headers) {
        return switch (status) {
            case 404 -> "No resource at " + path(uri);
            case 400 -> "The request could not be read";
            case 406 -> "This resource answers only application/json";
            case 415 -> "Content type " + headers.getMediaType() + " is not supported here; send application/json";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

}
