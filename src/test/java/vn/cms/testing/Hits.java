package vn.cms.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends page-view beacons as a browser behind the test's proxy would, and reads the counter. */
public final class Hits {

    public static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private Hits() {
    }

    /** A client address no other test uses (the rate limit counts per address). */
    public static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    public static Map<String, Object> page(String path, Long articleId, String visitorId) {
        Map<String, Object> hit = new LinkedHashMap<>();
        hit.put("path", path);
        if (articleId != null) {
            hit.put("articleId", articleId);
        }
        if (visitorId != null) {
            hit.put("visitorId", visitorId);
        }
        return hit;
    }

    public static ValidatableResponse send(Map<String, Object> hit, String address, String userAgent) {
        var request = given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(hit);
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.post("/api/v1/stats/hits").then();
    }

    /** A counted hit by a browser: 202. */
    public static void view(String visitorId, Long articleId, String address) {
        send(page("/tin-tuc", articleId, visitorId), address, BROWSER).statusCode(202);
    }

    public static JsonPath stats() {
        return given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
    }
}
