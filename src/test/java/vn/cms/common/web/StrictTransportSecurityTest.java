package vn.cms.common.web;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code cms.http.hsts} set (the service is behind HTTPS), every answer asks browsers to keep to HTTPS. */
@QuarkusTest
@TestProfile(StrictTransportSecurityTest.BehindHttps.class)
class StrictTransportSecurityTest {

    public static class BehindHttps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cms.http.hsts", "P365D");
        }
    }

    @Test
    void everyAnswerCarriesTheConfiguredMaxAge() {
        SecurityHeadersTest.assertSecurityHeaders(given().get("/api/v1/sections").then().statusCode(200))
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        given().get("/khong-co-gi").then().statusCode(404)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
}
