package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.Articles;
import vn.cms.testing.ContentFixtures;
import vn.cms.testing.TestClock;

@QuarkusTest
class ApiTokenResourceTest {

    private static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";

    @Inject
    TestClock clock;

    @Inject
    ContentFixtures fixtures;

    private static io.restassured.response.ValidatableResponse create(String accessToken, Map<String, Object> body) {
        return as(accessToken).contentType(ContentType.JSON).body(body).post("/api/v1/tokens").then();
    }

    private static Map<String, Object> created(String accessToken, String name) {
        return as(accessToken).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/tokens").then()
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/tokens/\\d+"))
                .body("name", is(name))
                .header("Cache-Control", "no-store")
                .body("token", matchesPattern("cms_[\\w-]{43}"))
                .body("scope", is("write"))
                .body("expiresAt", nullValue())
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

    @Test
    void aReadTokenReadsDraftsButEveryWriteIsForbidden() {
        String admin = adminToken();
        Section section = fixtures.section("Xem trước");
        long draft = Articles.id(Articles.create(admin, Articles.input(section.id)));
        Map<String, Object> created = create(admin, Map.of("name", "Xem trước bản nháp", "scope", "read")).statusCode(201)
                .body("scope", is("read")).extract().as(Map.class);
        String reader = (String) created.get("token");

        as(reader).queryParam("status", "DRAFT").queryParam("section", section.slug).get("/api/v1/articles").then()
                .statusCode(200)
                .body("items.id", contains((int) draft));
        as(reader).get("/api/v1/users").then().statusCode(200);
        as(reader).get("/api/v1/tokens").then().statusCode(200)
                .body("items.find { it.id == " + created.get("id") + " }.scope", is("read"));

        String refusal = "This API token has the scope 'read': it cannot change anything";
        List<ValidatableResponse> writes = List.of(
                as(reader).contentType(ContentType.JSON).body(Articles.input(section.id)).post("/api/v1/articles").then(),
                as(reader).contentType(MERGE_PATCH).body("{\"title\": \"Sửa\"}")
                        .header("If-Match", "\"1\"").patch("/api/v1/articles/" + draft).then(),
                as(reader).contentType(ContentType.JSON).body("{}").post("/api/v1/articles/" + draft + "/publish").then(),
                as(reader).contentType(ContentType.JSON).body(Map.of("slug", ContentFixtures.unique("muc"), "name", "Mục"))
                        .post("/api/v1/sections").then(),
                as(reader).delete("/api/v1/sections/" + section.id).then(),
                as(reader).contentType(MERGE_PATCH).body("{\"displayName\": \"X\"}")
                        .patch("/api/v1/users/1").then(),
                as(reader).post("/api/v1/users/1/disable").then(),
                as(reader).contentType(ContentType.JSON).body(Map.of("currentPassword", "x", "newPassword", "mật khẩu mới dài"))
                        .post("/api/v1/users/me/password").then(),
                as(reader).contentType(ContentType.JSON).body(Map.of("name", "thêm")).post("/api/v1/tokens").then(),
                as(reader).delete("/api/v1/tokens/" + created.get("id")).then(),
                as(reader).contentType("application/x-ndjson").body("{\"kind\": \"section\", \"slug\": \"x\", \"name\": \"X\"}\n".getBytes(StandardCharsets.UTF_8))
                        .post("/api/v1/admin/import").then());
        for (ValidatableResponse write : writes) {
            write.statusCode(403).contentType("application/problem+json").body("detail", is(refusal));
        }
        as(reader).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void aTokenPastItsExpiryIsUnauthorized() {
        Instant now = Instant.now();
        clock.set(now);
        String secret = create(tokenFor("EDITOR"), Map.of("name", "một giờ", "expiresAt", now.plus(Duration.ofHours(1)).toString()))
                .statusCode(201)
                .body("expiresAt", notNullValue())
                .extract().path("token");
        as(secret).get("/api/v1/tokens").then().statusCode(200);
        clock.set(now.plus(Duration.ofMinutes(59)));
        as(secret).get("/api/v1/tokens").then().statusCode(200);
        clock.set(now.plus(Duration.ofHours(1)));
        as(secret).get("/api/v1/tokens").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anExpiryInThePastOrAnUnknownScopeIsBadRequest() {
        String editor = tokenFor("EDITOR");
        create(editor, Map.of("name", "cũ", "expiresAt", "2020-01-01T00:00:00+07:00")).statusCode(400)
                .body("errors.field", contains("expiresAt"))
                .body("errors[0].message", is("must be in the future"));
        create(editor, Map.of("name", "mãi mãi", "expiresAt", "+12000-01-01T00:00:00Z")).statusCode(400)
                .body("errors.field", contains("expiresAt"));
        create(editor, Map.of("name", "quyền lạ", "scope", "admin")).statusCode(400)
                .body("errors[0].field", is("scope"));
    }

    @Test
    void anOldLoginNeedsThePasswordToCreateATokenAndAnApiTokenCannot() {
        String username = Accounts.newUser("AUTHOR");
        String accessToken = Accounts.login(username, Accounts.PASSWORD);
        clock.set(Instant.now().plus(Duration.ofMinutes(11)));
        create(accessToken, Map.of("name", "muộn")).statusCode(403)
                .body("detail", is("Creating an API token needs a login within the last 10 minutes, or your password in 'password'"));
        create(accessToken, Map.of("name", "muộn", "password", "sai mật khẩu")).statusCode(403)
                .body("detail", is("The password is wrong"));
        String secret = create(accessToken, Map.of("name", "muộn", "password", Accounts.PASSWORD)).statusCode(201)
                .extract().path("token");
        create(secret, Map.of("name", "từ token", "password", Accounts.PASSWORD)).statusCode(403)
                .body("detail", is("An API token cannot create API tokens; log in with your password"));
    }

    @Test
    void anAccountHoldsAtMost50LiveTokens() {
        String editor = tokenFor("EDITOR");
        int first = 0;
        for (int i = 0; i < 50; i++) {
            int id = create(editor, Map.of("name", "số " + i)).statusCode(201).extract().path("id");
            first = i == 0 ? id : first;
        }
        create(editor, Map.of("name", "quá số")).statusCode(409)
                .body("detail", is("You already have 50 live API tokens, the most allowed; revoke one first"));
        as(editor).delete("/api/v1/tokens/" + first).then().statusCode(204);
        create(editor, Map.of("name", "thay thế")).statusCode(201);
    }
}
