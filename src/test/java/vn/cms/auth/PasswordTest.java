package vn.cms.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.cms.testing.Accounts.PASSWORD;
import static vn.cms.testing.Accounts.adminToken;
import static vn.cms.testing.Accounts.as;
import static vn.cms.testing.Accounts.login;
import static vn.cms.testing.Accounts.newUser;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.common.db.Sql;
import vn.cms.testing.ContentFixtures;

@QuarkusTest
class PasswordTest {

    /** 55 characters, 74 bytes in UTF-8: more than bcrypt reads. */
    private static final String LONG_PASSPHRASE = "Tôi yêu quê hương Việt Nam, đất nước thân thương vô bờ!";

    @Inject
    Sql sql;

    private static ValidatableResponse createUser(String username, String password) {
        return as(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "displayName", "Phóng viên",
                        "roles", new String[] {"AUTHOR"}))
                .post("/api/v1/users").then();
    }

    private static ValidatableResponse logIn(String username, String password) {
        return given().header("X-Forwarded-For", "192.0.2." + (1 + (username.hashCode() & 127)))
                .contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token").then();
    }

    @Test
    void aVietnamesePassphraseLongerThan72BytesCreatesAndLogsIn() {
        assertEquals(55, LONG_PASSPHRASE.codePointCount(0, LONG_PASSPHRASE.length()));
        assertTrue(LONG_PASSPHRASE.getBytes(StandardCharsets.UTF_8).length > 72);
        String username = ContentFixtures.unique("dai");
        createUser(username, LONG_PASSPHRASE).statusCode(201);
        logIn(username, LONG_PASSPHRASE).statusCode(200);
        // Only the first 72 bytes would count without the pre-hash: a different ending must fail.
        logIn(username, LONG_PASSPHRASE.substring(0, 54) + "x").statusCode(401);
    }

    @Test
    void passwordsAreCountedInCharactersFrom8To200() {
        createUser(ContentFixtures.unique("tam"), "mật khẩu").statusCode(201);
        createUser(ContentFixtures.unique("dai"), "ă".repeat(200)).statusCode(201);
        createUser(ContentFixtures.unique("qua-dai"), "ă".repeat(201)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("password"))
                .body("errors[0].message", is("must be 8 to 200 characters"));
        logIn("admin", "ă".repeat(201)).statusCode(400).body("errors.field", contains("password"));
    }

    @Test
    void nulInUsernameOrPasswordIsBadRequestNamingTheField() {
        createUser(ContentFixtures.unique("nul"), "mật khẩu\u0000dài").statusCode(400)
                .body("errors.field", contains("password"));
        createUser("ten\u0000nul", PASSWORD).statusCode(400).body("errors.field", contains("username"));
        logIn("admin\u0000", "mật khẩu dài").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("username"))
                .body("errors[0].message", is("must not contain the NUL character (U+0000)"));
        logIn("admin", "mật\u0000khẩu").statusCode(400).body("errors.field", contains("password"));
    }

    @Test
    void anAccountHashedBeforeThePreHashStillLogsInAndIsRehashed() {
        String username = newUser("AUTHOR");
        String oldScheme = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
        sql.update("update app_user set password_hash = ? where username = ?", List.of(oldScheme, username));

        logIn(username, PASSWORD).statusCode(200);
        logIn(username, "sai mật khẩu").statusCode(401);
        String stored = sql.one("select password_hash from app_user where username = ?", List.of(username),
                row -> row.getString(1)).orElseThrow();
        assertTrue(stored.startsWith(Passwords.PREHASHED), stored);
        login(username, PASSWORD);
    }
}
