package vn.cms;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.HttpServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The operational endpoints a deployment relies on. Health and metrics are on the management
 * port, not the public one; the API document and Swagger UI are public.
 */
@QuarkusTest
class OperationsTest {

    @Inject
    HttpServer server;

    /** The management port is chosen at start; TestHTTPResource does not know it. */
    private String management(String path) {
        return "http://localhost:" + server.getManagementPort() + path;
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get(management("/q/health/ready")).then()
                .statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void livenessIsUp() {
        given().get(management("/q/health/live")).then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().get("/api/v1/sections").then().statusCode(200);
        given().get(management("/q/metrics")).then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/api/v1/sections\""));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        for (String path : new String[] {"/q/metrics", "/q/health/ready", "/q/health/live"}) {
            given().get(path).then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", is("No resource at " + path));
        }
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
