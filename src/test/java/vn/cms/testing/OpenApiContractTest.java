package vn.cms.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check every answer of the suite goes through ({@link ResponsesMatchTheDocument}) can fail:
 * answers that the committed document does not allow are reported, naming operation and status.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String SECTION = """
            {"id": 1, "slug": "cai-cach-hanh-chinh", "name": "Cải cách hành chính", "description": null,
             "parentId": null, "position": 1, "articleCount": 1}""";
    private static final String NOT_FOUND = """
            {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "No resource at /api/v1/khong-co",
             "instance": "/api/v1/khong-co"}""";

    private final OpenApiContract contract = OpenApiContract.committed();

    @Test
    void everyTestRequestGoesThroughTheCheck() {
        assertTrue(RestAssured.filters().stream().anyMatch(ResponsesMatchTheDocument.class::isInstance));
    }

    @Test
    void aWrongAnswerFailsTheTestThatReceivedIt() {
        // Stands in for the service, behind the check: a section list whose items are not a list.
        Filter wrongService = (request, response, context) -> new ResponseBuilder().setStatusCode(200)
                .setStatusLine("HTTP/1.1 200 OK").setContentType("application/json").setBody("{\"items\": 5}").build();
        AssertionError failure = assertThrows(AssertionError.class,
                () -> given().filter(wrongService).get("/api/v1/sections"));
        assertEquals("""
                The answer disagrees with openapi/openapi.yaml:
                  GET /api/v1/sections → 200: [Path '/items'] Instance type (integer) does not match any allowed \
                primitive type (allowed: ["array"])""", failure.getMessage());
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertEquals(List.of(), contract.check("GET", "/api/v1/sections/1", json(200, SECTION)));
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        List<String> problems = contract.check("GET", "/api/v1/sections/1",
                json(200, SECTION.replace("\"description\": null", "\"description\": 5")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("GET /api/v1/sections/{id} → 200: [Path '/description'] Instance type (integer)"),
                problems::toString);
    }

    @Test
    void aNullWhereTheDocumentAllowsNoneIsReported() {
        List<String> problems = contract.check("GET", "/api/v1/sections/1",
                json(200, SECTION.replace("\"slug\": \"cai-cach-hanh-chinh\"", "\"slug\": null")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("[Path '/slug'] Instance type (null)"), problems::toString);
    }

    @Test
    void aFieldTheDocumentDoesNotNameIsReported() {
        List<String> problems = contract.check("GET", "/api/v1/sections/1",
                json(200, SECTION.replace("\"position\"", "\"viTri\": 1, \"position\"")));
        assertEquals(List.of("GET /api/v1/sections/{id} → 200: Object instance has properties which are not allowed"
                + " by the schema: [\"viTri\"]"), problems);
    }

    @Test
    void aMissingRequiredFieldIsReported() {
        List<String> problems = contract.check("GET", "/api/v1/sections/1",
                json(404, NOT_FOUND.replace("\"status\": 404, ", "")));
        assertEquals(List.of("GET /api/v1/sections/{id} → 404: Object has missing required properties ([\"status\"])"),
                problems);
    }

    @Test
    void anUndocumentedStatusIsReported() {
        List<String> problems = contract.check("GET", "/api/v1/sections", json(418, NOT_FOUND));
        assertEquals(List.of("GET /api/v1/sections → 418: Response status 418 not defined for path '/api/v1/sections'."),
                problems);
    }

    @Test
    void anUndocumentedContentTypeIsReported() {
        Response html = SimpleResponse.Builder.status(200).withContentType("text/html").withBody("<p>Xin chào</p>").build();
        assertEquals(List.of("GET /api/v1/sections/{id} → 200: Response Content-Type header 'text/html' does not match"
                + " any allowed types. Must be one of: [application/json]."),
                contract.check("GET", "/api/v1/sections/1", html));
    }

    @Test
    void anUndocumentedHeaderIsReported() {
        Response withLocation = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withHeader("Location", "/api/v1/sections/2").withBody(SECTION).build();
        assertEquals(List.of("GET /api/v1/sections/{id} → 200: Header 'Location' is sent but not documented for this response"),
                contract.check("GET", "/api/v1/sections/1", withLocation));
    }

    @Test
    void aPathOutsideTheDocumentMayAnswerOnlyAProblem() {
        assertEquals(List.of(), contract.check("GET", "/api/v1/khong-co", problem(404, NOT_FOUND)));
        assertEquals(List.of("GET /api/v1/khong-co (no operation in the document) answered 200: only a CORS preflight"
                + " or a 4xx problem may"), contract.check("GET", "/api/v1/khong-co", json(200, SECTION)));
        assertEquals(List.of("DELETE /api/v1/sections → 405: Object has missing required properties"
                        + " ([\"detail\",\"instance\",\"title\",\"type\"])",
                "DELETE /api/v1/sections → 405: [Path '/status'] Instance type (string) does not match any allowed"
                        + " primitive type (allowed: [\"integer\"])"),
                contract.check("DELETE", "/api/v1/sections", problem(405, "{\"status\": \"405\"}")));
    }

    @Test
    void operationsEndpointsAreNotPartOfTheDocument() {
        Response prometheus = SimpleResponse.Builder.status(200).withContentType("text/plain").withBody("# HELP").build();
        assertEquals(List.of(), contract.check("GET", "/q/metrics", prometheus));
    }

    private static Response json(int status, String body) {
        return SimpleResponse.Builder.status(status)
                .withContentType(status < 400 ? "application/json" : "application/problem+json")
                .withBody(body).build();
    }

    private static Response problem(int status, String body) {
        return SimpleResponse.Builder.status(status).withContentType("application/problem+json").withBody(body).build();
    }
}
