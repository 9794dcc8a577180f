package vn.cms.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The committed openapi/openapi.yaml as a validator of answers: {@link #check} says how an answer
 * disagrees with the document, in words that name the operation, the status and the schema's
 * complaint.
 *
 * <p>The validator (swagger-request-validator) reads an OpenAPI 3.1 document but drops every
 * 3.1 {@code type} while doing so, so that nothing but formats would be checked. It is therefore
 * given the same document in 3.0 words ({@link #in30Terms}): {@code type: [T, "null"]} becomes
 * {@code type: T, nullable: true}, the numeric {@code exclusiveMinimum} its boolean form, and a
 * {@code $ref} with constraints beside it an {@code allOf}; annotations 3.0 lacks are dropped.
 * Every constraint of the document survives, and {@code OpenApiContractTest} proves that a wrong
 * answer fails.
 */
public final class OpenApiContract {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    /** The answers of operations endpoints: Quarkus serves them in their own formats. */
    private static final String OPERATIONS_PREFIX = "/q/";
    private static final Set<String> OPERATION_LOOKUP_FAILURES = Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");
    /** Headers a client acts on: sending one that the answer's documentation lacks is a lie by omission. */
    private static final List<String> DOCUMENTED_HEADERS = List.of("Location", "ETag", "Link", "Retry-After");
    /** Keywords of 3.1 schemas that only annotate, and that a 3.0 schema cannot hold. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "examples", "example", "title", "deprecated",
            "readOnly", "writeOnly", "default");

    private final OpenApiInteractionValidator validator;
    private final SchemaValidator problemValidator;

    private OpenApiContract(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var parsed = new OpenAPIV3Parser().readContents(document, null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new IllegalStateException("The OpenAPI document does not parse: " + parsed.getMessages());
        }
        OpenAPI api = parsed.getOpenAPI();
        this.validator = OpenApiInteractionValidator.createFor(api)
                .withCustomResponseValidation(this::undocumentedHeaders)
                .build();
        this.problemValidator = new SchemaValidator(api, new MessageResolver());
    }

    public static OpenApiContract committed() {
        return Holder.COMMITTED_CONTRACT;
    }

    /**
     * Why the answer to {@code method path} disagrees with the document; empty when it agrees.
     * Paths and methods the document has no operation for (an unknown path, a wrong method, a CORS
     * preflight) must answer either a bodiless 2xx preflight or a 4xx {@code Problem}; the
     * operations endpoints under /q/ are not part of the document and are not checked.
     */
    public List<String> check(String method, String path, Response response) {
        if (path.startsWith(OPERATIONS_PREFIX)) {
            return List.of();
        }
        boolean head = method.equals("HEAD");
        ValidationReport report = validator.validateResponse(path,
                Request.Method.valueOf(head ? "GET" : method), response);
        List<ValidationReport.Message> messages = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                // HEAD answers what GET would, without the body.
                .filter(m -> !(head && m.getKey().equals("validation.response.body.missing")))
                .toList();
        if (!messages.isEmpty() && messages.stream().allMatch(m -> OPERATION_LOOKUP_FAILURES.contains(m.getKey()))) {
            return outsideTheDocument(method, path, response);
        }
        return messages.stream().map(m -> describe(method, path, response.getStatus(), m)).toList();
    }

    private List<String> outsideTheDocument(String method, String path, Response response) {
        int status = response.getStatus();
        String operation = method + " " + path + " (no operation in the document)";
        boolean hasBody = response.getResponseBody().map(b -> b.hasBody()).orElse(false);
        if (status >= 200 && status < 300 && method.equals("OPTIONS") && !hasBody) {
            return List.of();
        }
        if (status < 400 || status >= 500) {
            return List.of(operation + " answered " + status + ": only a CORS preflight or a 4xx problem may");
        }
        String contentType = response.getContentType().orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return List.of(operation + " answered " + status + " as '" + contentType + "', not application/problem+json");
        }
        String body = response.getResponseBody().map(b -> {
            try {
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
        ValidationReport report = problemValidator.validate(body,
                new Schema<>().$ref("#/components/schemas/Problem"), "response.body");
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> describe(method, path, status, m))
                .toList();
    }

    private ValidationReport undocumentedHeaders(Response response, ApiOperation op) {
        var documented = op.getOperation().getResponses().get(Integer.toString(response.getStatus()));
        if (documented == null) {
            return ValidationReport.empty();
        }
        Map<String, ?> headers = documented.getHeaders() == null ? Map.of() : documented.getHeaders();
        List<ValidationReport.Message> missing = new ArrayList<>();
        for (String header : DOCUMENTED_HEADERS) {
            boolean sent = !response.getHeaderValues(header).isEmpty();
            boolean declared = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(header));
            if (sent && !declared) {
                missing.add(ValidationReport.Message.create("validation.response.header.undocumented",
                        "Header '" + header + "' is sent but not documented for this response").build());
            }
        }
        return ValidationReport.from(missing);
    }

    private static String describe(String method, String path, int status, ValidationReport.Message message) {
        String operation = message.getContext()
                .flatMap(c -> c.getApiOperation())
                .map(o -> o.getMethod() + " " + o.getApiPath().original())
                .orElse(method + " " + path);
        return operation + " → " + status + ": " + message.getMessage()
                + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo());
    }

    /** The report in one readable block, for assertion messages. */
    public static String format(List<String> problems) {
        return String.join("\n  ", problems);
    }

    /** A 3.1 document in the 3.0 terms the validator understands; see the class comment. */
    private static String in30Terms(String yaml31) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            ObjectNode root = (ObjectNode) yaml.readTree(yaml31);
            root.put("openapi", "3.0.3");
            rewrite(root);
            return yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(OpenApiContract::rewrite);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        object.fields().forEachRemaining(field -> rewrite(field.getValue()));
        if (object.has("$ref") && object.size() > 1) {
            refBesideConstraints(object);
        }
        JsonNode type = object.get("type");
        if (type instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(t -> named.add(t.asText()));
            boolean nullable = named.remove("null");
            if (named.size() != 1) {
                throw new IllegalStateException("The contract cannot check a schema of the types " + types);
            }
            object.put("type", named.get(0));
            if (nullable) {
                object.put("nullable", true);
            }
        }
        JsonNode exclusiveMinimum = object.get("exclusiveMinimum");
        if (exclusiveMinimum != null && exclusiveMinimum.isNumber()) {
            object.set("minimum", exclusiveMinimum);
            object.put("exclusiveMinimum", true);
        }
        JsonNode exclusiveMaximum = object.get("exclusiveMaximum");
        if (exclusiveMaximum != null && exclusiveMaximum.isNumber()) {
            object.set("maximum", exclusiveMaximum);
            object.put("exclusiveMaximum", true);
        }
        // A 3.1 schema's examples are a list; 3.0 has them only as a map beside a schema.
        if (object.get("examples") instanceof ArrayNode) {
            object.remove("examples");
        }
    }

    /** 3.0 ignores whatever stands beside a $ref; 3.1 applies it too. */
    private static void refBesideConstraints(ObjectNode object) {
        ObjectNode constraints = object.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("$ref") && !ANNOTATIONS.contains(field.getKey())) {
                constraints.set(field.getKey(), field.getValue());
            }
        }
        if (constraints.isEmpty()) {
            object.retain("$ref");
            return;
        }
        rewrite(constraints);
        ArrayNode allOf = object.arrayNode().add(object.objectNode().set("$ref", object.get("$ref"))).add(constraints);
        object.removeAll();
        object.set("allOf", allOf);
    }

    private static final class Holder {
        static final OpenApiContract COMMITTED_CONTRACT;

        static {
            try {
                COMMITTED_CONTRACT = new OpenApiContract(in30Terms(Files.readString(COMMITTED)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
