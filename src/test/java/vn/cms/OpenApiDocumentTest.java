package vn.cms;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed openapi/openapi.yaml is the document the service serves. Compared as trees:
 * the generator does not keep the order of keys within an object from one writer to another.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void committedDocumentMatchesTheServedOne() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        String served = given().accept("application/yaml").get("/q/openapi").then()
                .statusCode(200)
                .extract().asString();
        JsonNode committed = yaml.readTree(COMMITTED.toFile());
        assertTrue(committed.equals(yaml.readTree(served)),
                "openapi/openapi.yaml is stale: regenerate it with ./mvnw package -DskipTests and commit it");
    }
}
