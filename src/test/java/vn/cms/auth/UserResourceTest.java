package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static vn.cms.testing.Accounts.PASSWORD;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.login;
import static vn.cms.testing.Accounts.newUser;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class UserResourceTest {

    @Test
    void administratorCreatesAnAccountThatCanLogIn() {
        String username = ContentFixtures.unique("Bien.Tap");
        int id = as(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "displayName", " Biên tập viên ",
                        "roles", new String[] {"EDITOR", "AUTHOR", "EDITOR"}))
                .post("/api/v1/users").then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/users/\\d+"))
                .body("username", is(username.toLowerCase()))
                .body("displayName", is("Biên tập viên"))
                .body("roles", contains("EDITOR", "AUTHOR"))
                .body("disabled", is(false))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*\\+07:00"))
                .extract().path("id");
        login(username.toLowerCase(), PASSWORD);
        as(adminToken()).get("/api/v1/users/" + id).then().statusCode(200).body("username", is(username.toLowerCase()));
        as(adminToken()).get("/api/v1/users").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void takenUsernameIsConflict() {
        String username = newUser("AUTHOR");
        as(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username.toUpperCase(), "password", PASSWORD, "displayName", "Trùng",
                        "roles", new String[] {"AUTHOR"}))
                .post("/api/v1/users").then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", is("The username '" + username + "' is taken"));
    }

    @Test
    void invalidAccountFieldsAreEachNamed() {
        as(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", "a b", "password", "ngắn", "displayName", "", "roles", new String[] {}))
                .post("/api/v1/users").then()
                .statusCode(400)
                .body("errors.field", contains("displayName", "password", "roles", "username"));
    }

    @Test
    void unknownRoleIsBadRequestNamingIt() {
        as(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", "vai-tro-la", "password", PASSWORD, "displayName", "X",
                        "roles", new String[] {"SUPERUSER"}))
                .post("/api/v1/users").then()
                .statusCode(400)
                .body("errors[0].field", is("roles[0]"));
    }

    @Test
    void onlyAdministratorsManageAccounts() {
        for (String role : new String[] {"EDITOR", "AUTHOR"}) {
            as(tokenFor(role)).get("/api/v1/users").then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("title", is("Forbidden"));
        }
        given().get("/api/v1/users").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-token").get("/api/v1/users").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", is("The credentials are invalid, expired or revoked"));
    }

    @Test
    void disabledAccountLosesEveryCredentialAtOnce() {
        String username = newUser("EDITOR");
        String accessToken = login(username, PASSWORD);
        String apiToken = as(accessToken).contentType(ContentType.JSON).body(Map.of("name", "máy"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        int id = as(adminToken()).get("/api/v1/users").then().extract()
                .path("items.find { it.username == '" + username + "' }.id");

        as(adminToken()).post("/api/v1/users/" + id + "/disable").then().statusCode(200).body("disabled", is(true));
        as(accessToken).get("/api/v1/tokens").then().statusCode(401);
        as(apiToken).get("/api/v1/tokens").then().statusCode(401);
        given().header("X-Forwarded-For", "203.0.113.77").contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(401);

        // Re-enabled, it keeps its API tokens; access tokens from before the disable stay dead.
        as(adminToken()).post("/api/v1/users/" + id + "/enable").then().statusCode(200).body("disabled", is(false));
        as(apiToken).get("/api/v1/tokens").then().statusCode(200);
        as(accessToken).get("/api/v1/tokens").then().statusCode(401);
    }

    @Test
    void lastEnabledAdministratorCannotBeDisabled() {
        // Other tests create administrators too: this one leaves a single one enabled, then restores them.
        String last = tokenFor("ADMIN");
        List<Integer> others = as(last).get("/api/v1/users").then().extract()
                .path("items.findAll { it.roles.contains('ADMIN') && !it.disabled }.id");
        int lastId = as(last).get("/api/v1/users").then().extract()
                .path("items.findAll { it.roles.contains('ADMIN') }.max { it.id }.id");
        others.remove(Integer.valueOf(lastId));
        try {
            others.forEach(id -> as(last).post("/api/v1/users/" + id + "/disable").then().statusCode(200));
            as(last).post("/api/v1/users/" + lastId + "/disable").then()
                    .statusCode(409)
                    .body("detail", is("The last enabled administrator cannot be disabled"));
        } finally {
            others.forEach(id -> as(last).post("/api/v1/users/" + id + "/enable").then().statusCode(200));
        }
    }

    @Test
    void unknownAccountIsNotFound() {
        as(adminToken()).post("/api/v1/users/987654/disable").then().statusCode(404)
                .body("detail", is("No user has the id 987654"));
    }
}
