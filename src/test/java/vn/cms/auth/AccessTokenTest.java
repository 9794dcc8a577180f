package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static vn.cms.testing.Accounts.PASSWORD;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.login;
import static vn.cms.testing.Accounts.newUser;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Access tokens (JWTs): for whom and for what they hold, and what ends them. */
@QuarkusTest
class AccessTokenTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    private static final String NEW_PASSWORD = "mật khẩu mới của tòa soạn";

    private static int idOf(String username) {
        return as(adminToken()).get("/api/v1/users").then().statusCode(200).extract()
                .path("items.find { it.username == '" + username + "' }.id");
    }

    private static String apiToken(String accessToken) {
        return as(accessToken).contentType(ContentType.JSON).body(Map.of("name", "máy nhập tin"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    private static io.restassured.response.ValidatableResponse changePassword(String token, String current, String next) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .post("/api/v1/users/me/password").then();
    }

    @Test
    void changingThePasswordEndsEarlierAccessTokensButNotApiTokens() {
        String username = newUser("EDITOR");
        String before = login(username, PASSWORD);
        String machine = apiToken(before);

        // Within the same second as the login: a stamp, not a time, tells the token is older.
        changePassword(before, PASSWORD, NEW_PASSWORD).statusCode(204);

        as(before).get("/api/v1/tokens").then().statusCode(401).contentType("application/problem+json");
        as(machine).get("/api/v1/tokens").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.90").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(401);
        as(login(username, NEW_PASSWORD)).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void aWrongCurrentPasswordIsForbidden() {
        String token = tokenFor("AUTHOR");
        changePassword(token, "không phải mật khẩu", NEW_PASSWORD).statusCode(403)
                .contentType("application/problem+json")
                .body("detail", is("The password is wrong"));
        as(token).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void theNewPasswordIsValidatedLikeAnyPassword() {
        changePassword(tokenFor("AUTHOR"), PASSWORD, "ngắn").statusCode(400)
                .body("errors.field", contains("newPassword"));
        changePassword(tokenFor("AUTHOR"), PASSWORD, "ă".repeat(201)).statusCode(400)
                .body("errors.field", contains("newPassword"));
    }

    @Test
    void aRoleChangeEndsEarlierAccessTokensAndARenameDoesNot() {
        String username = newUser("EDITOR");
        int id = idOf(username);
        String before = login(username, PASSWORD);

        as(adminToken()).contentType(MERGE_PATCH).body("{\"displayName\": \"Biên tập viên chính\"}")
                .patch("/api/v1/users/" + id).then()
                .statusCode(200)
                .body("displayName", is("Biên tập viên chính"))
                .body("roles", contains("EDITOR"));
        as(before).get("/api/v1/tokens").then().statusCode(200);

        as(adminToken()).contentType(MERGE_PATCH).body("{\"roles\": [\"AUTHOR\"]}")
                .patch("/api/v1/users/" + id).then()
                .statusCode(200)
                .body("roles", contains("AUTHOR"));
        as(before).get("/api/v1/tokens").then().statusCode(401);
        as(login(username, PASSWORD)).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void aPatchOfAnUnknownFieldOrRoleIsBadRequest() {
        int id = idOf(newUser("AUTHOR"));
        as(adminToken()).contentType(MERGE_PATCH).body("{\"username\": \"doi-ten\"}")
                .patch("/api/v1/users/" + id).then()
                .statusCode(400)
                .body("errors[0].field", is("username"));
        as(adminToken()).contentType(MERGE_PATCH).body("{\"roles\": []}")
                .patch("/api/v1/users/" + id).then()
                .statusCode(400)
                .body("errors.field", contains("roles"));
    }

    @Test
    void onlyAdministratorsChangeAccounts() {
        int id = idOf(newUser("AUTHOR"));
        as(tokenFor("EDITOR")).contentType(MERGE_PATCH).body("{\"roles\": [\"ADMIN\"]}")
                .patch("/api/v1/users/" + id).then().statusCode(403);
    }

    @Test
    void disablingEndsEarlierAccessTokensEvenAfterReEnabling() {
        String username = newUser("EDITOR");
        int id = idOf(username);
        String before = login(username, PASSWORD);
        as(adminToken()).post("/api/v1/users/" + id + "/disable").then().statusCode(200);
        as(adminToken()).post("/api/v1/users/" + id + "/enable").then().statusCode(200);
        as(before).get("/api/v1/tokens").then().statusCode(401);
        as(login(username, PASSWORD)).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void lastEnabledAdministratorCannotLoseTheAdminRole() {
        // Other tests create administrators too: this one leaves a single one enabled, then restores them.
        String last = tokenFor("ADMIN");
        List<Integer> others = as(last).get("/api/v1/users").then().extract()
                .path("items.findAll { it.roles.contains('ADMIN') && !it.disabled }.id");
        int lastId = as(last).get("/api/v1/users").then().extract()
                .path("items.findAll { it.roles.contains('ADMIN') }.max { it.id }.id");
        others.remove(Integer.valueOf(lastId));
        try {
            others.forEach(id -> as(last).post("/api/v1/users/" + id + "/disable").then().statusCode(200));
            as(last).contentType(MERGE_PATCH).body("{\"roles\": [\"EDITOR\"]}")
                    .patch("/api/v1/users/" + lastId).then()
                    .statusCode(409)
                    .body("detail", is("The last enabled administrator cannot lose the ADMIN role"));
        } finally {
            others.forEach(id -> as(last).post("/api/v1/users/" + id + "/enable").then().statusCode(200));
        }
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        String username = newUser("EDITOR");
        String subject = Integer.toString(idOf(username));
        String ours = Jwt.issuer("cms-api").audience("cms-api").subject(subject).claim("stamp", 0).expiresIn(300).sign();
        String theirs = Jwt.issuer("cms-api").audience("another-api").subject(subject).claim("stamp", 0).expiresIn(300).sign();
        String none = Jwt.issuer("cms-api").subject(subject).claim("stamp", 0).expiresIn(300).sign();
        as(ours).get("/api/v1/tokens").then().statusCode(200);
        as(theirs).get("/api/v1/tokens").then().statusCode(401).contentType("application/problem+json");
        as(none).get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void theAccountIsFoundByTheTokensSubjectNotItsName() {
        String username = newUser("EDITOR");
        String byName = Jwt.issuer("cms-api").audience("cms-api").subject(username).upn(username)
                .claim("stamp", 0).expiresIn(300).sign();
        as(byName).get("/api/v1/tokens").then().statusCode(401);
    }
}
