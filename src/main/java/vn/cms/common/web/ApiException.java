package vn.cms.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the product explains itself: it carries its own status, type and detail, so
 * that no table of exception classes to statuses has to be kept in sync.
 */
public class ApiException extends RuntimeException {

    public static final String ABOUT_BLANK = "about:blank";
    public static final String INVALID_REQUEST = "urn:cms:problem:invalid-request";

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    /** 404 for a resource that does not exist (or is not public). */
    public static ApiException notFound(String detail) {
        return new ApiException(404, ABOUT_BLANK, "Not Found", detail, null);
    }

    /** 400 naming one offending field or query parameter. */
    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 400 naming every offending field or query parameter. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? "Invalid '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " invalid fields or parameters";
        return new ApiException(400, INVALID_REQUEST, "Invalid request", detail, List.copyOf(errors));
    }

    /** 409: the request conflicts with the current state (a taken slug, a stale version…). */
    public static ApiException conflict(String detail) {
        return new ApiException(409, "urn:cms:problem:conflict", "Conflict", detail, null);
    }

    /** 403: authenticated, but this account may not do this. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, ABOUT_BLANK, "Forbidden", detail, null);
    }

    /** 401: no credentials, or credentials that do not hold. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, ABOUT_BLANK, "Unauthorized", detail, null)
                .withHeader("WWW-Authenticate", "Bearer");
    }

    /** 503: the service cannot take this now; the client may retry after a few seconds. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, ABOUT_BLANK, "Service Unavailable", detail, null)
                .withHeader("Retry-After", String.valueOf(DatabaseFailures.RETRY_AFTER_SECONDS));
    }

    /** Adds a response header, such as Retry-After. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
