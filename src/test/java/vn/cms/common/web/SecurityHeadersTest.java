package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.ContentFixtures;

/** Every answer of the public port carries the browser security headers, whoever made it. */
@QuarkusTest
class SecurityHeadersTest {

    @Inject
    ContentFixtures fixtures;

    static ValidatableResponse assertSecurityHeaders(ValidatableResponse response) {
        return response
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void resourceAnswersCachedAnswersAnd304sCarryThem() {
        Section section = fixtures.section("Tiêu đề bảo mật");
        String path = "/api/v1/sections/" + section.id;
        String etag = assertSecurityHeaders(given().get(path).then().statusCode(200))
                .header("Strict-Transport-Security", nullValue())
                .extract().header("ETag");
        assertSecurityHeaders(given().get(path).then().statusCode(200));
        assertSecurityHeaders(given().header("If-None-Match", etag).get(path).then().statusCode(304));
    }

    @Test
    void problemsOfTheRouterCarryThem() {
        assertSecurityHeaders(given().get("/khong-co-gi").then().statusCode(404));
        assertSecurityHeaders(given().contentType(ContentType.JSON).body("{\"path\": \"" + "x".repeat(5000) + "\"}")
                .post("/api/v1/stats/hits").then().statusCode(413));
        assertSecurityHeaders(given().get("/api/v1/sections/999999999").then().statusCode(404));
    }

    @Test
    void operationsEndpointsCarryThem() {
        assertSecurityHeaders(given().get("/q/openapi").then().statusCode(200));
        assertSecurityHeaders(given().get("/q/swagger-ui/").then().statusCode(200));
    }
}
