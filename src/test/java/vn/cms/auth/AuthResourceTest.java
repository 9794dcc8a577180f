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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.cms.testing.TestClock;

@QuarkusTest
class AuthResourceTest {

    @Inject
    TestClock clock;

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

    private static ValidatableResponse logIn(String address, String username, String password) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then();
    }

    @Test
    void theLoginAnswerIsNeverStored() {
        given().contentType(ContentType.JSON).body(Map.of("username", ADMIN, "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then()
                .statusCode(200)
                .header("Cache-Control", "no-store");
    }

    @Test
    void failuresFromOneAddressBlockThatAddressOnlyAndDelayTheAccountBriefly() {
        clock.set(Instant.parse("2031-05-04T03:00:00Z"));
        String username = newUser("AUTHOR");
        for (int i = 0; i < 5; i++) {
            logIn("198.18.0.1", username, "sai " + i).statusCode(401);
        }
        for (int i = 0; i < 20; i++) {
            logIn("198.18.0.1", username, "sai nữa").statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "900")
                    .body("detail", is("Too many failed logins for this account from your address; try again in 900 seconds"));
        }
        logIn("198.18.0.1", username, PASSWORD).statusCode(429);

        // From another address the account waits a second (the blocked attempts above did not add to it)...
        logIn("198.18.0.2", username, PASSWORD).statusCode(429)
                .header("Retry-After", "1")
                .body("detail", is("Many failed logins for this account; try again in 1 seconds"));
        clock.advance(Duration.ofSeconds(1));
        logIn("198.18.0.2", username, PASSWORD).statusCode(200);
        // ...and the first address stays blocked for its own failures.
        logIn("198.18.0.1", username, PASSWORD).statusCode(429);
    }

    @Test
    void failuresFromManyAddressesMakeTheAccountWaitLongerEachTime() {
        clock.set(Instant.parse("2031-05-04T04:00:00Z"));
        String username = newUser("AUTHOR");
        for (int i = 0; i < 5; i++) {
            logIn("198.18.1." + i, username, "sai").statusCode(401);
        }
        for (int expectedWait : new int[] {1, 2, 4, 8, 16, 30, 30}) {
            logIn("198.18.2.1", username, PASSWORD).statusCode(429).header("Retry-After", Integer.toString(expectedWait));
            clock.advance(Duration.ofSeconds(expectedWait));
            logIn(fromNew(), username, "vẫn sai").statusCode(401);
        }
        clock.advance(Duration.ofSeconds(30));
        logIn("198.18.2.1", username, PASSWORD).statusCode(200);
        // The right password ends the delay.
        logIn("198.18.2.2", username, "sai").statusCode(401);
    }

    @Test
    void forgedAddressesInFrontOfTheProxysOwnDoNotEscapeTheLimit() {
        String username = newUser("AUTHOR");
        for (int i = 0; i < 5; i++) {
            logIn("203.0.113." + i + ", 198.18.3.1", username, "sai").statusCode(401);
        }
        logIn("203.0.113.99, 198.18.3.1", username, PASSWORD).statusCode(429)
                .header("Retry-After", matchesPattern("\\d+"));
    }

    private static String fromNew() {
        return "198.51.100." + ADDRESSES.incrementAndGet();
    }
}
