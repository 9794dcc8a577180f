package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.tokenFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiTokenResourceTest {

    private static Map<String, Object> created(String accessToken, String name) {
        return as(accessToken).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/tokens").then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/tokens/\\d+"))
                .body("name", is(name))
                .body("token", matchesPattern("cms_[\\w-]{43}"))
                .extract().as(Map.class);
    }

    @Test
    void apiTokenActsAsItsOwnerUntilRevoked() {
        String editor = tokenFor("EDITOR");
        Map<String, Object> token = created(editor, "Nhập tin tự động");
        String secret = (String) token.get("token");
        int id = (Integer) token.get("id");

        as(secret).get("/api/v1/tokens").then()
                .statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == " + id + " }.lastUsedAt", notNullValue())
                .body("items.find { it.id == " + id + " }.revokedAt", nullValue())
                .body(not(containsString(secret)));

        as(editor).delete("/api/v1/tokens/" + id).then().statusCode(204);
        as(secret).get("/api/v1/tokens").then()
                .statusCode(401)
                .contentType("application/problem+json");
        as(editor).get("/api/v1/tokens").then()
                .statusCode(200)
                .body("items.find { it.id == " + id + " }.revokedAt", notNullValue());
    }

    @Test
    void someoneElsesTokenCannotBeRevokedButAnAdministratorCan() {
        int id = (Integer) created(tokenFor("AUTHOR"), "của tác giả").get("id");
        as(tokenFor("EDITOR")).delete("/api/v1/tokens/" + id).then()
                .statusCode(404)
                .body("detail", is("You have no API token with the id " + id));
        as(adminToken()).delete("/api/v1/tokens/" + id).then().statusCode(204);
    }

    @Test
    void unknownSecretIsUnauthorized() {
        given().auth().oauth2("cms_khongtontai").get("/api/v1/tokens").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void nameIsRequired() {
        as(tokenFor("AUTHOR")).contentType(ContentType.JSON).body("{\"name\": \"  \"}")
                .post("/api/v1/tokens").then()
                .statusCode(400)
                .body("errors[0].field", is("name"));
    }

    @Test
    void anonymousCannotCreateTokens() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/v1/tokens").then()
                .statusCode(401);
    }
}
