package vn.cms.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Accounts and tokens for tests, made through the API itself. */
public final class Accounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    public static final String PASSWORD = "mật khẩu thử nghiệm";

    private Accounts() {
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("accessToken");
    }

    public static String adminToken() {
        return login(ADMIN, ADMIN_PASSWORD);
    }

    /** Creates an account with this role and a unique name; answers its username. */
    public static String newUser(String role) {
        String username = ContentFixtures.unique(role.toLowerCase());
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "displayName", "Người dùng " + role,
                        "roles", new String[] {role}))
                .post("/api/v1/users").then().statusCode(201);
        return username;
    }

    /** An access token of a new account with this role. */
    public static String tokenFor(String role) {
        return login(newUser(role), PASSWORD);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
