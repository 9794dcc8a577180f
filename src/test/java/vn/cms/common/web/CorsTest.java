package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import vn.cms.testing.EventStream;
import org.junit.jupiter.api.Test;

/** The test profile allows the newsroom's origin (cms.cors.origins) for the editorial API. */
@QuarkusTest
class CorsTest {

    private static final String NEWSROOM = "https://toasoan.tinh.gov.vn";
    private static final String PORTAL = "https://www.tinh.gov.vn";

    @Test
    void publicReadsAreOpenToEveryOrigin() {
        given().header("Origin", PORTAL).get("/api/v1/sections").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", "ETag, Location, Link, Retry-After");
        given().header("Origin", PORTAL).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match")
                .options("/api/v1/articles").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID");
    }

    @Test
    void liveEventsAreOpenToEveryOriginAndMayResume() throws Exception {
        given().header("Origin", PORTAL).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "last-event-id")
                .options("/api/v1/events").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "*");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(EventStream.uri())
                .header("Origin", PORTAL).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertEquals("*", stream.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
    }

    @Test
    void pageViewHitsArePreflightedForEveryOrigin() {
        given().header("Origin", PORTAL).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options("/api/v1/stats/hits").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
    }

    @Test
    void theNewsroomMayPreflightEditorialWrites() {
        given().header("Origin", NEWSROOM).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, content-type, if-match")
                .options("/api/v1/articles/1").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", NEWSROOM)
                .header("Vary", "Origin")
                .header("Access-Control-Max-Age", "86400");
    }

    @Test
    void otherOriginsMayNotUseTheEditorialApi() {
        given().header("Origin", PORTAL).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/api/v1/articles/1").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", PORTAL).header("Authorization", "Bearer khong-hop-le")
                .get("/api/v1/users").then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", NEWSROOM).header("Authorization", "Bearer khong-hop-le")
                .get("/api/v1/users").then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", is(NEWSROOM));
    }
}
