package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Failures the framework raises itself still answer as problem documents, never HTML. */
@QuarkusTest
class ProblemResponsesTest {

    @Test
    void unknownPathIsNotFoundProblem() {
        given().accept("text/html").get("/api/v1/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("type", is("about:blank"))
                .body("title", is("Not Found"))
                .body("status", is(404))
                .body("detail", is("No resource at /api/v1/nothing-here"))
                .body("instance", is("/api/v1/nothing-here"));
    }

    @Test
    void unknownPathOutsideTheApiIsNotFoundProblem() {
        given().get("/khong-co").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("instance", is("/khong-co"));
    }

    @Test
    void wrongMethodIsMethodNotAllowedProblem() {
        given().contentType("application/json").body("{}").delete("/api/v1/sections").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("title", is("Method Not Allowed"))
                .body("status", is(405))
                .header("Allow", is("GET, HEAD, OPTIONS, POST"))
                .body("detail", is("This method is not allowed on /api/v1/sections; allowed: GET, HEAD, OPTIONS, POST"))
                .body("instance", is("/api/v1/sections"));
    }

    @Test
    void wrongMethodOnATemplatedPathNamesItsMethods() {
        given().post("/api/v1/articles/slug/mot-bai-viet").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", is("GET, HEAD, OPTIONS"));
    }

    @Test
    void unacceptableMediaTypeIsProblem() {
        given().accept("application/xml").get("/api/v1/sections").then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("title", is("Not Acceptable"))
                .body("detail", is("This resource answers only application/json"));
    }

    @Test
    void problemsNeverCarryJavaNames() {
        given().get("/api/v1/articles?page=abc").then()
                .statusCode(400)
                .body(not(containsString("java")))
                .body(not(containsString("Exception")));
    }
}
