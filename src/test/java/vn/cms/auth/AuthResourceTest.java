package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static vn.cms.testing.Accounts.ADMIN;
import static vn.cms.testing.Accounts.ADMIN_PASSWORD;
import static vn.cms.testing.Accounts.PASSWORD;
import static vn.cms.testing.Accounts.newUser;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthResourceTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    /** A request from a client address no other test uses, so that failed logins do not add up across tests. */
    private static RequestSpecification fromNewAddress() {
        int n = ADDRESSES.incrementAndGet();
        return given().header("X-Forwarded-For", "198.51.100." + n).contentType(ContentType.JSON);
    }

    @Test
    void configuredAdministratorGetsABearerToken() {
        given().contentType(ContentType.JSON).body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then()
                .statusCode(200)
                .body("tokenType", is("Bearer"))
                .body("expiresIn", is(3600))
                .body("accessToken", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"));
    }

    @Test
    void usernameIsCaseInsensitive() {
        given().contentType(ContentType.JSON).body(Map.of("username", "ADMIN", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200);
    }

    @Test
    void wrongPasswordIsUnauthorizedProblem() {
        fromNewAddress().body(Map.of("username", ADMIN, "password", "sai mật khẩu"))
                .post("/api/v1/auth/token").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("title", is("Unauthorized"))
                .body("detail", is("Unknown username or wrong password"));
    }

    @Test
    void unknownUsernameGetsTheSameAnswerAsAWrongPassword() {
        fromNewAddress().body(Map.of("username", "khong-ai-ca", "password", "bất kỳ"))
                .post("/api/v1/auth/token").then()
                .statusCode(401)
                .body("detail", is("Unknown username or wrong password"));
    }

    @Test
    void missingFieldsAreNamed() {
        fromNewAddress().body("{}").post("/api/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("password", "username"));
    }

    @Test
    void malformedJsonIsBadRequest() {
        fromNewAddress().body("{\"username\": ").post("/api/v1/auth/token").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("body"));
    }

    @Test
    void unknownFieldIsBadRequestNamingIt() {
        fromNewAddress().body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "remember", true))
                .post("/api/v1/auth/token").then()
                .statusCode(400)
                .body("errors[0].field", is("remember"))
                .body("errors[0].message", is("is not a field of this request"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaTypeProblem() {
        given().contentType(ContentType.TEXT).body("admin:admin").post("/api/v1/auth/token").then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("title", is("Unsupported Media Type"));
    }

    @Test
    void repeatedFailuresForOneUsernameAreThrottledEvenWithTheRightPassword() {
        String username = newUser("AUTHOR");
        for (int i = 0; i < 5; i++) {
            fromNewAddress().body(Map.of("username", username, "password", "sai " + i))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
        fromNewAddress().body(Map.of("username", username, "password", PASSWORD))
                .post("/api/v1/auth/token").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("title", is("Too Many Requests"));
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledForEveryUsername() {
        RequestSpecification sameAddress = fromNewAddress();
        for (int i = 0; i < 5; i++) {
            sameAddress.body(Map.of("username", "doan-" + i, "password", "sai")).post("/api/v1/auth/token")
                    .then().statusCode(401);
        }
        sameAddress.body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).post("/api/v1/auth/token").then()
                .statusCode(429)
                .header("Retry-After", matchesPattern("\\d+"));
        // Another address is not affected.
        fromNewAddress().body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).post("/api/v1/auth/token")
                .then().statusCode(200);
    }
}
