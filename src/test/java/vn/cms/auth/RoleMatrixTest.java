package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.cms.testing.Accounts.PASSWORD;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.newUser;
import static vn.cms.testing.Accounts.tokenFor;
import static vn.cms.testing.Articles.create;
import static vn.cms.testing.Articles.id;
import static vn.cms.testing.Articles.input;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.cms.testing.ContentFixtures;

/** Every role against every editorial operation, each on content made for it. */
@QuarkusTest
class RoleMatrixTest {

    private static final List<String> ROLES = List.of("ADMIN", "EDITOR", "AUTHOR", "anonymous");

    @Inject
    ContentFixtures fixtures;

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    private static int accountId(String username) {
        return given().auth().oauth2(adminToken()).get("/api/v1/users").then().extract()
                .path("items.find { it.username == '" + username + "' }.id");
    }

    @Test
    void eachRoleGetsExactlyWhatItMayDo() {
        String editor = tokenFor("EDITOR");
        long sectionId = fixtures.section("Ma trận").id;
        // operation: caller's token → status; the content it acts on is made fresh by an editor each call
        Map<String, Function<String, Integer>> operations = new LinkedHashMap<>();
        operations.put("create draft", t -> as(t).contentType(ContentType.JSON).body(input(sectionId))
                .post("/api/v1/articles").statusCode());
        operations.put("edit someone else's draft", t -> as(t).header("If-Match", "\"v1\"")
                .contentType("application/merge-patch+json").body("{\"title\": \"Sửa\"}")
                .patch("/api/v1/articles/" + id(create(editor, input(sectionId)))).statusCode());
        operations.put("publish", t -> as(t).post("/api/v1/articles/" + id(create(editor, input(sectionId)))
                + "/publish").statusCode());
        operations.put("unpublish", t -> as(t).post("/api/v1/articles/" + id(create(editor, input(sectionId)))
                + "/unpublish").statusCode());
        operations.put("delete", t -> as(t).header("If-Match", "\"v1\"")
                .delete("/api/v1/articles/" + id(create(editor, input(sectionId)))).statusCode());
        operations.put("list drafts", t -> as(t).queryParam("status", "DRAFT").get("/api/v1/articles").statusCode());
        operations.put("create section", t -> as(t).contentType(ContentType.JSON)
                .body(Map.of("name", "Mục " + ContentFixtures.unique("m"))).post("/api/v1/sections").statusCode());
        operations.put("delete section", t -> as(t).delete("/api/v1/sections/" + fixtures.section("Xóa").id)
                .statusCode());
        operations.put("list accounts", t -> as(t).get("/api/v1/users").statusCode());
        operations.put("create API token", t -> as(t).contentType(ContentType.JSON).body(Map.of("name", "máy"))
                .post("/api/v1/tokens").statusCode());
        operations.put("import", t -> as(t).contentType("application/x-ndjson").body(new byte[0])
                .post("/api/v1/admin/import").statusCode());
        operations.put("change an account", t -> as(t).contentType("application/merge-patch+json")
                .body("{\"roles\": [\"EDITOR\"]}").patch("/api/v1/users/" + accountId(newUser("AUTHOR"))).statusCode());
        // Last: it ends the caller's access token.
        operations.put("change own password", t -> as(t).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "mật khẩu mới của ma trận"))
                .post("/api/v1/users/me/password").statusCode());

        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        //                                     ADMIN EDITOR AUTHOR anonymous
        expected.put("create draft", List.of(201, 201, 201, 401));
        expected.put("edit someone else's draft", List.of(200, 200, 403, 401));
        expected.put("publish", List.of(200, 200, 403, 401));
        expected.put("unpublish", List.of(200, 200, 403, 401));
        expected.put("delete", List.of(204, 204, 403, 401));
        expected.put("list drafts", List.of(200, 200, 200, 401));
        expected.put("create section", List.of(201, 201, 403, 401));
        expected.put("delete section", List.of(204, 204, 403, 401));
        expected.put("list accounts", List.of(200, 403, 403, 401));
        expected.put("create API token", List.of(201, 201, 201, 401));
        expected.put("import", List.of(200, 403, 403, 401));
        expected.put("change an account", List.of(200, 403, 403, 401));
        expected.put("change own password", List.of(204, 204, 204, 401));

        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            tokens.put(role, role.equals("anonymous") ? null : tokenFor(role));
        }
        Map<String, List<Integer>> actual = new LinkedHashMap<>();
        operations.forEach((name, operation) -> actual.put(name,
                ROLES.stream().map(role -> operation.apply(tokens.get(role))).toList()));
        assertEquals(expected, actual);
    }
}
