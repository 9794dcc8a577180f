package vn.cms.common.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.section.Section;
import vn.cms.testing.Accounts;
import vn.cms.testing.ContentFixtures;

/** The URLs the API writes are relative (no cms.api.url here), whatever Host a client claims. */
@QuarkusTest
class PublicUrlsTest {

    @Inject
    ContentFixtures fixtures;

    @Test
    void linksNeverComeFromTheHostHeaderAndCachedLinksCarryNoClientsHost() {
        Section section = fixtures.section(ContentFixtures.unique("Liên kết"));
        fixtures.article(section);
        fixtures.article(section);
        String path = "/api/v1/articles?size=1&section=" + section.slug;
        String next = "</api/v1/articles?size=1&section=" + section.slug + "&page=2>; rel=\"next\"";
        assertEquals(List.of(next), given().header("Host", "evil.example").get(path).then().statusCode(200)
                .extract().headers().getValues("Link"));
        assertEquals(List.of(next), given().header("X-Forwarded-Host", "evil.example").get(path).then()
                .statusCode(200).extract().headers().getValues("Link"));
        assertEquals(List.of(next), given().get(path).then().statusCode(200).extract().headers().getValues("Link"));
    }

    /** The rule PublicUrls holds cms.api.url (and SiteLinks cms.site.url) to at start. */
    @Test
    void aConfiguredBaseUrlIsHttpWithAHostAndNothingAfterItsPath() {
        assertEquals("https://api.tinh.gov.vn/cms", PublicUrls.base("cms.api.url", "https://api.tinh.gov.vn/cms/"));
        for (String wrong : List.of("https:///api", "api.tinh.gov.vn", "ftp://api.tinh.gov.vn",
                "https://api.tinh.gov.vn/?v=1", "https://api.tinh.gov.vn/#top", "https://admin@api.tinh.gov.vn")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PublicUrls.base("cms.api.url", wrong));
            assertEquals("cms.api.url must be an http or https URL with a host and without user, query or fragment: '"
                    + wrong + "'", refused.getMessage());
        }
    }

    @Test
    void locationsNeverComeFromTheHostHeader() {
        var created = Accounts.as(Accounts.tokenFor("EDITOR")).header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example")
                .contentType(ContentType.JSON).body(Map.of("name", ContentFixtures.unique("Chuyên mục")))
                .post("/api/v1/sections").then().statusCode(201).extract();
        assertEquals("/api/v1/sections/" + created.path("id"), created.header("Location"));
    }
}
