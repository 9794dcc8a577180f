package vn.cms.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.cms.testing.Accounts;

/** The webhook API itself: registration, the secret shown once, pages of deliveries, and every refusal. */
@QuarkusTest
class WebhookResourceTest {

    private final Hooks hooks = new Hooks();

    private static io.restassured.specification.RequestSpecification admin() {
        return Accounts.as(Accounts.adminToken());
    }

    private static Map<String, Object> input(String url, Object events) {
        return Map.of("url", url, "events", events, "description", "Làm mới trang của cổng thông tin");
    }

    @Test
    void theSecretIsShownOnlyInTheAnswerToTheRegistration() {
        ExtractableResponse<Response> created = admin().contentType(ContentType.JSON)
                .body(input("http://127.0.0.1:9/hook", List.of("article.published", "article.published", "section.deleted")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("events", contains("article.published", "section.deleted"))
                .body("enabled", is(true))
                .body("disabledReason", nullValue())
                .body("description", equalTo("Làm mới trang của cổng thông tin"))
                .extract();
        String secret = created.path("secret");
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        long id = ((Number) created.path("id")).longValue();
        try {
            admin().get("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("$", not(hasKey("secret"))).body("url", equalTo("http://127.0.0.1:9/hook"));
            admin().get("/api/v1/webhooks").then().statusCode(200)
                    .body("items.find { it.id == " + id + " }", not(hasKey("secret")));
            admin().contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("enabled", false, "events", List.of("*")))
                    .patch("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("enabled", is(false)).body("events", contains("*"))
                    .body("description", equalTo("Làm mới trang của cổng thông tin"));
        } finally {
            hooks.delete(id);
        }
        admin().get("/api/v1/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void deliveriesArePagedNewestFirstByNumberAndByCursor() {
        try (Receiver receiver = new Receiver()) {
            long id = hooks.register(receiver, "section.created");
            try {
                for (int i = 0; i < 3; i++) {
                    admin().post("/api/v1/webhooks/" + id + "/ping").then().statusCode(202)
                            .body("event", equalTo("webhook.ping")).body("attempts", is(0));
                }
                List<Receiver.Request> pings = receiver.await(3);
                assertEquals(id, pings.get(0).json().get("data").get("webhookId").asLong());
                ExtractableResponse<Response> first = admin().queryParam("size", 2)
                        .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                        .body("page", is(1)).body("size", is(2)).body("totalItems", is(3)).body("totalPages", is(2))
                        .header("Link", containsString("rel=\"next\"")).extract();
                List<Integer> ids = first.path("items.id");
                String cursor = first.path("nextCursor");
                JsonPath rest = admin().queryParam("size", 2).queryParam("cursor", cursor)
                        .get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                        .body("page", nullValue()).body("nextCursor", nullValue()).extract().jsonPath();
                List<Integer> older = rest.getList("items.id");
                assertEquals(1, older.size());
                assertEquals(2, ids.size());
                assertEquals(true, ids.get(0) > ids.get(1) && ids.get(1) > older.get(0));
                admin().queryParam("size", 2).queryParam("page", 2).get("/api/v1/webhooks/" + id + "/deliveries")
                        .then().statusCode(200).body("items.id", contains(older.get(0)))
                        .header("Link", containsString("rel=\"prev\""));
            } finally {
                hooks.delete(id);
            }
        }
    }

    @Test
    void badRegistrationsAre400NamingTheField() {
        // Tests allow loopback targets; a public name would need DNS, which the test machine may lack.
        String url = "http://127.0.0.1:9/hook";
        Object[][] cases = {
                {Map.of("events", List.of("*")), "url"},
                {input("", List.of("*")), "url"},
                {input("ftp://tinh.gov.vn/x", List.of("*")), "url"},
                {input("/relative/path", List.of("*")), "url"},
                {input("http://người dùng@tinh.gov.vn/", List.of("*")), "url"},
                {input("https://user:pass@tinh.gov.vn/", List.of("*")), "url"},
                {input("https://khong-ton-tai.invalid/", List.of("*")), "url"},
                {input(url, List.of()), "events"},
                {input(url, List.of("article.created")), "events"},
                {input(url, "*"), "events"},
                {Map.of("url", url), "events"},
                {Map.of("url", url, "events", List.of("*"), "description", "d".repeat(501)), "description"},
                {Map.of("url", url, "events", List.of("*"), "secret", "whsec_x"), "secret"},
        };
        for (Object[] c : cases) {
            admin().contentType(ContentType.JSON).body(c[0]).post("/api/v1/webhooks").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", startsWith((String) c[1]));
        }
        admin().contentType(ContentType.JSON).body("{\"url\": ").post("/api/v1/webhooks").then().statusCode(400);
        admin().contentType(ContentType.TEXT).body("x").post("/api/v1/webhooks").then().statusCode(415);
    }

    @Test
    void everyEndpointRefusesBadIdsUnknownWebhooksAndBadParameters() {
        try (Receiver receiver = new Receiver()) {
            long id = hooks.register(receiver, "*");
            long other = hooks.register(receiver, "*");
            try {
                String base = "/api/v1/webhooks/";
                admin().get(base + "abc").then().statusCode(400).body("errors[0].field", equalTo("id"));
                admin().get(base + "0").then().statusCode(400);
                admin().get(base + "999999999").then().statusCode(404);
                admin().queryParam("x", 1).get(base + id).then().statusCode(400).body("errors[0].field", equalTo("x"));
                admin().queryParam("x", 1).get("/api/v1/webhooks").then().statusCode(400);
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{}").patch(base + "999999999").then().statusCode(404);
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("[1]").patch(base + id).then().statusCode(400);
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"events\": [\"bai.viet\"]}")
                        .patch(base + id).then().statusCode(400).body("errors[0].field", equalTo("events"));
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"url\": null}")
                        .patch(base + id).then().statusCode(400).body("errors[0].field", equalTo("url"));
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"url\": \"gopher://x\"}")
                        .patch(base + id).then().statusCode(400).body("errors[0].field", equalTo("url"));
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"enabled\": \"có\"}")
                        .patch(base + id).then().statusCode(400);
                admin().contentType("application/merge-patch+json; charset=UTF-8").body("{\"enabled\": null}")
                        .patch(base + id).then().statusCode(400).body("errors[0].field", equalTo("enabled"))
                        .body("errors[0].message", equalTo("must be true or false"));
                admin().delete(base + "999999999").then().statusCode(404);
                admin().delete(base + "-1").then().statusCode(400);
                admin().post(base + "999999999/ping").then().statusCode(404);
                admin().post(base + "x/ping").then().statusCode(400);
                admin().post(base + "999999999/rotate-secret").then().statusCode(404);
                admin().post(base + "x/rotate-secret").then().statusCode(400).body("errors[0].field", equalTo("id"));
                admin().get(base + "999999999/deliveries").then().statusCode(404);
                for (String[] parameter : new String[][] {{"page", "0"}, {"page", "x"}, {"size", "0"}, {"size", "101"},
                        {"page", "501"}, {"cursor", "abc"}, {"since", "1"}}) {
                    admin().queryParam(parameter[0], parameter[1]).get(base + id + "/deliveries").then()
                            .statusCode(400).body("errors[0].field", equalTo(parameter[0]));
                }
                admin().queryParam("page", 1).queryParam("cursor", "5").get(base + id + "/deliveries").then()
                        .statusCode(400).body("errors[0].field", equalTo("cursor"));
                long delivery = ((Number) admin().post(base + id + "/ping").then().statusCode(202).extract().path("id"))
                        .longValue();
                admin().post(base + other + "/deliveries/" + delivery + "/retry").then().statusCode(404);
                admin().post(base + id + "/deliveries/999999999/retry").then().statusCode(404);
                admin().post(base + "999999999/deliveries/" + delivery + "/retry").then().statusCode(404)
                        .body("detail", equalTo("No webhook has the id 999999999"));
                admin().post(base + id + "/deliveries/nope/retry").then().statusCode(400)
                        .body("errors[0].field", equalTo("deliveryId"));
            } finally {
                hooks.delete(id);
                hooks.delete(other);
            }
        }
    }

    @Test
    void onlyAnAdministratorManagesWebhooks() {
        given().get("/api/v1/webhooks").then().statusCode(401);
        given().contentType(ContentType.JSON).body(input("https://tinh.gov.vn/h", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(401);
        String editor = Accounts.tokenFor("EDITOR");
        Accounts.as(editor).get("/api/v1/webhooks").then().statusCode(403);
        Accounts.as(editor).contentType(ContentType.JSON).body(input("https://tinh.gov.vn/h", List.of("*")))
                .post("/api/v1/webhooks").then().statusCode(403);
        Accounts.as(editor).post("/api/v1/webhooks/1/ping").then().statusCode(403);
        Accounts.as(editor).post("/api/v1/webhooks/1/rotate-secret").then().statusCode(403);
    }
}
