package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Hits;

/** Accept never turns a success into a 406 for a client that takes problem documents or anything. */
@QuarkusTest
class ContentNegotiationTest {

    @Test
    void aHitFromAClientThatAcceptsProblemsIsAccepted() {
        given().header("X-Forwarded-For", Hits.newAddress()).header("User-Agent", Hits.BROWSER)
                .accept("application/problem+json").contentType(ContentType.JSON)
                .body(Hits.page("/tin-tuc", null, null))
                .post("/api/v1/stats/hits").then()
                .statusCode(202);
    }

    @Test
    void aReadFromAClientThatAcceptsProblemsAnswersItsJson() {
        given().accept("application/problem+json").get("/api/v1/sections").then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void aReadFromAClientThatAcceptsProblemsWithAQualityAnswersItsJson() {
        given().accept("text/html, application/problem+json;q=0.5").get("/api/v1/stats").then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void aLoginFromAClientThatAcceptsProblemsAnswersTheToken() {
        given().accept("application/problem+json").contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"password\": \"admin-test-password\"}")
                .post("/api/v1/auth/token").then()
                .statusCode(200)
                .contentType("application/json")
                .body("tokenType", is("Bearer"));
    }

    @Test
    void aClientThatAcceptsAnythingGetsJson() {
        given().accept("*/*").get("/api/v1/articles").then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void aFailureForAClientThatAcceptsProblemsIsAProblem() {
        given().accept("application/problem+json").get("/api/v1/sections/999999999").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
    }

    @Test
    void aClientThatAcceptsOnlyHtmlIsNotAcceptable() {
        given().accept("text/html").get("/api/v1/sections").then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("title", is("Not Acceptable"))
                .body("detail", is("This resource answers only application/json"));
    }
}
