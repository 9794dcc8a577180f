package vn.cms.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem document: the body of every error the API answers. */
@Schema(name = "Problem", requiredProperties = {"type", "title", "status", "detail", "instance"},
        description = "RFC 9457 problem details (application/problem+json)")
public record Problem(
        @Schema(description = "URI identifying the kind of problem", examples = "urn:cms:problem:invalid-request")
        String type,
        @Schema(description = "Short summary of the kind of problem", examples = "Invalid request")
        String title,
        @Schema(description = "HTTP status code", examples = "400")
        int status,
        @Schema(description = "What went wrong with this request", examples = "Query parameter 'size' must be between 1 and 100")
        String detail,
        @Schema(description = "Path of the request that failed", examples = "/api/v1/articles")
        String instance,
        @Schema(description = "Each invalid field or parameter, only for invalid input")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: a body field path or a query parameter name. */
    @Schema(name = "FieldError", requiredProperties = {"field", "message"})
    public record FieldError(
            @Schema(examples = "size") String field,
            @Schema(examples = "must be between 1 and 100") String message) {
    }
}
